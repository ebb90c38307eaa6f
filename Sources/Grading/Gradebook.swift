import Conformance
import Foundation

/// All grades of a run, by student: what every export format is written from.
public struct Gradebook: Sendable, Equatable {
  /// One student's grades over the steps.
  public struct Student: Sendable, Equatable {
    public var name: String
    public var grades: [StepGrade]

    /// Points over every step.
    public var score: Int { grades.reduce(0) { $0 + $1.score } }
    public var maxScore: Int { grades.reduce(0) { $0 + $1.maxScore } }
    /// Every step passed.
    public var passed: Bool { grades.allSatisfy(\.passed) }
  }

  /// One column of the matrix: a check of a step.
  public struct Column: Sendable, Equatable {
    public var step: Int
    public var id: String
    public var title: String
    public var level: CheckLevel
  }

  public var students: [Student]
  public var steps: [Int]
  public var seed: UInt64
  public var suiteVersion: String
  /// Entries of the submissions folder that are not submissions, with why: rows plus these are every entry.
  public var skipped: [SubmissionFinder.Skipped] = []
  /// The `I/N` shards a merge did not have: non-empty only for a partial gradebook (`grade merge --partial`).
  public var missingShards: [String] = []

  /// Which sandboxes graded these grades (normally one), for the reports' headers.
  public var sandboxes: [String] { Array(Set(students.flatMap(\.grades).compactMap(\.sandbox))).sorted() }

  /// Groups grades by student, sorted by student name then step.
  public init(grades: [StepGrade], seed: UInt64) {
    let sorted = grades.sorted { ($0.student, $0.step) < ($1.student, $1.step) }
    var students: [Student] = []
    for grade in sorted {
      if students.last?.name == grade.student {
        students[students.count - 1].grades.append(grade)
      } else {
        students.append(Student(name: grade.student, grades: [grade]))
      }
    }
    self.students = students
    steps = Array(Set(grades.map(\.step))).sorted()
    self.seed = seed
    suiteVersion = grades.first?.suiteVersion ?? SuiteRunner.suiteVersion
  }

  /// The checks of every step, in step order then in the suite's order.
  public var columns: [Column] {
    var columns: [Column] = []
    for step in steps {
      var seen = Set<String>()
      for grade in students.flatMap(\.grades) where grade.step == step {
        for check in grade.checks where seen.insert(check.id).inserted {
          columns.append(Column(step: step, id: check.id, title: check.title, level: check.level))
        }
      }
    }
    return columns
  }

  /// Counts of grades by outcome word (`passed`, `failed`, `error`, `missing`).
  public var counts: [String: Int] {
    var counts: [String: Int] = [:]
    for grade in students.flatMap(\.grades) { counts[grade.outcome, default: 0] += 1 }
    return counts
  }
}
