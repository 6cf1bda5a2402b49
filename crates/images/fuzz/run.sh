#!/usr/bin/env bash
# Runs the images fuzz target (probe + derive on any bytes) for SECONDS on
# one core, growing fuzz/corpus/probe_derive, then minimises the corpus.
#
#   crates/images/fuzz/run.sh [SECONDS]            # default: 600 s
#   SANITIZER=none crates/images/fuzz/run.sh 60    # without AddressSanitizer
#
# Stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags.
# A crash stops the script and leaves the input in fuzz/artifacts/probe_derive/.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
t=probe_derive
export RUSTC_BOOTSTRAP=1
mkdir -p fuzz/logs "fuzz/corpus/$t"
echo "== $t: ${secs}s (sanitizer ${SANITIZER:-address})"
cargo fuzz run --sanitizer "${SANITIZER:-address}" -O "$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=20 -max_len=65536 \
    -print_final_stats=1 2>&1 | tee "fuzz/logs/$t.log" | grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY)' || true
if ! grep -q '^Done ' "fuzz/logs/$t.log"; then
    echo "$t did not finish cleanly; see fuzz/logs/$t.log and fuzz/artifacts/$t/" >&2
    exit 1
fi
cargo fuzz cmin --sanitizer "${SANITIZER:-address}" -O "$t" -- -max_len=65536 2>&1 | tail -n 2
