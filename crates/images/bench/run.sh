#!/usr/bin/env bash
# The images benchmark on real photographs, beside libvips, in one command:
#
#   crates/images/bench/run.sh [DIR]
#
# Without DIR it uses the 12 nature photographs of Debian's mate-backgrounds
# package (JPEG, 1.3-5.1 Mpx, GPL-2+, authors in the package's copyright
# file), unpacked once into ${NEWSBRIDGE_PHOTOS:-/tmp/newsbridge-photos}
# without installing the package. Installs libvips-tools (vipsthumbnail)
# when missing. Then the bytes of whole article pages (the sample
# publisher's pictures) against what a phone downloads. Stop your builds
# first: the figures are CPU time.
#
#   ENCODERS=1 crates/images/bench/run.sh   # also the per-encoder figures (compiles jpeg-encoder and ravif)
set -euo pipefail
cd "$(dirname "$0")/../../.."

dir="${1:-}"
if [ -z "$dir" ]; then
  dir="${NEWSBRIDGE_PHOTOS:-/tmp/newsbridge-photos}"
  if ! ls "$dir"/*.jpg >/dev/null 2>&1; then
    echo "== fetching mate-backgrounds' photographs into $dir" >&2
    tmp="$(mktemp -d)"
    (cd "$tmp" && { apt-get download mate-backgrounds >/dev/null 2>&1 || { apt-get update -qq && apt-get download mate-backgrounds >/dev/null; }; })
    dpkg -x "$tmp"/mate-backgrounds_*.deb "$tmp/x"
    mkdir -p "$dir"
    cp "$tmp"/x/usr/share/backgrounds/mate/nature/*.jpg "$dir"/
    cp "$tmp"/x/usr/share/doc/mate-backgrounds/copyright "$dir"/COPYRIGHT
    rm -rf "$tmp"
  fi
fi
if ! command -v vipsthumbnail >/dev/null 2>&1; then
  echo "== installing libvips-tools (Debian)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends libvips-tools >/dev/null
fi
echo "== machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); vips $(vips --version)"
cargo run --quiet --release -p images --example bench -- "$dir" --rounds "${ROUNDS:-3}"
echo "== whole article pages: the sample publisher's 37 articles, fetched over loopback"
cargo run --quiet --release -p images --example page_bytes
if [ -n "${ENCODERS:-}" ]; then
  command -v nasm >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq nasm >/dev/null; }
  cargo run --quiet --release -p images --features bench-alternatives --example encoders -- "$dir"
fi
