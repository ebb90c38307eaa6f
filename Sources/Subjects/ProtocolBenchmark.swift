import Conformance
import Foundation

/// Measures protocol round trips against a bare pipe ping-pong between two processes, in the same run.
public enum ProtocolBenchmark {
  /// Mean seconds per `state` request on a fresh breaker of a subject from `factory`.
  public static func protocolRoundTrip(_ factory: any SubjectFactory, count: Int) throws -> Double {
    let subject = try factory.launch()
    defer { subject.terminate() }
    _ = try subject.perform(.create(breaker: "main", config: BreakerConfig(), clock: 1_764_403_200))
    for _ in 0..<min(100, count) { _ = try subject.perform(.state(breaker: "main")) }  // warm up
    let started = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<count { _ = try subject.perform(.state(breaker: "main")) }
    return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 / Double(count)
  }

  /// Mean seconds per line echoed back by `arguments` (for example `cat`): the bare cost of a pipe round trip,
  /// read the way subjects are read (polling before sleeping).
  public static func pipePingPong(_ arguments: [String], count: Int) throws -> Double {
    let child = try ChildProcess(arguments: arguments, limits: SubjectLimits())
    defer { child.terminate() }
    let line = #"{"id":1,"op":"state","breaker":"main"}"#
    func once() throws {
      guard child.write(line: line), case .line = child.readLine(timeout: 5, spin: ProtocolSubject.spin) else {
        throw SubjectsError.spawnFailed(arguments.joined(separator: " "), "the echo process did not answer")
      }
    }
    for _ in 0..<min(100, count) { try once() }
    let started = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<count { try once() }
    return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 / Double(count)
  }
}
