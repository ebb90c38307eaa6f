#!/usr/bin/env bash
# Benchmarks of `cblearn check` and the protocol (docs/benchmarks.md). Each figure is printed with the
# baseline it is compared with, measured in the same run, because shared machines are noisy.
# Usage: scripts/bench-check.sh [rounds]     (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
swift build -c release --product cblearn >/dev/null 2>&1 || swift build -c release --product cblearn
bin=.build/release/cblearn
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
export CBLEARN_CACHE_DIR="$cache"

now() { date +%s%N; }
# median of the arguments (milliseconds)
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# time_ms CMD...: milliseconds one run takes (exit status ignored: failing checks exit 1)
time_ms() { local s e; s=$(now); "$@" >/dev/null 2>&1 || true; e=$(now); echo $(((e - s) / 1000000)); }

py3=exercises/03-basic-breaker/solution/breaker.py
sw3=exercises/03-basic-breaker/solution/Breaker.swift
py9=exercises/09-slow-calls-bulkhead/solution/breaker.py
sw9=exercises/09-slow-calls-bulkhead/solution/Breaker.swift

echo "== protocol round trip (median of $rounds rounds, cblearn bench)"
"$bin" bench --file "$py3" --rounds "$rounds"
"$bin" bench --file "$sw3" --rounds "$rounds"

echo
echo "== cblearn check, end to end (explore.model-agrees included unless --explore-runs 0)"
declare -a version py swarm whole_py whole_sw bare_py bare_sw
for _ in $(seq "$rounds"); do
  version+=("$(time_ms "$bin" --version)")
  py+=("$(time_ms "$bin" check 3 "$py3")")
  swarm+=("$(time_ms "$bin" check 3 "$sw3")")
  whole_py+=("$(time_ms "$bin" check 9 "$py9")")
  whole_sw+=("$(time_ms "$bin" check 9 "$sw9")")
  bare_py+=("$(time_ms "$bin" check 9 "$py9" --explore-runs 0)")
  bare_sw+=("$(time_ms "$bin" check 9 "$sw9" --explore-runs 0)")
done
v=$(median "${version[@]}")
# ratio A B: A/B with one decimal
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b < 1) b = 1; printf "%.1f", a / b }'; }
wp=$(median "${whole_py[@]}"); ws=$(median "${whole_sw[@]}"); bp=$(median "${bare_py[@]}"); bs=$(median "${bare_sw[@]}")
echo "cblearn --version (baseline):               $v ms"
echo "check 3, Python solution:                   $(median "${py[@]}") ms   (target < 1500 ms)"
echo "check 3, Swift solution, warm (cached):     $(median "${swarm[@]}") ms   (target < 500 ms)"
echo "check 9 (scripted checks only), Python:     $bp ms"
echo "check 9 (scripted checks only), Swift:      $bs ms"
echo "check 9, Python, explore included:          $wp ms   $(ratio "$wp" "$v")x --version, $(ratio "$wp" "$bp")x scripted only   (target < 1500 ms)"
echo "check 9, Swift warm, explore included:      $ws ms   $(ratio "$ws" "$v")x --version, $(ratio "$ws" "$bs")x scripted only   (target < 500 ms)"

echo
echo "== Swift cold check against a bare swiftc compile, and against the floor"
# The floor: the learner's file alone with a one-line main and the adapter's types it names (the head of
# Support.swift, up to the scripted errors). A cold check compiles the learner's file with the adapter's glue
# (main.swift) against the runtime module cached by the first check above, then runs the checks.
floor_types=$(mktemp -d)
# Support.swift's clock storage uses the runtime's racing lock; the floor takes Foundation's.
awk '/^\/\/\/ The counted failure/ { exit } { print }' adapters/swift/Support.swift \
  | sed 's/PausingLock()/NSLock()/' >"$floor_types/Types.swift"
echo 'print(0)' >"$floor_types/main.swift"
# The floor must compile: a failed compile is fast, and a ratio against it means nothing.
{ cat "$sw3"; echo "// floor probe"; } >"$floor_types/Breaker.swift"
if ! swiftc -Onone -wmo -swift-version 6 -module-name LearnerBreaker -suppress-warnings "$floor_types/main.swift" \
  "$floor_types/Types.swift" "$floor_types/Breaker.swift" -o "$floor_types/probe"; then
  echo "bench-check: the floor does not compile (see above); fix the floor's types before comparing" >&2
  exit 1
fi
declare -a cold bare floor
for i in $(seq "$rounds"); do
  work=$(mktemp -d)
  # A fresh copy with a unique comment, so neither the cache nor the compiler can reuse anything.
  { cat "$sw3"; echo "// bench $i $(now)"; } >"$work/Breaker.swift"
  bare+=("$(time_ms swiftc -Onone -wmo -swift-version 6 -module-name LearnerBreaker -suppress-warnings -enforce-exclusivity=unchecked adapters/swift/*.swift "$work/Breaker.swift" -o "$work/bare")")
  { cat "$sw3"; echo "// bench floor $i $(now)"; } >"$work/Breaker.swift"
  floor+=("$(time_ms swiftc -Onone -wmo -swift-version 6 -module-name LearnerBreaker -suppress-warnings "$floor_types/main.swift" "$floor_types/Types.swift" "$work/Breaker.swift" -o "$work/floor")")
  { cat "$sw3"; echo "// bench cold $i $(now)"; } >"$work/Breaker.swift"
  cold+=("$(time_ms "$bin" check 3 "$work/Breaker.swift")")
  rm -rf "$work"
done
rm -rf "$floor_types"
b=$(median "${bare[@]}"); c=$(median "${cold[@]}"); f=$(median "${floor[@]}")
echo "bare swiftc, whole adapter at -Onone:        $b ms"
echo "floor: the file, its types, a one-line main: $f ms"
echo "cold check (compile + run):                  $c ms   $(ratio "$c" "$f")x the floor (target <= 1.6x), $(ratio "$c" "$b")x bare"

echo
echo "== cblearn start on an existing workspace (to the first prompt and out again)"
ws=$(mktemp -d)
printf 'quit\n' | "$bin" start --workspace "$ws/w" --track python >/dev/null 2>&1
declare -a start ver2
for _ in $(seq "$rounds"); do
  ver2+=("$(time_ms "$bin" --version)")
  s=$(now); printf 'quit\n' | "$bin" start --workspace "$ws/w" >/dev/null 2>&1 || true; e=$(now)
  start+=("$(((e - s) / 1000000))")
done
rm -rf "$ws"
v=$(median "${ver2[@]}"); st=$(median "${start[@]}")
echo "cblearn --version (baseline):                $v ms"
echo "start, prompt, quit:                         $st ms   overhead $((st - v)) ms (target: prompt within 100 ms)"

echo
echo "== explore mode: 1000 sequences of 50 operations"
declare -a exsw expy
for _ in $(seq "$rounds"); do
  exsw+=("$(time_ms "$bin" check 5 exercises/05-half-open/solution/Breaker.swift --explore --runs 1000 --length 50)")
done
echo "explore, Swift step-5 solution:              $(median "${exsw[@]}") ms   (target < 5000 ms)"
