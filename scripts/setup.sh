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
if ! command -v swift >/dev/null 2>&1; then
  echo "cblearn setup: the Swift toolchain (6.1 or later) is needed: https://www.swift.org/install/" >&2
  exit 1
fi
swift build -c "$configuration" --product cblearn >&2
