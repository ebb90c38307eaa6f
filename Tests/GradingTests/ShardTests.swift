import Foundation
import Grading
import Testing

@Suite("Shards and merge")
struct ShardTests {
  @Test("shards partition the students, the same way every time")
  func partition() throws {
    let names = (1...200).map { "student-\($0)" }
    let shards = try (1...4).map { try Shard(parsing: "\($0)/4") }
    for name in names { #expect(shards.filter { $0.contains(name) }.count == 1) }
    #expect(shards.allSatisfy { shard in names.filter(shard.contains).count > 20 })
    #expect(throws: GradingError.self) { try Shard(parsing: "5/4") }
    #expect(throws: GradingError.self) { try Shard(parsing: "1-4") }
  }

  @Test("grade merge of the shard folders equals one run over everyone")
  func merge() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-shards-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let submissions = root.appendingPathComponent("submissions")
    // Students without solutions grade instantly (missing), which is all a merge needs.
    for index in 1...12 {
      try FileManager.default.createDirectory(
        at: submissions.appendingPathComponent("s\(index)"), withIntermediateDirectories: true)
    }
    func run(_ shard: Shard?, _ out: String) throws -> [StepGrade] {
      var options = GradingOptions(
        submissions: submissions, steps: [TestSupport.step(3)], out: root.appendingPathComponent(out))
      options.shard = shard
      options.buildCache = TestSupport.buildCache
      return try Grader(content: TestSupport.content, options: options).run()
    }
    let whole = try run(nil, "whole")
    let one = try run(Shard(index: 1, count: 2), "one")
    let two = try run(Shard(index: 2, count: 2), "two")
    #expect(one.count + two.count == whole.count)
    let merged = try GradeMerger.merge([root.appendingPathComponent("one"), root.appendingPathComponent("two")])
    #expect(merged.missingShards.isEmpty)
    #expect(merged.grades.map(\.student) == whole.map(\.student))
    #expect(merged.grades.map(\.key) == whole.map(\.key))
    #expect(throws: GradingError.self) {
      _ = try GradeMerger.merge([root.appendingPathComponent("one"), root.appendingPathComponent("whole")])
    }
    // A missing shard is an error naming it; --partial writes a gradebook marked partial.
    #expect(throws: GradingError.missingShards(missing: ["2/2"], given: ["1/2"])) {
      _ = try GradeMerger.merge([root.appendingPathComponent("one")])
    }
    let partial = try GradeMerger.merge([root.appendingPathComponent("one")], partial: true)
    #expect(partial.missingShards == ["2/2"])
    #expect(partial.grades.map(\.student) == one.map(\.student))
    #expect(partial.gradebook.missingShards == ["2/2"])
    #expect(HTMLReport.index(partial.gradebook).contains("PARTIAL gradebook"))
    let book = Gradebook(grades: merged.grades, seed: merged.info.seed)
    #expect(CSVGradebook.render(book) == CSVGradebook.render(Gradebook(grades: whole, seed: 1)))
  }
}
