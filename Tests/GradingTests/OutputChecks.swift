import Conformance
import Foundation
import Grading
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Checks of each written format against the gradebook it came from.
enum OutputChecks {
  /// One row per student, a column per check, totals that add up.
  static func csv(_ url: URL, book: Gradebook) throws {
    let text = try String(contentsOf: url, encoding: .utf8)
    let rows = CSVReader.parse(text)
    let header = try #require(rows.first)
    #expect(header.first == "student")
    #expect(header.suffix(4) == ["total", "max_total", "passed", "sandbox"])
    #expect(rows.count == book.students.count + 1)
    for column in book.columns { #expect(header.contains("\(column.step):\(column.id)")) }
    for (row, student) in zip(rows.dropFirst(), book.students) {
      #expect(row.count == header.count)
      #expect(row.first == student.name)
      #expect(row[header.count - 4] == String(student.score))
    }
  }

  /// Exercism v3: version, status rules, tests in suite order, a message on every failing test.
  static func exercism(_ folder: URL, book: Gradebook) throws {
    for student in book.students {
      for grade in student.grades {
        let url = folder.appendingPathComponent(
          "\(ResultStore.safeName(student.name))/\(grade.folderName)/results.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        #expect(object["version"] as? Int == 3)
        let status = try #require(object["status"] as? String)
        let tests = try #require(object["tests"] as? [[String: Any]])
        switch grade.status {
        case .graded:
          let statuses = tests.compactMap { $0["status"] as? String }
          #expect(status == (statuses.allSatisfy { $0 == "pass" } ? "pass" : "fail"))
          #expect(tests.compactMap { $0["name"] as? String }.count == tests.count)
          for test in tests where test["status"] as? String != "pass" { #expect(test["message"] is String) }
          #expect(tests.allSatisfy { $0["task_id"] is Int && $0["test_code"] is String })
        case .error, .missing:
          #expect(status == "error")
          #expect(object["message"] is String)
        }
      }
    }
  }

  /// Gradescope: the score is the sum of the scored tests; informational tests have no score.
  static func gradescope(_ folder: URL, book: Gradebook) throws {
    for student in book.students {
      let url = folder.appendingPathComponent("\(ResultStore.safeName(student.name))/results.json")
      let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
      let tests = try #require(object["tests"] as? [[String: Any]])
      let sum = tests.compactMap { $0["score"] as? Double }.reduce(0, +)
      #expect(object["score"] as? Double == Double(student.score))
      #expect(sum == Double(student.score))
      #expect(tests.allSatisfy { ["passed", "failed"].contains($0["status"] as? String ?? "") })
    }
  }

  /// JUnit: well-formed XML, `testcase@name` always set, counts that match the cases.
  static func junit(_ url: URL, book: Gradebook) throws {
    #if canImport(FoundationXML) || os(macOS)
      let document = try XMLDocument(contentsOf: url, options: [])
      let root = try #require(document.rootElement())
      #expect(root.name == "testsuites")
      let suites = root.elements(forName: "testsuite")
      #expect(suites.count == book.students.flatMap(\.grades).count)
      var total = 0
      for suite in suites {
        #expect(suite.attribute(forName: "name")?.stringValue?.isEmpty == false)
        let cases = suite.elements(forName: "testcase")
        #expect(Int(suite.attribute(forName: "tests")?.stringValue ?? "") == cases.count)
        for kind in ["failure", "error", "skipped"] {
          let counted = cases.filter { !$0.elements(forName: kind).isEmpty }.count
          let attribute = kind == "failure" ? "failures" : kind == "error" ? "errors" : "skipped"
          #expect(Int(suite.attribute(forName: attribute)?.stringValue ?? "") == counted)
        }
        for testcase in cases {
          #expect(testcase.attribute(forName: "name")?.stringValue?.isEmpty == false)
          #expect(testcase.attribute(forName: "classname")?.stringValue?.isEmpty == false)
          let outcomes = ["failure", "error", "skipped"].flatMap { testcase.elements(forName: $0) }
          #expect(outcomes.count <= 1)
          for outcome in outcomes where outcome.name != "skipped" {
            #expect(outcome.attribute(forName: "message") != nil)
          }
        }
        total += cases.count
      }
      #expect(Int(root.attribute(forName: "tests")?.stringValue ?? "") == total)
    #endif
  }

  /// HTML: a matrix cell per student and check, each non-pass cell linking to an anchor that exists.
  static func html(_ out: URL, book: Gradebook) throws {
    let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
    // One inline script (sorting and folding), nothing loaded from anywhere.
    #expect(index.components(separatedBy: "<script").count == 2 && !index.contains("<script src"))
    #expect(!index.contains("http://") && !index.contains("https://"))
    for student in book.students {
      #expect(index.contains(">\(HTML.escape(student.name))</a>"))
      let page = try String(
        contentsOf: out.appendingPathComponent("students/\(ResultStore.safeName(student.name)).html"), encoding: .utf8)
      #expect(!page.contains("<script"))
      for grade in student.grades {
        for check in grade.checks {
          let anchor = HTML.anchor(step: grade.step, check: check.id)
          #expect(page.contains("id=\"\(anchor)\""))
          #expect(index.contains("#\(anchor)\""))
        }
      }
    }
    let cells = index.components(separatedBy: "<td class=\"cell ").count - 1
    #expect(cells == book.students.reduce(0) { $0 + $1.grades.reduce(0) { $0 + $1.checks.count } })
  }
}

/// A minimal RFC 4180 reader for the tests.
enum CSVReader {
  static func parse(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text)
    characters.append("\n")
    var index = 0
    while index < characters.count {
      let c = characters[index]
      if quoted {
        if c == "\"" {
          if index + 1 < characters.count, characters[index + 1] == "\"" {
            field.append("\"")
            index += 1
          } else {
            quoted = false
          }
        } else {
          field.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        row.append(field)
        field = ""
      } else if c == "\n" || c == "\r\n" {
        row.append(field)
        if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
        row = []
        field = ""
      } else if c != "\r" {
        field.append(c)
      }
      index += 1
    }
    return rows
  }
}

/// Processes still running whose command line mentions a folder.
enum NoLeftovers {
  static func processes(under folder: URL) -> [String] {
    var found: [String] = []
    for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where Int(name) != nil {
      guard let data = FileManager.default.contents(atPath: "/proc/\(name)/cmdline") else { continue }
      let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
      if line.contains(folder.path) { found.append("\(name): \(line)") }
    }
    return found
  }
}
