import Foundation

/// One clause of the wire protocol's contract (docs/protocol.md) and how a subject kept it.
public struct ContractResult: Sendable, Equatable, Codable {
  /// `pass`, `fail`, or `skip` (an optional feature the subject does not advertise).
  public enum Status: String, Sendable, Codable { case pass, fail, skip }

  public let id: String
  public let status: Status
  /// What the clause requires, and for a failure what the subject did instead.
  public let message: String
}

/// The adapter contract: what any program behind `--exec` must do on the wire, whatever its breaker does.
///
/// Each clause starts a fresh subject, completes the handshake and sends a few requests; it judges the
/// replies' shapes, the error kinds and the virtual clock, and assumes of the breaker only what every
/// breaker does (a fresh one is CLOSED, two consecutive failures at `failure_threshold` 2 open it).
/// `cblearn conformance --contract` runs it; `AdapterContractTests` runs it on both bundled adapters.
public enum AdapterContract {
  /// The Unix time the clauses start the virtual clock at.
  public static let clock = 1_764_403_200.0
  static let knownFeatures: Set<String> = [
    "is_open", "events", "metrics", "fallback", "concurrency", "batch", "fatal", "race",
  ]
  static let errorKinds: Set<String> = ["unsupported", "bad_request", "breaker_error", "blocked", "internal"]
  static let states: Set<String> = ["CLOSED", "OPEN", "HALF_OPEN"]

  /// Runs every clause against subjects started by `factory`; throws only when the command cannot start.
  public static func run(_ factory: ProcessFactory) throws(SubjectsError) -> [ContractResult] {
    var features: Set<String> = []
    let handshake = judge("handshake", ContractClauses.handshakeText) { () throws(ContractViolation) in
      let connection = try connect(factory)
      features = try ContractClauses.handshake(connection)
    }
    guard case .pass = handshake.status else {
      return [handshake]
        + ContractClauses.all.map {
          ContractResult(id: $0.id, status: .skip, message: "needs a subject that completes the handshake")
        }
    }
    var results = [handshake]
    for clause in ContractClauses.all {
      if let feature = clause.feature, !features.contains(feature) {
        results.append(ContractResult(id: clause.id, status: .skip, message: "`\(feature)` is not in the features"))
        continue
      }
      results.append(
        judge(clause.id, clause.text) { () throws(ContractViolation) in
          try clause.body(ContractProbe(connect(factory)))
        })
    }
    return results
  }

  /// Starts the command; a command that cannot start at all is the caller's error, not a clause's.
  private static func connect(_ factory: ProcessFactory) throws(ContractViolation) -> ContractConnection {
    do { return try ContractConnection(factory) } catch { throw ContractViolation("could not start: \(error)") }
  }

  private static func judge(
    _ id: String, _ text: String, _ body: () throws(ContractViolation) -> Void
  ) -> ContractResult {
    do throws(ContractViolation) {
      try body()
      return ContractResult(id: id, status: .pass, message: text)
    } catch {
      return ContractResult(id: id, status: .fail, message: "\(text): \(error.message)")
    }
  }
}
