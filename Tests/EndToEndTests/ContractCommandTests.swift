import Foundation
import Testing

/// `cblearn conformance --contract`: the adapter contract of docs/protocol.md from the command line.
@Suite("Contract command")
struct ContractCommandTests {
  let adapter = "adapters/python/cblearn_adapter.py"
  let solution10 = "exercises/10-chaos/solution/breaker.py"

  @Test("the Python adapter with the step-10 solution keeps every clause: exit 0, a pass line per clause")
  func keeps() throws {
    let run = try CLI.run(["conformance", "--exec", "python3 -B -I \(adapter) \(solution10)", "--contract"])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    for id in ["handshake", "call", "clock", "errors", "begin-finish", "batch", "race"] {
      #expect(run.stdout.contains("pass  \(id): "), "\(id) in \(run.stdout)")
    }
    #expect(run.stdout.contains("the adapter keeps the contract"))
  }

  @Test("a lying adapter breaks clauses: exit 1, the failures named, the same in JSON")
  func breaks() throws {
    let liar = "python3 Tests/SubjectsTests/Fixtures/exec/liar.py bad-result"
    let text = try CLI.run(["conformance", "--exec", liar, "--contract"])
    #expect(text.status == 1, "\(text.stdout)\(text.stderr)")
    #expect(text.stdout.contains("fail  call: "), "\(text.stdout)")
    #expect(text.stdout.contains("skip  batch: "), "\(text.stdout)")
    let json = try CLI.run(["conformance", "--exec", liar, "--contract", "--format", "json"])
    #expect(json.status == 1)
    let clauses = try #require(
      (try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) as? [[String: Any]], "\(json.stdout)")
    let failed = clauses.filter { $0["status"] as? String == "fail" }.compactMap { $0["id"] as? String }
    #expect(failed.contains("call") && failed.contains("errors"), "\(failed)")
  }

  @Test("a command that cannot be started is exit status 2 with an error line")
  func cannotStart() throws {
    let run = try CLI.run(["conformance", "--contract", "no/such/breaker.py"])
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix("error: "), "\(run.stderr)")
  }
}
