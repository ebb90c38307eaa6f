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

  /// Starts `arguments` and completes the handshake.
  public init(
    arguments: [String], environment: [String: String] = [:], directory: String? = nil, limits: SubjectLimits,
    displayName: String, notes: [String: String] = [:], withheld: Set<String> = []
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
      if case .unresponsive(_, let seconds) = error {
        // Nothing of the breaker has run yet: what hangs is the code that runs while the file loads.
        throw .launchFailed(
          "\(displayName) did not complete the handshake within \(formatSeconds(seconds)): code that runs when the "
            + "file is loaded (a loop, a sleep, input() or a network call at the top level, outside any function) "
            + "keeps it from starting; move that code into a function")
      }
      throw .launchFailed("\(displayName) did not complete the handshake: \(error)")
    }
    guard let version = hello["protocol"]?.int else {
      process.terminate()
      throw .launchFailed(
        "\(displayName) answered the hello without a `protocol` field; reply with "
          + "{\"id\": 1, \"ok\": true, \"protocol\": \(WireCodec.version), …} (docs/protocol.md)")
    }
    guard version == WireCodec.version else {
      process.terminate()
      throw .launchFailed("\(displayName) speaks protocol \(version); cblearn speaks protocol \(WireCodec.version)")
    }
    info = SubjectInfo(
      name: hello["name"]?.string ?? displayName, language: hello["language"]?.string ?? "unknown",
      features: Set((hello["features"]?.array ?? []).compactMap(\.string)).subtracting(withheld))
    info.notes = notes.filter { !info.features.contains($0.key) }
  }

  deinit { process.terminate() }

  public func terminate() { process.terminate() }

  /// The end of the subject's standard error.
  public var stderrText: String { process.stderrTail.text() }

  public func perform(_ request: Request) throws(SubjectFault) -> Reply {
    try WireCodec.decode(
      exchange(op: request.op, timeout: limits.replyTimeout) { WireCodec.encode(request, id: $0) })
  }

  private func exchange(_ fields: [String: JSONValue], timeout: Double) throws(SubjectFault) -> [String: JSONValue] {
    try exchange(op: fields["op"]?.string ?? "?", timeout: timeout) {
      Array((WireCodec.line(id: $0, fields) + "\n").utf8)
    }
  }

  /// Writes the line (with its newline) `encode` makes for the next id and reads the reply to it.
  private func exchange(
    op: String, timeout: Double, _ encode: (Int) -> [UInt8]
  ) throws(SubjectFault) -> [String: JSONValue] {
    if let dead { throw dead }
    let id = nextID
    nextID += 1
    do throws(SubjectFault) {
      guard process.write(bytes: encode(id)) else { throw crash() }
      // Most replies come within a fraction of a millisecond: wait for them without sleeping at first.
      switch process.readLine(timeout: timeout, spin: ProtocolSubject.spin) {
      case .line(let line): return try WireCodec.reply(line, id: id)
      case .timeout: throw SubjectFault.unresponsive(op: op, seconds: timeout)
      case .endOfFile: throw crash()
      case .tooLong(let bytes):
        throw .protocolViolation(
          "a reply line longer than \(limits.maxLineBytes) bytes (\(bytes) bytes without a newline)")
      }
    } catch {
      if case .adapterError = error { throw error }
      dead = error
      throw error
    }
  }

  /// The fault of a subject that exited: how it ended and a summary of its standard error (a Swift trap's
  /// fatal error and line; the full text saved to a file, see `CrashReport`).
  private func crash() -> SubjectFault {
    let status = process.exitStatus(within: 1) ?? process.terminate()
    let stderr = process.stderrTail.text(limit: 1 << 16)
    let summary = CrashReportStore.report(stderr: stderr, subject: info.name, key: info.name)?.text ?? ""
    return .crashed(status: status, stderr: summary)
  }
}
