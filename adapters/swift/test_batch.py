#!/usr/bin/env python3
"""Checks the Swift adapter's `batch` operation (docs/protocol.md, "Batches of overlapping calls").

Compiles the adapter with the step-10 solution (and with a breaker that holds its lock while the operation
runs) into a temporary folder, drives it over JSON lines and exits non-zero on any failure.

    python3 adapters/swift/test_batch.py            # checks, coroutines and the thread fallback
    python3 adapters/swift/test_batch.py --bench    # also: microseconds per call, batch vs begin/finish vs call
    python3 adapters/swift/test_batch.py --keep DIR # build into DIR and keep it

The compiler flags are read from Sources/Subjects/SwiftBuilder.swift, so the build is the one cblearn makes.
"""

import concurrent.futures
import json
import os
import random
import re
import select
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SOLUTION = os.path.join(ROOT, "exercises", "10-chaos", "solution", "Breaker.swift")
LOCK_MUTANT = os.path.join(ROOT, "mutants", "swift", "lock-held-during-call.swift")
CLOCK = 1764403200
CONFIG = {"failure_threshold": 5, "recovery_timeout": 30, "half_open_max_calls": 1, "max_concurrent_calls": 8}
SECOND = 1_000_000_000

LOCKED_BREAKER = """
import Foundation

struct CircuitOpenError: Error {}

/// A buggy breaker: it holds its lock while the operation runs, so calls cannot overlap.
final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  private let configuration: BreakerConfiguration
  private let clock: C
  private let lock = NSLock()
  private var current: BreakerState = .closed
  private var failures = 0

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
  }

  var state: BreakerState { STATE }

  func call<T>(_ operation: () throws -> T) throws -> T {
    try lock.withLock {
      if current == .open { throw CircuitOpenError() }
      do {
        let value = try operation()
        failures = 0
        return value
      } catch {
        if configuration.isFailure(error) {
          failures += 1
          if failures >= configuration.failureThreshold { current = .open }
        }
        throw error
      }
    }
  }
}
"""

FOREIGN_THREAD_BREAKER = """
import Foundation

struct CircuitOpenError: Error {}

final class Box<T>: @unchecked Sendable { var value: T? }

/// Runs the operation on a thread of its own and waits for it: a batch cannot suspend it.
final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  init(configuration: BreakerConfiguration, clock: C) {}
  var state: BreakerState { .closed }
  func call<T>(_ operation: () throws -> T) throws -> T {
    try withoutActuallyEscaping(operation) { op in
      nonisolated(unsafe) let run = op
      let box = Box<Result<T, any Error>>()
      let done = DispatchSemaphore(value: 0)
      Thread { box.value = Result { try run() }; done.signal() }.start()
      done.wait()
      return try box.value!.get()
    }
  }
}
"""

MODIFY_ACROSS_BREAKER = """
import Foundation

struct CircuitOpenError: Error {}

struct Tally {
  var running = 0
  var calls = 0
  /// A mutating method: the caller's modify access to the tally lasts until the operation returns.
  mutating func track<T>(_ operation: () throws -> T) rethrows -> T {
    running += 1
    calls += 1
    defer { running -= 1 }
    return try operation()
  }
}

/// Keeps a modify access to a stored property across its operation: on one thread, overlapping calls would
/// look like an exclusivity conflict unless the build says -enforce-exclusivity=unchecked.
final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  private var tally = Tally()
  init(configuration: BreakerConfiguration, clock: C) {}
  var state: BreakerState { .closed }
  func call<T>(_ operation: () throws -> T) throws -> T { try tally.track(operation) }
}
"""

QUIRKY_BREAKER = """
import Foundation

struct CircuitOpenError: Error {}
struct Refused: Error {}

/// Every third call throws its own error without running the operation; a failed operation comes back as a
/// rejection; an ignored one is retried once.
final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  private var calls = 0
  init(configuration: BreakerConfiguration, clock: C) {}
  var state: BreakerState { .closed }
  func call<T>(_ operation: () throws -> T) throws -> T {
    calls += 1
    if calls % 3 == 0 { throw Refused() }
    do { return try operation() } catch is ServiceError { throw CircuitOpenError() } catch { return try operation() }
  }
}
"""

failures = []


def check(condition, what):
    if condition:
        print(f"  ok    {what}")
    else:
        print(f"  FAIL  {what}")
        failures.append(what)


