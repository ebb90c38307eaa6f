import ArgumentParser
import Checking
import Conformance
import Curriculum
import Foundation
import Subjects

/// `cblearn bench`: the measurements behind docs/benchmarks.md, each as a ratio to a baseline of the same run.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure protocol round trips against a bare pipe ping-pong (see docs/benchmarks.md).",
    shouldDisplay: false)

  @Option(help: "Round trips to measure.")
  var count = 2000

  @Option(help: "Rounds; medians are reported.")
  var rounds = 5

  @Option(help: "The subject: a .py or .swift breaker.")
  var file: String

  func validate() throws {
    try FlagLimits.check(Double(count), "count", 1...1_000_000)
    try FlagLimits.check(Double(rounds), "rounds", 1...100)
  }

  func run() throws {
    do {
      let content = try ContentRoot.locate()
      let launcher = StepChecker(content: content).launcher
      let factory = try launcher.factory(for: SubjectSource.detect(path: file, exec: nil))
      // Alternate the three measurements over several rounds and keep medians: the machine is noisy.
      var pipe: [Double] = []
      var python: [Double] = []
      var subject: [Double] = []
      let echo = ["python3", "-c", "import sys\nfor l in sys.stdin:\n sys.stdout.write(l); sys.stdout.flush()"]
      for _ in 0..<rounds {
        pipe.append(try ProtocolBenchmark.pipePingPong(["cat"], count: count))
        python.append(try ProtocolBenchmark.pipePingPong(echo, count: count))
        subject.append(try ProtocolBenchmark.protocolRoundTrip(factory, count: count))
      }
      func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
      func us(_ s: Double) -> String { String(format: "%.1f µs", s * 1e6) }
      let name = URL(fileURLWithPath: file).lastPathComponent
      print("median of \(rounds) rounds × \(count) round trips")
      print("bare pipe ping-pong (cat):          \(us(median(pipe)))")
      print("bare pipe ping-pong (python echo):  \(us(median(python)))")
      print("protocol round trip (\(name)):  \(us(median(subject)))")
      print(String(format: "ratio to cat: %.2fx", median(subject) / median(pipe)))
    } catch {
      Output.error(error)
      throw ExitCode(2)
    }
  }
}
