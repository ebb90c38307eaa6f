import Conformance
import Curriculum
import Foundation
import Testing

/// What an exercise README says about a check must be true of its step's plan: a check it calls skipped,
/// optional, absent or not run is not a `must` check of that step.
@Suite("README promises")
struct ReadmePromiseTests {
  let root = ContentRoot(url: FixturePaths.packageRoot)

  /// Phrases that say a check does not count as a must check of the step.
  static let notMust = [
    "does not run", "do not run", "doesn't run", "not run", "runs only", "skipped", "skips", "optional",
    "absent", "does not apply", "do not apply", "not checked", "is not a must", "(should)", "(may)",
  ]

  /// The README split into units that speak about one thing: bullets and paragraphs.
  static func units(_ text: String) -> [String] {
    var units: [String] = []
    var current = ""
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      let starts = trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.first.map(\.isNumber) == true
      if trimmed.isEmpty || starts {
        if !current.isEmpty { units.append(current) }
        current = trimmed
      } else {
        current += " " + trimmed
      }
    }
    if !current.isEmpty { units.append(current) }
    return units
  }

  /// The check ids in backticks in a unit.
  static func checkIDs(_ unit: String) -> [String] {
    unit.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
      .filter { Catalogue.check(id: $0) != nil }
  }

  /// The README's claims that a check is not a must check which the plan contradicts.
  static func violations(readme: String, plan: ExercisePlan) -> [String] {
    var found: [String] = []
    for unit in units(readme) {
      let lowered = unit.lowercased()
      guard notMust.contains(where: { lowered.contains($0) }) else { continue }
      for id in checkIDs(unit) where plan.checks.contains(where: { $0.id == id && $0.level == .must }) {
        found.append("`\(id)` runs as a must check: \(unit)")
      }
    }
    return found
  }

  @Test("every check a README calls skipped, optional or not run is not a must check of its step")
  func promisesHold() throws {
    for step in LearningPath.standard.steps {
      let exercise = try root.exercise(step)
      guard exercise.manifest.kind == .breaker, let readme = try? exercise.readme() else { continue }
      let plan = try ExercisePlan(manifest: exercise.manifest)
      #expect(Self.violations(readme: readme, plan: plan).isEmpty, "step \(step.number)'s README")
    }
  }

  @Test("the finder catches a claim the plan contradicts, in a bullet that spans lines")
  func catchesAFalseClaim() throws {
    let step = try #require(LearningPath.standard.step(5))
    let plan = try ExercisePlan(manifest: try root.exercise(step).manifest)
    let old = """
      **HALF_OPEN**

      - `half-open.hung-trial` runs only under a profile that fixes what a hung trial does; this exercise's
        does not. Aim for lesson 5's behaviour anyway.
      - `half-open.failure-reopens`: a failed trial after some successes reopens at once.
      """
    let found = Self.violations(readme: old, plan: plan)
    #expect(found.count == 1 && found[0].contains("half-open.hung-trial"), "\(found)")
  }
}