def builder_flags():
    text = open(os.path.join(ROOT, "Sources", "Subjects", "SwiftBuilder.swift")).read()
    match = re.search(r"static let flags = \[(.*?)\]", text, re.S)
    return re.findall(r'"([^"]*)"', match.group(1))


def compile_adapter(breaker_file, output, extra=(), quiet=False):
    sources = sorted(os.path.join(HERE, n) for n in os.listdir(HERE) if n.endswith(".swift"))
    command = [os.environ.get("SWIFTC", "swiftc")] + builder_flags() + list(extra) + sources + [breaker_file, "-o", output]
    started = time.time()
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"compiling {breaker_file} failed:\n{result.stdout}{result.stderr}")
    if not quiet:
        print(f"built {os.path.basename(output)} in {time.time() - started:.1f} s ({' '.join(builder_flags() + list(extra))})")


class Subject:
    def __init__(self, binary, grace_ms=300):
        self.process = subprocess.Popen(
            [binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
        self.next_id = 1
        hello = self.request("hello", protocol=1, grace_ms=grace_ms)
        self.features = hello.get("features", [])

    def send_line(self, line, deadline=10):
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        # A deadline, so a watchdog that never fires fails the run instead of hanging it.
        ready, _, _ = select.select([self.process.stdout], [], [], deadline)
        if not ready:
            self.process.kill()
            raise TimeoutError(f"no reply within {deadline} s to {line[:200]}")
        reply = self.process.stdout.readline()
        if not reply:
            raise EOFError("the subject closed its output")
        return json.loads(reply)

    def request(self, op, **fields):
        message = {"id": self.next_id, "op": op, **fields}
        self.next_id += 1
        reply = self.send_line(json.dumps(message, separators=(",", ":")))
        assert reply.get("id") == message["id"], reply
        return reply

    def create(self, name="pricing", config=CONFIG, clock=CLOCK):
        fields = {"breaker": name, "config": config}
        if clock is not None:
            fields["clock"] = clock
        return self.request("create", **fields)

    def batch(self, events):
        return self.request("batch", events=events)

    def close(self):
        try:
            self.process.stdin.close()
        except BrokenPipeError:
            pass
        self.process.wait(timeout=10)


def sequential(subject, events):
    """The same events through begin/finish/advance: what `batch` must match."""
    outcomes = {}
    for event in events:
        if event[1] == "f":
            outcomes[event[2]] = event[3]
    results, states, running = "", "", set()
    for dt, kind, a, b in events:
        if dt:
            subject.request("advance", seconds=dt / SECOND)
        if kind == "b":
            reply = subject.request("begin", breaker=a, call="seq-" + b, outcome=outcomes.get(b, "success"), fallback=False)
            if reply.get("status") == "running":
                results += "r"
                running.add(b)
            elif reply.get("status") == "completed" and reply.get("result") == "rejected" and not reply.get("invoked"):
                results += "x"
            else:
                results += "e"
        else:
            reply = subject.request("finish", call="seq-" + a)
            results += "d" if reply.get("result") == b else "e"
        states += {"CLOSED": "C", "OPEN": "O", "HALF_OPEN": "H"}[reply["state"]]
    return results, states


def scenario_events():
    """Overlapping calls: 5 failures open the breaker; later begins are rejected; a trial after the timeout."""
    events = [[0, "b", "pricing", str(i)] for i in range(1, 6)]
    events += [[1_000_000, "f", str(i), "failure"] for i in range(1, 6)]
    events += [[0, "b", "pricing", "6"], [5 * SECOND, "b", "pricing", "7"]]
    events += [[30 * SECOND, "b", "pricing", "8"], [0, "b", "pricing", "9"], [0, "b", "pricing", "10"]]
    events += [[2_000_000, "f", "8", "success"], [0, "b", "pricing", "11"], [0, "f", "11", "ignored"]]
    return events


def check_subject(binary, label):
    print(f"-- {label}")
    s = Subject(binary)
    check("batch" in s.features, "hello lists the batch feature")

    s.create()
    events = scenario_events()
    reply = s.batch(events)
    check(reply.get("ok") is True, f"a batch succeeds: {reply}")
    check(reply.get("results") == "rrrrrdddddxxrxxdrd", f"5 overlapping failures open; rejections; one trial: {reply.get('results')}")
    check(reply.get("states") == "CCCCCCCCCOOOHHHCCC", f"states after each event: {reply.get('states')}")
    check("errors" not in reply, "no errors field without an e")
    expected_now = CLOCK + 5 * 0.001 + 5 + 30 + 0.002
    check(abs(reply.get("now", 0) - expected_now) < 1e-6, f"now is the clock after the last event: {reply.get('now')}")

    s.create("seq", clock=CLOCK)
    seq_events = [[dt, kind, "seq" if kind == "b" else a, b] for dt, kind, a, b in events]
    seq = sequential(s, seq_events)
    check(seq == (reply.get("results"), reply.get("states")), f"the batch matches sequential begin/finish: {seq}")

    # The same events split over several batches give the same answers.
    s.create(clock=CLOCK)
    parts = [s.batch(events[i:i + 4]) for i in range(0, len(events), 4)]
    check("".join(p["results"] for p in parts) == reply["results"], "split over batches, the results are the same")

    # Random interleavings against begin/finish.
    rng = random.Random(7)
    config = dict(CONFIG, failure_threshold=3, recovery_timeout=1)
    for round_ in range(3):
        stream, live, n = [], [], 0
        for _ in range(300):
            dt = rng.choice([0, 1000, 50_000_000, 300_000_000])
            if live and (len(live) > 10 or rng.random() < 0.5):
                call = live.pop(rng.randrange(len(live)))
                stream.append([dt, "f", call, rng.choice(["success", "success", "failure", "ignored"])])
            else:
                n += 1
                stream.append([dt, "b", "pricing", str(n)])
                live.append(str(n))
        # A finish of a call the breaker rejected is a bad_request: learn which, event by event, and drop them.
        s.create("pricing", config=config, clock=CLOCK)
        kept, rejected, prefix = [], set(), f"dry{round_}-"
        for dt, kind, a, b in stream:
            if kind == "f" and a in rejected:
                continue
            event = [dt, kind, a, prefix + b] if kind == "b" else [dt, kind, prefix + a, b]
            r = s.batch([event])
            assert r.get("ok"), (event, r)
            if kind == "b" and r["results"] == "x":
                rejected.add(b)
            kept.append([dt, kind, a, b])
        prefix = f"run{round_}-"
        s.create("pricing", config=config, clock=CLOCK)
        got = s.batch([[dt, k, a, prefix + b] if k == "b" else [dt, k, prefix + a, b] for dt, k, a, b in kept])
        s.create("seq", config=config, clock=CLOCK)
        seq = sequential(s, [[dt, k, "seq", prefix + b] if k == "b" else [dt, k, prefix + a, b] for dt, k, a, b in kept])
        check(got.get("ok") and (got["results"], got["states"]) == seq and "H" in got["states"],
              f"random interleaving {round_ + 1} ({len(kept)} events, {len(rejected)} rejected) matches begin/finish")

    # The bulkhead: max_concurrent_calls 8 rejects the 9th call in flight.
    s.create(clock=CLOCK)
    reply = s.batch([[0, "b", "pricing", f"k{i}"] for i in range(1, 10)] + [[0, "f", "k1", "success"], [0, "b", "pricing", "k10"]])
    check(reply.get("results") == "rrrrrrrrxdr", f"the bulkhead rejects the 9th concurrent call: {reply.get('results')}")
    s.batch([[0, "f", f"k{i}", "success"] for i in range(2, 11)])

    # The exact recovery boundary: 1 ns before the timeout rejects, the timeout itself admits a trial.
    s.create(clock=CLOCK)
    opening = [[0, "b", "pricing", f"o{i}"] for i in range(5)] + [[0, "f", f"o{i}", "failure"] for i in range(5)]
    reply = s.batch(opening + [[30 * SECOND - 1, "b", "pricing", "early"], [1, "b", "pricing", "trial"]])
    check(reply.get("results") == "rrrrrddddd" + "xr", f"recovery boundary: 1 ns early rejected, on time admitted: {reply.get('results')}")
    check(reply.get("states", "")[-2:] == "OH", f"OPEN 1 ns early, HALF_OPEN on time: {reply.get('states')}")
    reply = s.batch([[0, "f", "trial", "success"]])
    check(reply.get("results") == "d" and reply.get("states") == "C", "the trial's success closes the breaker")

    # Outcomes come back unchanged.
    s.create(clock=CLOCK)
    reply = s.batch([[0, "b", "pricing", "a"], [0, "b", "pricing", "b"], [0, "b", "pricing", "c"],
                     [0, "f", "c", "ignored"], [0, "f", "a", "success"], [0, "f", "b", "failure"]])
    check(reply.get("results") == "rrrddd", f"success, failure and ignored are returned as asked: {reply.get('results')}")

    # bad_request: a finish for a call that is not in flight.
    reply = s.batch([[0, "b", "pricing", "u1"], [0, "f", "nobody", "success"]])
    error = reply.get("error", {})
    check(reply.get("ok") is False and error.get("kind") == "bad_request" and "event 1" in error.get("message", ""),
          f"finish of an unknown call is a bad_request naming the event: {error}")
    reply = s.batch([[0, "f", "a", "success"]])
    check(reply.get("error", {}).get("kind") == "bad_request", "finish of a call that already returned is a bad_request")
    s.batch([[0, "f", "u1", "success"]])
    s.create(clock=CLOCK)
    reply = s.batch(opening + [[0, "b", "pricing", "rej"]])
    check(reply.get("results", "").endswith("x"), "a call rejected while OPEN")
    reply = s.batch([[0, "f", "rej", "success"]])
    check(reply.get("error", {}).get("kind") == "bad_request", "finish of a rejected call is a bad_request")
    reply = s.batch([[0, "x", "pricing", "1"]])
    check(reply.get("error", {}).get("kind") == "bad_request", "an unknown event kind is a bad_request")
    reply = s.batch([[0, "f", "a", "maybe"]])
    check(reply.get("error", {}).get("kind") == "bad_request", "an unknown outcome is a bad_request")
    reply = s.batch([[0, "b", "nowhere", "1"]])
    check(reply.get("error", {}).get("kind") == "bad_request", "a begin on an unknown breaker is a bad_request")

    # Spellings the fast reader declines go the generic way with the same answers.
    s.create(clock=CLOCK)
    line = '{ "events" : [ [0, "b", "pricing", 1], [2e6, "f", 1, "failure"] ], "op" : "batch", "id" : %d }' % s.next_id
    s.next_id += 1
    reply = s.send_line(line)
    check(reply.get("ok") and reply.get("results") == "rd" and abs(reply["now"] - (CLOCK + 0.002)) < 1e-6,
          f"a batch with spaces, number ids and 2e6 is read too: {reply}")
    reply = s.batch([])
    check(reply.get("ok") and reply.get("results") == "" and reply.get("states") == "", "an empty batch")

    # Batch calls are separate from begin/finish calls.
    s.request("begin", breaker="pricing", call="same", outcome="success", fallback=False)
    reply = s.batch([[0, "f", "same", "success"]])
    check(reply.get("error", {}).get("kind") == "bad_request", "a begin call cannot be finished by a batch")
    reply = s.batch([[0, "b", "pricing", "same"], [0, "f", "same", "failure"]])
    check(reply.get("results") == "rd", "a batch call may reuse a begin call's id")
    reply = s.request("finish", call="same")
    check(reply.get("result") == "success", "the begin call still finishes with finish")
    s.close()
    check(s.process.returncode == 0, "the subject exits when its input closes")


def check_blocked(binary, label, event=0, call="1", also=""):
    print(f"-- {label}")
    s = Subject(binary, grace_ms=200)
    s.create(config={"failure_threshold": 5})
    started = time.time()
    reply = s.batch([[0, "b", "pricing", "1"], [1000, "b", "pricing", "2"], [0, "f", "1", "success"]])
    took = time.time() - started
    error = reply.get("error", {})
    message = error.get("message", "")
    check(reply.get("ok") is False and error.get("kind") == "blocked", f"blocked: {reply}")
    check(f"event {event} (begin of call '{call}' on breaker 'pricing')" in message,
          "the reply names the event, its call and breaker")
    check(also in message, f"the reply says: {also!r}")
    check("is a lock held while the operation runs?" in message, "the reply asks about the lock")
    check(0.2 <= took < 1.5, f"it comes after the grace ({took:.2f} s)")
    try:
        code = s.process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        code = None
        s.process.kill()
    check(code is not None and code != 0, f"the subject exits after a blocked reply (status {code})")
    check(s.process.stdout.read() == "", "nothing after the blocked reply")


def check_modify_across(binary):
    print("-- a breaker holding a modify access across its operation")
    s = Subject(binary)
    s.create(config={})
    reply = s.batch([[0, "b", "pricing", "1"], [0, "b", "pricing", "2"], [0, "f", "1", "success"], [0, "f", "2", "failure"]])
    check(reply.get("results") == "rrdd", f"overlapping calls on one thread are no exclusivity conflict: {reply}")
    s.close()


def check_quirky(binary):
    print("-- a breaker whose calls end otherwise than asked")
    s = Subject(binary)
    s.create(config={})
    reply = s.batch([[0, "b", "pricing", "1"], [0, "b", "pricing", "2"], [0, "b", "pricing", "3"],
                     [0, "f", "1", "success"], [0, "f", "2", "failure"], [0, "b", "pricing", "4"], [0, "f", "4", "ignored"]])
    check(reply.get("ok") and reply.get("results") == "rrederd", f"e for calls that end otherwise; a retried operation ends at once: {reply}")
    errors = dict((i, d) for i, d in reply.get("errors", []))
    check(sorted(errors) == [2, 4], f"errors name events 2 and 4: {errors}")
    check("Refused" in errors.get(2, "") and "without running its operation" in errors.get(2, ""),
          "a begin that ended with its own error says so")
    check("failure" in errors.get(4, "") and "CircuitOpenError" in errors.get(4, ""),
          "a finish that came back as a rejection says so")
    s.close()


def check_recursive(binary):
    print("-- the solution with an NSRecursiveLock, re-entered by a listener")
    s = Subject(binary)
    s.create(config=dict(CONFIG, listener="reenter"))
    reply = s.batch(scenario_events())
    check(reply.get("results") == "rrrrrdddddxxrxxdrd", f"a re-entrant lock not held during the operation: {reply}")
    events = s.request("events", breaker="pricing").get("events", [])
    check([(e["from"], e["to"]) for e in events] == [("CLOSED", "OPEN"), ("OPEN", "HALF_OPEN"), ("HALF_OPEN", "CLOSED")],
          "the listener saw every change")
    s.close()


def check_enum_state(binary):
    print("-- a breaker whose state is its own enum with associated values")
    s = Subject(binary)
    s.create(config={"failure_threshold": 2, "recovery_timeout": 30, "half_open_max_calls": 1, "success_threshold": 1})
    events = [[0, "b", "pricing", "1"], [0, "f", "1", "failure"], [0, "b", "pricing", "2"], [0, "f", "2", "failure"]]
    events += [[0, "b", "pricing", "3"], [30 * SECOND, "b", "pricing", "4"], [0, "b", "pricing", "5"], [0, "f", "4", "success"]]
    reply = s.batch(events)
    check(reply.get("results") == "rdrdxrxd" and reply.get("states") == "CCCOOHHC",
          f"`.open(until:)` reads as OPEN, `.halfOpen(tokens:successes:)` as HALF_OPEN: {reply}")
    check(s.request("state", breaker="pricing").get("state") == "CLOSED", "the state op names the enum too")
    s.close()


def bench(binary, calls=200_000, in_flight=30, per_batch=40, seed=1):
    print(f"-- timing ({os.path.basename(binary)})")
    config = {"failure_threshold": 1_000_000, "recovery_timeout": 30, "half_open_max_calls": 1,
              "max_concurrent_calls": 1000}
    rng = random.Random(seed)
    events, live, n, done = [], [], 0, 0
    while done < calls:
        if n < calls and (len(live) < in_flight or rng.random() < 0.5) and len(live) < 2 * in_flight:
            n += 1
            live.append(str(n))
            events.append([rng.randrange(1_000_000), "b", "pricing", str(n)])
        else:
            call = live.pop(rng.randrange(len(live)))
            events.append([rng.randrange(1_000_000), "f", call, rng.choice(["success"] * 8 + ["failure", "ignored"])])
            done += 1
    lines = []
    for i in range(0, len(events), per_batch):
        chunk = events[i:i + per_batch]
        lines.append(json.dumps({"id": 3 + len(lines), "op": "batch", "events": chunk}, separators=(",", ":")))

    s = Subject(binary)
    s.create(config=config)
    started = time.perf_counter()
    for line in lines:
        s.process.stdin.write(line + "\n")
        s.process.stdin.flush()
        reply = s.process.stdout.readline()
        if '"ok":true' not in reply:
            sys.exit(f"benchmark batch failed: {reply}")
    elapsed = time.perf_counter() - started
    per_batch_us = elapsed / calls * 1e6
    print(f"  batch:        {per_batch_us:7.2f} us per call ({calls} calls, {len(lines)} lines, {elapsed:.2f} s)")

    few = 3000
    s.create("other", config=config)
    started = time.perf_counter()
    for i in range(few):
        s.request("begin", breaker="other", call=f"b{i}", outcome="success", fallback=False)
        s.request("finish", call=f"b{i}")
    elapsed = time.perf_counter() - started
    print(f"  begin+finish: {elapsed / few * 1e6:7.2f} us per call ({few} calls, in flight one at a time)")

    started = time.perf_counter()
    for i in range(few * 3):
        s.request("call", breaker="other", outcome="success", duration=0, fallback=False)
    elapsed = time.perf_counter() - started
    print(f"  call:         {elapsed / (few * 3) * 1e6:7.2f} us per call ({few * 3} calls, one per line)")
    s.close()
    return per_batch_us


def main():
    args = sys.argv[1:]
    keep = args[args.index("--keep") + 1] if "--keep" in args else None
    folder = keep or tempfile.mkdtemp(prefix="cblearn-batch-")
    os.makedirs(folder, exist_ok=True)
    sources = {
        "Locked.swift": LOCKED_BREAKER.replace("STATE", "lock.withLock { current }"),
        "LockedCallOnly.swift": LOCKED_BREAKER.replace("STATE", "current"),
        "ForeignThread.swift": FOREIGN_THREAD_BREAKER,
        "ModifyAcross.swift": MODIFY_ACROSS_BREAKER,
        "Quirky.swift": QUIRKY_BREAKER,
        "Recursive.swift": open(SOLUTION).read().replace("private let lock = NSLock()", "private let lock = NSRecursiveLock()"),
    }
    for name, text in sources.items():
        with open(os.path.join(folder, name), "w") as f:
            f.write(text)
    source = lambda name: os.path.join(folder, name)
    builds = {
        "solution": (SOLUTION, []),
        "solution-threads": (SOLUTION, ["-D", "CBLEARN_THREAD_BATCH"]),
        "locked": (source("Locked.swift"), []),
        "locked-threads": (source("Locked.swift"), ["-D", "CBLEARN_THREAD_BATCH"]),
        "locked-call-only": (source("LockedCallOnly.swift"), []),
        "foreign-thread": (source("ForeignThread.swift"), []),
        "modify-across": (source("ModifyAcross.swift"), []),
        "quirky": (source("Quirky.swift"), []),
        "recursive": (source("Recursive.swift"), []),
        "lock-mutant": (LOCK_MUTANT, []),
        "enum-state": (os.path.join(ROOT, "mutants", "correct", "EnumStateStep6.swift"), []),
    }
    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda item: compile_adapter(item[1][0], os.path.join(folder, item[0]), item[1][1], quiet=True),
                      builds.items()))
    print(f"built {len(builds)} subjects in {time.time() - started:.1f} s with {' '.join(builder_flags())}")
    solution, threads = source("solution"), source("solution-threads")

    check_subject(solution, "step-10 solution, coroutines")
    check_subject(threads, "step-10 solution, thread fallback")
    check_blocked(source("locked"), "a breaker holding its lock during the operation, coroutines",
                  also="reading the breaker's state after it")
    check_blocked(source("locked-threads"), "a breaker holding its lock during the operation, thread fallback")
    check_blocked(source("locked-call-only"), "the same, with a state that does not take the lock", event=1, call="2")
    check_blocked(source("foreign-thread"), "a breaker running the operation on a thread of its own",
                  also="ran an operation on another thread")
    check_modify_across(source("modify-across"))
    check_quirky(source("quirky"))
    check_recursive(source("recursive"))
    check_enum_state(source("enum-state"))
    check_blocked(source("lock-mutant"), "mutant lock-held-during-call: an NSRecursiveLock held during the operation",
                  also="reading the breaker's state after it")
    if "--bench" in args:
        bench(solution)
        if "--bench-threads" in args:
            bench(threads, calls=20_000)
    if not keep:
        subprocess.run(["rm", "-rf", folder])
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all batch checks passed")


if __name__ == "__main__":
    main()
