#!/bin/sh
# Measures `cblearn simulate`: ten simulated minutes of the built-in Black Friday scenario (1,000 page
# requests a second) with the reference breaker in process, with no breaker, and with the step-10
# solutions (Python and Swift) driven over the wire protocol in batches.
#
# Targets (issue 5): under 2 s with the reference breaker and under 10 s with a learner's breaker over the
# protocol, in a release build. The learners' runs are also given as ratios to the reference run.
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

PY="$ROOT/exercises/10-chaos/solution/breaker.py"
SWIFT="$ROOT/exercises/10-chaos/solution/Breaker.swift"
export CBLEARN_CACHE_DIR="$WORK/cache"
# Compile the Swift solution once, outside the timed runs (a check does the same on its first run).
"$CBLEARN" simulate --breaker "$SWIFT" --duration 1s --format json > /dev/null
# The runs alternate between the breakers, so a change in the machine's load touches all of them alike.
for name in reference none python swift; do : > "$WORK/$name.times"; done
run=1
while [ "$run" -le "$RUNS" ]; do
  for name in reference none python swift; do
    case $name in
      python) breaker=$PY ;;
      swift) breaker=$SWIFT ;;
      *) breaker=$name ;;
    esac
    t0=$(now)
    "$CBLEARN" simulate --breaker "$breaker" --duration 10m --format json > "$WORK/$name.json"
    t1=$(now)
    elapsed "$t0" "$t1" >> "$WORK/$name.times"
  done
  run=$((run + 1))
done
for name in python swift; do
  if ! python3 - "$WORK/reference.json" "$WORK/$name.json" <<'PYCHECK'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
for d in (a, b):
    d.pop("breaker", None)
    d.pop("protocolRequests", None)
sys.exit(0 if a == b else 1)
PYCHECK
  then echo "  WARNING: the $name solution's figures differ from the reference's" >&2; fi
done
batches=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['protocolRequests'])" "$WORK/python.json")
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
py=$(best < "$WORK/python.times")
sw=$(best < "$WORK/swift.times")
base=$(best < "$WORK/baseline.times")
echo "simulate, 10m at 1000 req/s, best of $RUNS runs (wall seconds):"
echo "  reference breaker: $ref s  (target < 2 s)"
echo "  no breaker:        $none s"
echo "  baseline: $events events through the event queue: $base s; process start-up: $startup s"
echo "  ratio reference / baseline: $(ratio "$ref" "$base")x"
echo "  ratio none / baseline:      $(ratio "$none" "$base")x"
if [ "$(echo "$ref < 2" | bc)" -eq 1 ]; then echo "  PASS: under 2 s"; else echo "  SLOW: over 2 s (is the machine busy? compare the ratio)"; fi
echo "learners' breakers over the protocol ($batches requests, same figures as the reference):"
echo "  Python solution: $py s  (target < 10 s), $(ratio "$py" "$ref")x the reference run"
echo "  Swift solution:  $sw s  (target < 10 s), $(ratio "$sw" "$ref")x the reference run"
for pair in "Python:$py" "Swift:$sw"; do
  t=${pair#*:}
  if [ "$(echo "$t < 10" | bc)" -eq 1 ]; then echo "  PASS: ${pair%%:*} under 10 s"; else echo "  SLOW: ${pair%%:*} over 10 s (compare the ratio)"; fi
done
