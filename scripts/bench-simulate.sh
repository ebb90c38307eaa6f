#!/bin/sh
# Measures `cblearn simulate`: ten simulated minutes of the built-in Black Friday scenario (1,000 page
# requests a second) with the reference breaker in process, and with no breaker.
#
# Target (issue 5): under 2 s with the reference breaker, in a release build.
# The figure is also reported as a ratio to a baseline measured in the same run and process: pushing and
# popping the same number of events through the simulator's event queue (`--baseline-events`), so the
# ratio says how much the model costs on top of its bare event loop, whatever the machine's load.
# Usage: scripts/bench-simulate.sh [RUNS=3]
# Set CBLEARN=path/to/cblearn to skip the release build.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-3}
if [ -z "${CBLEARN:-}" ]; then
  swift build -c release --package-path "$ROOT" --scratch-path "$ROOT/.build-sim-release" --product cblearn >&2
  CBLEARN="$ROOT/.build-sim-release/release/cblearn"
fi
export CBLEARN_HOME="$ROOT"
WORK=$(mktemp -d /tmp/cblearn-bench-sim.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }
ratio() { echo "scale=2; $1 / $2" | bc; }
best() { sort -n | head -1; }

for breaker in reference none; do
  : > "$WORK/$breaker.times"
  run=1
  while [ "$run" -le "$RUNS" ]; do
    t0=$(now)
    "$CBLEARN" simulate --breaker "$breaker" --duration 10m --format json > "$WORK/$breaker.json"
    t1=$(now)
    elapsed "$t0" "$t1" >> "$WORK/$breaker.times"
    run=$((run + 1))
  done
done
events=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['events'])" "$WORK/reference.json")
: > "$WORK/baseline.times"
run=1
while [ "$run" -le "$RUNS" ]; do
  "$CBLEARN" simulate --baseline-events "$events" >> "$WORK/baseline.times"
  run=$((run + 1))
done
t0=$(now)
"$CBLEARN" --version > /dev/null
t1=$(now)
startup=$(elapsed "$t0" "$t1")

ref=$(best < "$WORK/reference.times")
none=$(best < "$WORK/none.times")
base=$(best < "$WORK/baseline.times")
echo "simulate, 10m at 1000 req/s, best of $RUNS runs (wall seconds):"
echo "  reference breaker: $ref s  (target < 2 s)"
echo "  no breaker:        $none s"
echo "  baseline: $events events through the event queue: $base s; process start-up: $startup s"
echo "  ratio reference / baseline: $(ratio "$ref" "$base")x"
echo "  ratio none / baseline:      $(ratio "$none" "$base")x"
if [ "$(echo "$ref < 2" | bc)" -eq 1 ]; then echo "  PASS: under 2 s"; else echo "  SLOW: over 2 s (is the machine busy? compare the ratio)"; fi
