import Checking
import Foundation
import Subjects
import Testing

/// The adapter contract (docs/protocol.md) against launch commands: both bundled adapters with their step-10
/// reference solutions keep every clause, and adapters that break it are caught clause by clause.
@Suite("Adapter contract")
struct AdapterContractTests {
  /// A bundled adapter with a reference solution, as the launch command an `--exec` user would give.
  enum Bundled: String, CaseIterable, CustomTestStringConvertible {
    case python, swift

    var testDescription: String { rawValue }

    /// The command line: the Python adapter with the solution, or the compiled Swift subject.
    func command() throws -> String {
      let solution = TestSupport.root.appendingPathComponent("exercises/10-chaos/solution")
      switch self {
      case .python:
        let python = try #require(ToolRunner.python3, "python3 is needed")
        let adapter = TestSupport.root.appendingPathComponent("adapters/python/cblearn_adapter.py").path
        return "'\(python)' -B -I '\(adapter)' '\(solution.appendingPathComponent("breaker.py").path)'"
      case .swift:
        // Compiled once into the tests' build cache, as `check` would, then launched by its path.
        let factory = try TestSupport.checker.launcher.factory(
          for: .swift(solution.appendingPathComponent("Breaker.swift")))
        return factory.arguments.map { "'\($0)'" }.joined(separator: " ")
      }
    }
  }

  static func run(_ command: String) throws -> [ContractResult] {
    try AdapterContract.run(TestSupport.checker.launcher.factory(for: .exec(command)))
  }

  static func status(_ results: [ContractResult], _ id: String) -> ContractResult.Status? {
    results.first { $0.id == id }?.status
  }

  @Test("a bundled adapter with its reference solution keeps every clause", arguments: Bundled.allCases)
  func bundledAdaptersKeepTheContract(adapter: Bundled) throws {
    let results = try Self.run(adapter.command())
    let broken = results.filter { $0.status != .pass }.map { "\($0.id): \($0.status.rawValue): \($0.message)" }
    #expect(broken.isEmpty, "\(broken.joined(separator: "\n"))")
    #expect(results.map(\.id).first == "handshake")
    #expect(results.count == 13)
  }

  @Test("an adapter that answers with results the protocol does not know breaks the call and error clauses")
  func liarBreaksClauses() throws {
    let liar = TestSupport.fixture("exec/liar.py").path
    let results = try Self.run("python3 '\(liar)' bad-result")
    #expect(Self.status(results, "handshake") == .pass)
    #expect(Self.status(results, "call") == .fail)
    #expect(Self.status(results, "errors") == .fail)
    // It lists no features: the optional clauses are skipped, not failed.
    for id in ["begin-finish", "batch", "race", "is_open"] { #expect(Self.status(results, id) == .skip, "\(id)") }
    let call = try #require(results.first { $0.id == "call" })
    #expect(call.message.contains("\"state\""), "\(call.message)")
  }

  @Test("a program that ends without a handshake fails the handshake and skips the rest")
  func noHandshake() throws {
    let results = try Self.run("read request; echo not an adapter; exit 3")
    #expect(Self.status(results, "handshake") == .fail)
    #expect(results.dropFirst().allSatisfy { $0.status == .skip })
    let handshake = try #require(results.first)
    #expect(handshake.message.contains("not one JSON object"), "\(handshake.message)")
  }

  @Test("a breaker without the later steps' members skips their clauses and keeps the rest")
  func earlyStepSkips() throws {
    let python = try #require(ToolRunner.python3)
    let adapter = TestSupport.root.appendingPathComponent("adapters/python/cblearn_adapter.py").path
    let step3 = TestSupport.root.appendingPathComponent("exercises/03-basic-breaker/solution/breaker.py").path
    let results = try Self.run("'\(python)' -B -I '\(adapter)' '\(step3)'")
    #expect(results.allSatisfy { $0.status != .fail }, "\(results.filter { $0.status == .fail })")
    for id in ["is_open", "events", "metrics"] { #expect(Self.status(results, id) == .skip, "\(id)") }
    #expect(Self.status(results, "batch") == .pass)
  }
}
