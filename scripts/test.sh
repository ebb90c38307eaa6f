#!/usr/bin/env bash
# Sets cblearn up and runs every test: the lint, the Swift test suite (unit, golden, end-to-end, REPL).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh debug
if swift format --version >/dev/null 2>&1; then
  echo "== swift format lint" >&2
  swift format lint --strict --recursive Sources Tests
fi
echo "== swift test" >&2
swift test
