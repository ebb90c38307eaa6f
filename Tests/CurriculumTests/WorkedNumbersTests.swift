import Conformance
import Curriculum
import Foundation
import Simulation
import SimulationResults
import Testing

/// The worked numbers of the lessons, recomputed: from the cascade simulator, from the reference breaker,
/// or from the arithmetic the lesson shows. Each test computes a figure and expects the lesson to state it.
@Suite("Worked numbers")
struct WorkedNumbersTests {
  static let root = ContentRoot(url: FixturePaths.packageRoot)

  static func text(lesson step: Int) throws -> String {
    try String(contentsOf: root.lessonURL(try #require(LearningPath.standard.step(step))), encoding: .utf8)
  }

  static func file(_ relative: String) throws -> String {
    try String(contentsOf: FixturePaths.packageRoot.appendingPathComponent(relative), encoding: .utf8)
  }

  /// Text reflowed to one line, so a figure may wrap in the Markdown source.
  static func flat(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  static func expectStated(_ phrase: String, in text: String, _ where_: String) {
    let stated = flat(text).contains(phrase)
    #expect(stated, "\(where_) should say \"\(phrase)\"")
  }

  // MARK: The capstone's reference run (lesson 10)

  @Test("lesson 10: trip time, trial cycle, trials, closing time and recovery of the chaos reference run")
  func capstoneReferenceRun() throws {
    let run = try Simulator(scenario: .chaos, breaker: .reference).run()
    let lesson = try Self.text(lesson: 10)
    let pricing = try #require(run.service("pricing"))
    let opened = try #require(pricing.breakerOpenedAt)
    let strip = try StateStrip(run, service: "pricing")
    Self.expectStated("trips it at about \(StateStrip.clock(Int(opened.rounded())))", in: lesson, "lesson 10")
    Self.expectStated("`O` from \(StateStrip.clock(Int(opened)))", in: lesson, "lesson 10")

    let outage = try #require(run.faults.first { $0.target == "pricing-db" })
    let trialsInFault = strip.halfOpenSeconds.filter { $0 < Int(outage.end) }
    #expect(trialsInFault.count == 5)
    Self.expectStated("five trial calls in three minutes", in: lesson, "lesson 10")
    let listed = trialsInFault.map(StateStrip.clock)
    Self.expectStated(
      "an `H` at \(listed.dropLast().joined(separator: ", ")) and \(listed.last ?? "")", in: lesson, "lesson 10")
    // A trial that starts late in a second shows in the next one: the gaps between the H seconds are
    // 32 or 33, a 32-second cycle (30 s of waiting and the trial's 2-second timeout).
    let cycles = Set(zip(trialsInFault.dropFirst(), trialsInFault).map { $0 - $1 })
    #expect(cycles.isSubset(of: [32, 33]))
    Self.expectStated("one trial goes out about every 32 seconds", in: lesson, "lesson 10")
    let closed = try #require(strip.closedAgain)
    Self.expectStated("shows `C` from \(StateStrip.clock(closed))", in: lesson, "lesson 10")
    Self.expectStated("succeeds a little after \(StateStrip.clock(closed - 1))", in: lesson, "lesson 10")
    let back = Int(try #require(outage.recoveredAfter))
    Self.expectStated("live prices are back to normal \(back) s after the outage ends", in: lesson, "lesson 10")
    let peak = try #require(run.pool("gateway")?.peak)
    Self.expectStated("the reference run peaks at \(peak)", in: lesson, "lesson 10")

    // The slow phase: the slow-call rule opens pricing's breaker a few seconds in.
    let slowdown = try #require(run.faults.first { $0.target == "pricing" })
    let reopened = try #require(strip.states.indices.first { $0 >= Int(slowdown.start) && strip.states[$0] == "O" })
    Self.expectStated("opens, at \(StateStrip.clock(reopened)) in the reference run", in: lesson, "lesson 10")
    // The flaky phase: the retry leaves 0.3 x 0.3 of the pages without inventory.
    let flaky = try #require(run.faults.first { $0.errorRate != nil })
    let cart = try #require(flaky.pageAvailability["cart"])
    #expect(abs(cart - 0.91) < 0.02, "cart pages served while inventory is flaky: \(cart)")
    Self.expectStated("about \(Int((cart * 100).rounded())) % of cart pages are still served", in: lesson, "lesson 10")
  }

  /// The chaos reference run with `change` applied to every service's breaker configuration.
  static func chaos(_ change: (String, inout BreakerConfig) -> Void) throws -> SimulationResult {
    var scenario = Scenario.chaos
    for service in scenario.services.map(\.name) {
      var config = scenario.breakers.config(for: service)
      change(service, &config)
      scenario.breakers.perService[service] = config
    }
    return try Simulator(scenario: scenario, breaker: .reference).run()
  }

  @Test("lesson 10: a 10-second recovery timeout makes 12-second cycles")
  func capstoneShortWait() throws {
    let run = try Self.chaos { _, config in config.recoveryTimeout = 10 }
    let strip = try StateStrip(run, service: "pricing")
    let outage = try #require(run.faults.first { $0.target == "pricing-db" })
    let trials = strip.halfOpenSeconds.filter { $0 < Int(outage.end) }
    #expect(Set(zip(trials.dropFirst(), trials).map { $0 - $1 }).isSubset(of: [12, 13]))
    let lesson = try Self.text(lesson: 10)
    Self.expectStated("makes 12-second cycles", in: lesson, "lesson 10")
    Self.expectStated(
      "the breaker closes at \(StateStrip.clock(try #require(strip.closedAgain)))", in: lesson, "lesson 10")
    Self.expectStated("at the cost of \(trials.count) trials during the outage instead of 5", in: lesson, "lesson 10")
  }

  @Test("lesson 10: without a bulkhead, the trip after 1:02; without a rate rule or a slow-call rule, the phases")
  func capstoneWithoutARule() throws {
    let lesson = try Self.text(lesson: 10)
    let open = try Self.chaos { _, config in config.maxConcurrentCalls = nil }
    let opened = try #require(open.service("pricing")?.breakerOpenedAt)
    let ms = Int(((opened - 62) * 1000 / 50).rounded()) * 50
    Self.expectStated("trips about \(ms) ms after 1:02", in: lesson, "lesson 10")

    let counted = try Self.chaos { service, config in if service == "inventory" { config.window = nil } }
    let flaky = try #require(counted.faults.first { $0.errorRate != nil })
    let cart = try #require(flaky.pageAvailability["cart"])
    Self.expectStated("only \(Int((cart * 100).rounded())) % of cart pages are served", in: lesson, "lesson 10")
    let inventory = try StateStrip(counted, service: "inventory")
    let tripped = try #require(inventory.states.firstIndex(of: "O"))
    Self.expectStated("its breaker is `O` from \(StateStrip.clock(tripped))", in: lesson, "lesson 10")

    let unslowed = try Self.chaos { _, config in config.slowCallRateThreshold = nil }
    let slowdown = try #require(unslowed.faults.first { $0.target == "pricing" })
    let fast = try #require(slowdown.fast)
    Self.expectStated(
      "\(Int((fast * 100).rounded())) % of pricing calls are answered within 100 ms", in: lesson, "lesson 10")
  }

  // MARK: The full-size shop (lesson 1, exercise 1)

  @Test("lesson 1 and exercise 1: trials, closing and cached prices of the black-friday reference run")
  func blackFridayReferenceRun() throws {
    let run = try Simulator(scenario: .blackFriday, breaker: .reference, duration: CascadeQuiz.duration).run()
    let strip = try StateStrip(run, service: "pricing")
    let fault = Int(try #require(run.recovery.faultEnd))
    let trials = strip.halfOpenSeconds.filter { $0 < fault }
    #expect(trials.count == 5)
    let closed = try #require(strip.closedAgain)
    let lesson = try Self.text(lesson: 1)
    Self.expectStated(
      "five trials meet the slow service and the breaker closes about \(closed - fault) seconds after the fault ends",
      in: lesson, "lesson 1")
    Self.expectStated("one trial about every \(trials[1] - trials[0]) seconds", in: lesson, "lesson 1")
    let degraded = try #require(run.page("product")?.degraded)
    let readme = try Self.file("exercises/01-cascade/README.md")
    Self.expectStated(
      "the run shows \(degraded.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US"))))",
      in: readme, "exercise 1's README")
    let quiz = try Self.file("exercises/01-cascade/quiz.yaml")
    Self.expectStated("shows C again from \(StateStrip.minutes(closed))", in: quiz, "the quiz")
    let opened = try #require(run.service("pricing")?.breakerOpenedAt)
    let openSeconds = Int((Double(closed) - opened) / 10) * 10
    Self.expectStated("for some \(openSeconds) s gives 400 x \(openSeconds)", in: quiz, "the quiz")
  }

  // MARK: The reference breaker (lessons 2, 3 and 8)

  /// Runs `(time, outcome)` calls against the reference breaker; returns whether each was admitted.
  static func admitted(
    _ calls: [(Double, Outcome)], _ config: BreakerConfig, _ profile: Profile = .exercise(step: 3)
  )
    -> [Bool]
  {
    var breaker = ReferenceBreaker(config: config, profile: profile)
    return calls.map { time, outcome in
      guard let ticket = breaker.admit(at: time) else { return false }
      breaker.complete(ticket, outcome, at: time)
      return true
    }
  }

  @Test("lessons 2 and 3: which calls the waits admit")
  func waits() {
    let config = BreakerConfig(failureThreshold: 3, recoveryTimeout: 30)
    // Lesson 3, rule 3: failures at 0, 20 and 40; a call at 69 is rejected, one at 70 admitted.
    let spaced = Self.admitted([(0, .failure), (20, .failure), (40, .failure), (69, .success), (70, .success)], config)
    #expect(spaced == [true, true, true, false, true])
    // Lesson 3, rule 6: a trip at 0, a trial failing at 31; rejected at 60.999, admitted at 61.
    let trial = Self.admitted(
      [(0, .failure), (0, .failure), (0, .failure), (31, .failure), (60.999, .success), (61, .success)], config)
    #expect(trial == [true, true, true, true, false, true])
    // Lesson 2: a trial failing at 30; a call at 45 is rejected, one at 60 admitted.
    let lessonTwo = Self.admitted(
      [(0, .failure), (0, .failure), (0, .failure), (30, .failure), (45, .success), (60, .success)], config)
    #expect(lessonTwo == [true, true, true, true, false, true])
  }

  @Test("lesson 8: the windows' worked examples")
  func windows() {
    var profile = Profile.exercise(step: 8)
    profile.staleResults = .discard
    func opensAt(_ outcomes: [Outcome], size: Double, minimum: Int, rate: Double) -> Int? {
      let window = BreakerConfig.Window(kind: .count, size: size, minimumCalls: minimum, failureRateThreshold: rate)
      var breaker = ReferenceBreaker(config: BreakerConfig(window: window), profile: profile)
      for (index, outcome) in outcomes.enumerated() {
        guard let ticket = breaker.admit(at: Double(index)) else { return index }
        breaker.complete(ticket, outcome, at: Double(index))
        if breaker.state == .open { return index + 1 }
      }
      return nil
    }
    // A window of 4 at 50 %: ok x4, fail, fail opens on the sixth call.
    #expect(opensAt([.success, .success, .success, .success, .failure, .failure], size: 4, minimum: 4, rate: 50) == 6)
    // One replica in three failing: 33 % never reaches the course's 50 %, and trips a 30 % threshold.
    let thirds = Array(repeating: [Outcome.success, .success, .failure], count: 20).flatMap { $0 }
    #expect(opensAt(thirds, size: 10, minimum: 5, rate: 50) == nil)
    #expect(opensAt(thirds, size: 10, minimum: 5, rate: 30) != nil)
    // Four failures, then a success: 4 of 5 is 80 %, and the success opens it.
    #expect(opensAt([.failure, .failure, .failure, .failure, .success], size: 10, minimum: 5, rate: 50) == 5)
  }

  // MARK: Arithmetic shown in the lessons

  @Test("lessons 3, 5, 7 and 9: the arithmetic")
  func arithmetic() throws {
    // Lesson 7: rejections counted as failures.
    let wrong = 1_000.0 / (1_000 + 8 + 22_980) * 100
    Self.expectStated(String(format: "= %.1f %%", wrong), in: try Self.text(lesson: 7), "lesson 7")
    Self.expectStated(
      String(format: "%.1f %% of the calls it received", 1_000.0 / 1_008 * 100), in: try Self.text(lesson: 7),
      "lesson 7")
    // Lesson 9: two layers of 10 % retry budgets; the SRE book's throttling example.
    Self.expectStated(String(format: "1.1 x 1.1 = %.2f times", 1.1 * 1.1), in: try Self.text(lesson: 9), "lesson 9")
    let dropped = max(0, (1_000.0 - 2 * 250) / (1_000 + 1))
    #expect(abs(dropped - 0.5) < 0.01)
    // Lesson 5: three trial successes in a row from a service answering half its calls.
    Self.expectStated(
      String(format: "0.5 x 0.5 x 0.5 = %.1f %%", 0.125 * 100), in: try Self.text(lesson: 5), "lesson 5")
    // Lesson 3: false trips at 400 calls a second with 1 % random failures.
    let lesson3 = try Self.text(lesson: 3)
    Self.expectStated("one every \(Int(1 / (400 * 1e-4))) seconds", in: lesson3, "lesson 3")
    Self.expectStated("one every \(Int((1 / (400 * 1e-6) / 60).rounded())) minutes", in: lesson3, "lesson 3")
    let months = 1 / (400 * 1e-10) / (30.44 * 86_400)
    #expect((9...11).contains(months), "lesson 3 says about ten months")
  }
}

/// A breaker's strip of the simulation: the worst state of each second.
struct StateStrip {
  var states: [Character]

  init(_ run: SimulationResult, service: String) throws {
    let strip = try #require(run.timeline.breakers.first { $0.service == service })
    states = Array(strip.states)
  }

  /// The seconds shown as HALF_OPEN: each is a trial in flight for the whole second.
  var halfOpenSeconds: [Int] { states.indices.filter { states[$0] == "H" } }

  /// The first second CLOSED again after the breaker first opened.
  var closedAgain: Int? {
    guard let open = states.firstIndex(of: "O") else { return nil }
    return states[open...].firstIndex(of: "C")
  }

  /// `m:ss`, as the lessons write times of the run.
  static func clock(_ second: Int) -> String { String(format: "%d:%02d", second / 60, second % 60) }

  /// `4m13s`, as the simulator prints times.
  static func minutes(_ second: Int) -> String { "\(second / 60)m\(second % 60)s" }
}
