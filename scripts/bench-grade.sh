#!/bin/sh
# Measures `cblearn grade` against baselines taken in the same run, with the same parallelism:
#   Python: 200 submissions of step 3 vs. starting `python3 -c pass` 200 times (target: grade under 60 s
#           on 2 cores);
#   Swift:  N submissions of step 3 (each a distinct file, so each compiles) vs. compiling the same files
#           with swiftc and the whole adapter (target: grade within 1.2x of the compiles), and vs. the floor:
#           each file with the types it names and a one-line main. Graded twice: in a fresh cache (the
#           adapter's runtime is built once, first) and again with new copies once the runtime is cached.
# Usage: scripts/bench-grade.sh [PY_COUNT=200] [SWIFT_COUNT=8] [JOBS=2]
# Set CBLEARN=path/to/cblearn to skip the release build.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY_COUNT=${1:-200}
SWIFT_COUNT=${2:-8}
JOBS=${3:-2}
if [ -z "${CBLEARN:-}" ]; then
  swift build -c release --package-path "$ROOT" --scratch-path "$ROOT/.build-grade-release" --product cblearn >&2
  CBLEARN="$ROOT/.build-grade-release/release/cblearn"
fi
export CBLEARN_HOME="$ROOT"
WORK=$(mktemp -d /tmp/cblearn-bench-grade.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }
ratio() { echo "scale=2; $1 / $2" | bc; }

# --- Python ---------------------------------------------------------------------------------------
EX="$ROOT/exercises/03-basic-breaker"
i=1
while [ "$i" -le "$PY_COUNT" ]; do
  d="$WORK/py/student-$(printf %03d "$i")"
  mkdir -p "$d"
  if [ $((i % 4)) -eq 0 ]; then cp "$EX/python/breaker.py" "$d/breaker.py"; else cp "$EX/solution/breaker.py" "$d/breaker.py"; fi
  echo "# student $i" >> "$d/breaker.py"
  i=$((i + 1))
done
# The interpreter grading runs (a pyenv/asdf shim resolved to the real python3, as `cblearn grade` does).
PYTHON=$(python3 -c 'import sys; print(sys.executable)')
t0=$(now)
seq "$PY_COUNT" | xargs -P "$JOBS" -I{} "$PYTHON" -c pass
t1=$(now)
py_base=$(elapsed "$t0" "$t1")
t0=$(now)
"$CBLEARN" grade "$WORK/py" --step 3 --jobs "$JOBS" --force --out "$WORK/py-out" --format csv > /dev/null 2> "$WORK/py.log"
t1=$(now)
py_grade=$(elapsed "$t0" "$t1")
py_rows=$(($(wc -l < "$WORK/py-out/gradebook.csv") - 1))

# --- Swift ----------------------------------------------------------------------------------------
ADAPTER=$(ls "$ROOT"/adapters/swift/*.swift | sort)
i=1
while [ "$i" -le "$SWIFT_COUNT" ]; do
  d="$WORK/swift/student-$(printf %03d "$i")"
  mkdir -p "$d"
  cp "$EX/solution/Breaker.swift" "$d/Breaker.swift"
  echo "// student $i $$" >> "$d/Breaker.swift"
  i=$((i + 1))
done
t0=$(now)
ls "$WORK"/swift/*/Breaker.swift | xargs -P "$JOBS" -I{} sh -c \
  'swiftc -Onone -wmo -swift-version 6 -module-name LearnerBreaker -suppress-warnings -enforce-exclusivity=unchecked $0 "$1" -o "$1.bin"' "$ADAPTER" {}
t1=$(now)
sw_base=$(elapsed "$t0" "$t1")
rm -f "$WORK"/swift/*/Breaker.swift.bin
# The floor (as in bench-check.sh): the file, the head of Support.swift with Foundation's lock, a main.
FLOOR="$WORK/floor"
mkdir -p "$FLOOR"
awk '/^\/\/\/ The counted failure/ { exit } { print }' "$ROOT/adapters/swift/Support.swift" \
  | sed 's/PausingLock()/NSLock()/' > "$FLOOR/Types.swift"
echo 'print(0)' > "$FLOOR/main.swift"
t0=$(now)
ls "$WORK"/swift/*/Breaker.swift | xargs -P "$JOBS" -I{} sh -c \
  'swiftc -Onone -wmo -swift-version 6 -module-name LearnerBreaker -suppress-warnings "$0/main.swift" "$0/Types.swift" "$1" -o "$1.floor" || echo "the floor did not compile" >&2' "$FLOOR" {}
t1=$(now)
sw_floor=$(elapsed "$t0" "$t1")
rm -f "$WORK"/swift/*/Breaker.swift.floor
t0=$(now)
CBLEARN_CACHE_DIR="$WORK/swift-cache" "$CBLEARN" grade "$WORK/swift" --step 3 --jobs "$JOBS" --force \
  --out "$WORK/swift-out" --format csv > /dev/null 2> "$WORK/swift.log"
t1=$(now)
sw_grade=$(elapsed "$t0" "$t1")
# New copies, so every file compiles again, with the runtime now cached.
for f in "$WORK"/swift/*/Breaker.swift; do echo "// again $$" >> "$f"; done
t0=$(now)
CBLEARN_CACHE_DIR="$WORK/swift-cache" "$CBLEARN" grade "$WORK/swift" --step 3 --jobs "$JOBS" --force \
  --out "$WORK/swift-out2" --format csv > /dev/null 2> "$WORK/swift2.log"
t1=$(now)
sw_warm=$(elapsed "$t0" "$t1")

echo "## grade benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, --jobs $JOBS)"
echo "python: $py_rows submissions graded in ${py_grade}s (target < 60s); baseline $PYTHON -c pass x$PY_COUNT: ${py_base}s; ratio $(ratio "$py_grade" "$py_base")"
echo "swift: $SWIFT_COUNT submissions graded in ${sw_grade}s in a fresh cache (runtime built first), ${sw_warm}s with the runtime cached"
echo "  baseline swiftc with the whole adapter: ${sw_base}s; ratio $(ratio "$sw_grade" "$sw_base") fresh, $(ratio "$sw_warm" "$sw_base") cached (target <= 1.2)"
echo "  the floor (each file, its types, a one-line main): ${sw_floor}s; ratio $(ratio "$sw_warm" "$sw_floor") cached"
grep -h "passed .* failed" "$WORK/py.log" "$WORK/swift.log" | sed 's/^/  counts: /' || true
