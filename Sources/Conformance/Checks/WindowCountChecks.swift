/// Step 8: a count window's verdict after a success, its capped minimum, its exact rate and its totals.
enum WindowCountChecks {
  static let all: [Check] = [
    Check(
      id: "window.judged-after-success", title: "A success can complete the verdict", category: "window", step: 8,
      expectation:
        "window of 4, minimum 4, 40 %: fail, fail, ok leaves the breaker CLOSED (3 calls); the next success makes 2 failures of 4 (50 %) and opens it",
      motivation:
        "Judging the rate only after a failure misses the call that completes the minimum: resilience4j judges after every outcome, and a window that fills on a success is as failed as one that fills on a failure.",
      knobs: ["trip_evaluation"],
      applies: { p, c in p.tripEvaluation == .everyOutcome && WindowChecks.uses(.count)(p, c) },
      adjust: WindowChecks.window(.count, 4, min: 4, rate: 40)
    ) { s in
      try s.failures(2, "two failures")
      try s.expect(try s.call(.success), .success, invoked: true, "a success: 3 calls, below the minimum")
      try s.expectState(.closed, "3 calls in the window (minimum 4)")
      try s.expect(try s.call(.success), .success, invoked: true, "a second success: the fourth call")
      try s.expectState(.open, "2 failures of 4 calls (50 % against 40 %), judged after the success")
      try s.expectRejected("the very next call")
    },
    Check(
      id: "window.minimum-capped", title: "The minimum is capped by the window", category: "window", step: 8,
      expectation: "window of 3 calls, minimum_calls 5, 50 %: three failures fill the window and open the breaker",
      motivation:
        "A count window never holds more than its size: without the cap (resilience4j caps it) a minimum above the size is never reached and the breaker never opens.",
      knobs: ["trip_rule"], applies: WindowChecks.uses(.count), adjust: WindowChecks.window(.count, 3, min: 5, rate: 50)
    ) { s in
      try s.failures(2, "two failures")
      try s.expectState(.closed, "2 calls in a window of 3 (minimum capped to 3)")
      try s.failures(1, trips: true, "a third failure fills the window")
      try s.expectState(.open, "3 failures of 3 calls, the window's size reached")
    },
    Check(
      id: "window.rate-not-truncated", title: "1 of 3 is 33.33 %, not 33 %", category: "window", step: 8,
      expectation:
        "window of 3, threshold 33.3 %: ok, ok, fail (33.33 %) opens the breaker, under `ge` and `gt` alike",
      motivation:
        "Integer division (failures × 100 // calls) truncates 33.33 % to 33 % and misses a fractional threshold: compare failures × 100 with threshold × calls.",
      knobs: ["rate_comparison"], applies: WindowChecks.uses(.count),
      adjust: WindowChecks.window(.count, 3, min: 3, rate: 33.3)
    ) { s in
      for i in 1...2 { try s.expect(try s.call(.success), .success, invoked: true, "success \(i)") }
      try s.failures(1, trips: true, "a failure: 1 of 3 calls")
      try s.expectState(.open, "1 failure of 3 calls (33.33 % against 33.3 %)")
    },
    Check(
      id: "window.count-totals-after-eviction", title: "An evicted failure leaves the totals",
      category: "window", step: 8,
      expectation:
        "window of 4, minimum 4, 40 %: fail, then four successes push the failure out; one more failure is 1 of 4 (25 %) and the breaker stays CLOSED; a second is 2 of 4 and opens it",
      motivation:
        "A ring buffer with running totals must subtract the outcome it overwrites; resilience4j#1335 drifted its totals, and a failure gone from the window kept tripping the breaker.",
      knobs: ["trip_rule"], applies: WindowChecks.uses(.count), adjust: WindowChecks.window(.count, 4, min: 4, rate: 40)
    ) { s in
      try s.failures(1, "a failure")
      for i in 1...4 { try s.expect(try s.call(.success), .success, invoked: true, "success \(i)") }
      try s.expectState(.closed, "0 failures in the last 4 calls")
      try s.failures(1, "a failure after the first one left the window")
      try s.expectState(.closed, "1 failure in the last 4 calls (25 % against 40 %)")
      try s.failures(1, trips: true, "another failure")
      try s.expectState(.open, "2 failures in the last 4 calls (50 % against 40 %)")
    },
  ]
}
