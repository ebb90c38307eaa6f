#!/usr/bin/env bash
# Installs what cblearn needs on Debian/Ubuntu (when missing) and builds it.
# Usage: scripts/setup.sh [debug|release]   (default: release)
set -euo pipefail
cd "$(dirname "$0")/.."
configuration="${1:-release}"

need=()
[ -f /usr/include/histedit.h ] || need+=(libedit-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
if [ ${#need[@]} -gt 0 ]; then
  echo "cblearn setup: installing ${need[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if command -v apt-get >/dev/null 2>&1; then
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "cblearn setup: please install ${need[*]} with your package manager" >&2
    exit 1
  fi
fi
# greenlet lets the Python adapter run the cascade simulator's overlapping calls on one thread (`batch`).
# cblearn runs the adapter with `python3 -I`, which ignores the user site-packages: so no `pip --user`.
if command -v python3 >/dev/null 2>&1 && ! python3 -I -c 'import greenlet' >/dev/null 2>&1; then
  prefix="$(python3 -I -c 'import sys; print(sys.prefix)' 2>/dev/null || true)"
  if [ "$prefix" = /usr ] && command -v apt-get >/dev/null 2>&1; then
    echo "cblearn setup: installing python3-greenlet" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-greenlet >/dev/null 2>&1 \
      || { $sudo apt-get update -qq >/dev/null 2>&1 \
        && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-greenlet >/dev/null 2>&1; } || true
  elif [ -n "$prefix" ] && [ "$prefix" != /usr ]; then
    echo "cblearn setup: installing greenlet for $(command -v python3) with pip" >&2
    python3 -m pip install --quiet --disable-pip-version-check greenlet >/dev/null 2>&1 || true
  fi
  if ! python3 -I -c 'import greenlet' >/dev/null 2>&1; then
    echo "cblearn setup: greenlet is not installed for python3; simulations of Python breakers will be slower without it" >&2
  fi
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "cblearn setup: the Swift toolchain (6.1 or later) is needed: https://www.swift.org/install/" >&2
  exit 1
fi
swift build -c "$configuration" --product cblearn >&2
