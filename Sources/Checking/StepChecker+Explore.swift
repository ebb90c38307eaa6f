import Conformance
import Curriculum
import Foundation
import Subjects

extension StepChecker {
  /// Model-based testing of `source` under a step's profile and configuration (`check --explore`).
  public func explore(
    step: PathStep, source: SubjectSource, seed: UInt64, runs: Int, length: Int, compiling: (() -> Void)? = nil
  ) throws -> ExploreReport {
    let manifest = try exercise(step).manifest
    return try explore(
      source: source, profile: manifest.profile, config: manifest.config, seed: seed, runs: runs, length: length,
      overlapping: manifest.step >= Explorer.overlapsFrom, compiling: compiling)
  }

  /// Model-based testing under any profile (`conformance --explore`).
  public func explore(
    source: SubjectSource, profile: Profile, config: BreakerConfig, seed: UInt64, runs: Int, length: Int,
    overlapping: Bool = true, compiling: (() -> Void)? = nil
  ) throws -> ExploreReport {
    if let reason = Explorer.limitation(profile: profile, config: config) { throw CheckingError.cannotExplore(reason) }
    let factory = try launcher.factory(for: source, compiling: compiling)
    var explorer = Explorer(profile: profile, config: config, seed: seed, runs: runs, length: length)
    // Counters are part of the profile from step 7 on (`reports_events`).
    explorer.compareMetrics = profile.reportsEvents
    explorer.overlapping = overlapping
    do {
      return try explorer.run(factory: factory)
    } catch {
      throw CheckingError.couldNotStart(error.description)
    }
  }

  /// Runs a replay script (written by explore mode, or by hand) against `source`.
  public func replay(scriptAt url: URL, source: SubjectSource, compiling: (() -> Void)? = nil) throws -> ExploreReport {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw CheckingError.unreadable(url.path)
    }
    let factory = try launcher.factory(for: source, compiling: compiling)
    return try Explorer.replay(script: String(decoding: data, as: UTF8.self), factory: factory)
  }
}
