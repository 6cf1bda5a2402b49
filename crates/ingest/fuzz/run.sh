#!/usr/bin/env bash
# Runs every ingest fuzz target (or the ones named) for SECONDS each, one
# after the other on one core, growing fuzz/corpus/<target>.
#
#   crates/ingest/fuzz/run.sh [SECONDS] [TARGET...]     # default: 600 s, all targets
#   SANITIZER=none crates/ingest/fuzz/run.sh 60 feed    # without AddressSanitizer
#
# Stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags.
# A crash stops the script and leaves the input in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(feed sitemap listing autodiscover charset)
fi
export RUSTC_BOOTSTRAP=1
mkdir -p fuzz/logs
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    echo "== $t: ${secs}s (sanitizer ${SANITIZER:-address})"
    cargo fuzz run --sanitizer "${SANITIZER:-address}" -O "$t" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -max_len=262144 \
        -print_final_stats=1 2>&1 | tee "fuzz/logs/$t.log" | grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY)' || true
    if ! grep -q '^Done ' "fuzz/logs/$t.log"; then
        echo "$t did not finish cleanly; see fuzz/logs/$t.log and fuzz/artifacts/$t/" >&2
        exit 1
    fi
done
