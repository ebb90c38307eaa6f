#!/usr/bin/env bash
# Sets cblearn up (scripts/setup.sh) and starts the tutorial. Extra arguments go to `cblearn start`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh" release
exec "$root/.build/release/cblearn" start "$@"
