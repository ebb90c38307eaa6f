#!/usr/bin/env bash
# Measures how often the race checks (race.*) catch breakers with a check-then-act race, and confirms they
# never fail the reference solutions: every breaker runs its race check RUNS times (default 100), seeds 1…RUNS.
# Prints one line per breaker; docs/races.md records the figures.
#   bash scripts/race-detection.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
CBLEARN_RACE_RUNS="${1:-100}" swift test --filter "RaceDetection" 2>&1 | grep -E "^RACE|✔|✘|error:"
