import Conformance
import Foundation

/// A subject in a child process, spoken to through the wire protocol.
public final class ProtocolSubject: Subject {
  /// Seconds to poll for a reply before sleeping (docs/benchmarks.md: waking from a sleep costs more).
  static let spin = 0.0005
  public private(set) var info: SubjectInfo
  private let process: ChildProcess
  private let limits: SubjectLimits
  private var nextID = 1
  private var dead: SubjectFault?
  /// Requests written and not yet answered, oldest first: id and operation.
  private var awaited: [(Int, String)] = []

  /// Starts `arguments` and completes the handshake.
  public init(
    arguments: [String], environment: [String: String] = [:], directory: String? = nil, limits: SubjectLimits,
    displayName: String
  ) throws(SubjectFault) {
    do {
      process = try ChildProcess(arguments: arguments, environment: environment, directory: directory, limits: limits)
    } catch {
      throw .launchFailed(error.description)
    }
    self.limits = limits
    info = SubjectInfo(name: displayName, language: "unknown", features: [])
    let hello: [String: JSONValue]
    do {
      hello = try exchange(
        [
          "op": .string("hello"), "protocol": .number(Double(WireCodec.version)),
          "grace_ms": .number((limits.grace * 1000).rounded()),
        ],
        timeout: limits.startTimeout)
    } catch {
      process.terminate()
      throw .launchFailed("\(displayName) did not complete the handshake: \(error)")
    }
    let version = hello["protocol"]?.int ?? 0
    guard version == WireCodec.version else {
      process.terminate()
      throw .launchFailed("\(displayName) speaks protocol \(version); cblearn speaks protocol \(WireCodec.version)")
    }
    info = SubjectInfo(
      name: hello["name"]?.string ?? displayName, language: hello["language"]?.string ?? "unknown",
      features: Set((hello["features"]?.array ?? []).compactMap(\.string)))
  }

  deinit { process.terminate() }

  public func terminate() { process.terminate() }

  /// The end of the subject's standard error.
  public var stderrText: String { process.stderrTail.text() }

  public func perform(_ request: Request) throws(SubjectFault) -> Reply {
    try post(request)
    // Most replies come within a fraction of a millisecond: wait for them without sleeping at first.
    return try WireCodec.decode(receive(timeout: limits.replyTimeout, spin: ProtocolSubject.spin))
  }

  /// Writes `request` without waiting for the reply.
  private func post(_ request: Request) throws(SubjectFault) {
    if case .batch(let events) = request {
      try post(op: "batch") { WireCodec.batchLine(id: $0, events) }
    } else {
      let fields = WireCodec.fields(of: request)
      try post(op: request.op) { Array((WireCodec.line(id: $0, fields) + "\n").utf8) }
    }
  }

  private func exchange(_ fields: [String: JSONValue], timeout: Double) throws(SubjectFault) -> [String: JSONValue] {
    try post(op: fields["op"]?.string ?? "?") { Array((WireCodec.line(id: $0, fields) + "\n").utf8) }
    return try receive(timeout: timeout)
  }

  /// Writes the line (with its newline) `encode` makes for the next id.
  private func post(op: String, _ encode: (Int) -> [UInt8]) throws(SubjectFault) {
    if let dead { throw dead }
    let id = nextID
    nextID += 1
    guard process.write(bytes: encode(id)) else { throw died(crash()) }
    awaited.append((id, op))
  }

  /// Reads the reply to the oldest request still unanswered.
  private func receive(timeout: Double, spin: Double = 0) throws(SubjectFault) -> [String: JSONValue] {
    if let dead { throw dead }
    guard !awaited.isEmpty else { throw .protocolViolation("cblearn read a reply it did not ask for (a driver bug)") }
    let (id, op) = awaited.removeFirst()
    do throws(SubjectFault) {
      switch process.readLine(timeout: timeout, spin: spin) {
      case .line(let line): return try WireCodec.reply(line, id: id)
      case .timeout: throw SubjectFault.unresponsive(op: op, seconds: timeout)
      case .endOfFile: throw crash()
      case .tooLong(let bytes):
        throw .protocolViolation(
          "a reply line longer than \(limits.maxLineBytes) bytes (\(bytes) bytes without a newline)")
      }
    } catch {
      if case .adapterError = error { throw error }
      throw died(error)
    }
  }

  /// Marks the subject unusable after `fault`.
  private func died(_ fault: SubjectFault) -> SubjectFault {
    dead = fault
    return fault
  }

  private func crash() -> SubjectFault {
    let status = process.exitStatus(within: 1) ?? process.terminate()
    return .crashed(status: status, stderr: process.stderrTail.text())
  }
}
