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
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift test 2>&1 | tee "$log"
# A plain closing line for tools that read one: the Swift Testing summary, restated.
passed=$(sed -n 's/.*Test run with \([0-9][0-9]*\) tests\{0,1\} in .* passed after.*/\1/p' "$log" | tail -n 1)
if [ -n "$passed" ]; then echo "tests: ${passed} passed, 0 failed"; fi
