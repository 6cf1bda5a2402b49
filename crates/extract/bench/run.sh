#!/usr/bin/env bash
# Runs the extract benchmark and Python trafilatura on the same pages, one thread each.
# Usage: crates/extract/bench/run.sh [CORPUS_DIR]   (from the workspace root)
set -euo pipefail
corpus="${1:-../shared/bench/trafilatura-eval}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
venv="${TRAFILATURA_VENV:-$root/target/venv-trafilatura}"

echo "== extract (Rust, this crate)"
CARGO_TARGET_DIR="$target" cargo run --quiet --release -p extract --example eval -- "$corpus"

echo
echo "== trafilatura (Python, PyPI)"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet trafilatura lxml_html_clean
fi
"$venv/bin/python" "$here/trafilatura_eval.py" "$corpus"
