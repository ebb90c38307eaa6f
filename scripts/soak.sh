#!/usr/bin/env bash
# Repeats `cblearn check` on every reference solution to find flaky results (issue 3: no flaky result
# across 50 repetitions). Usage: scripts/soak.sh [repetitions]   (default 50)
set -euo pipefail
cd "$(dirname "$0")/.."
repetitions="${1:-50}"
swift build -c release --product cblearn >/dev/null
bin=.build/release/cblearn
flaky=0
for dir in exercises/0[2-9]-*; do
  step=${dir#exercises/0}; step=${step%%-*}
  for file in "$dir"/solution/breaker.py "$dir"/solution/Breaker.swift; do
    [ -f "$file" ] || continue
    first=""
    for i in $(seq "$repetitions"); do
      out=$("$bin" check "$step" "$file" --format json --seed 1 | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["passed"], sum(c["status"]!="pass" for c in d["checks"]))') || true
      if [ "$out" != "True 0" ]; then
        echo "FLAKY or FAILING: step $step $file repetition $i -> $out"
        flaky=$((flaky + 1))
      fi
    done
    echo "step $step $(basename "$file"): $repetitions runs checked"
  done
done
echo "$flaky runs did not pass cleanly"
[ "$flaky" -eq 0 ]
