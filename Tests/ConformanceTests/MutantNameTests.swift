import Foundation
import Testing

/// One bug, one name: a file mutant that carries an in-process mutant's bug has its name, and no other file
/// mutant is named like one.
///
/// Which file mutants share a bug is declared once, in `IN_PROCESS` of `mutants/make_mutants.py`, and written
/// to `mutants/mutants.yaml` as `in_process: true` (`MutantFreshnessTests` keeps the manifest fresh).
@Suite struct MutantNameTests {
  /// The part of a manifest entry that names it.
  struct Entry {
    var name: String
    var inProcess: Bool?
    var caughtBy: [String]
  }

  /// The entries of `mutants/mutants.yaml`, read line by line (the generator writes one key per line).
  static func manifest() throws -> [Entry] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("mutants/mutants.yaml"), encoding: .utf8)
    var entries: [Entry] = []
    for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
      if let name = line.value(of: "- name:") {
        entries.append(Entry(name: name, inProcess: nil, caughtBy: []))
      } else if let flag = line.value(of: "in_process:"), !entries.isEmpty {
        entries[entries.count - 1].inProcess = flag == "true" ? true : flag == "false" ? false : nil
      } else if let list = line.value(of: "caught_by:"), !entries.isEmpty {
        entries[entries.count - 1].caughtBy = list.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
          .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      }
    }
    return entries
  }

  @Test func theManifestIsRead() throws {
    let entries = try Self.manifest()
    #expect(entries.count > 50, "read \(entries.count) entries from mutants/mutants.yaml")
    #expect(entries.allSatisfy { !$0.caughtBy.isEmpty })
  }

  @Test func everyFileMutantSaysWhetherItHasAnInProcessTwin() throws {
    let unsure = try Self.manifest().filter { $0.inProcess == nil }.map(\.name)
    #expect(unsure.isEmpty, "entries without `in_process: true|false`: \(unsure)")
  }

  @Test func noNameIsUsedTwice() throws {
    let names = try Self.manifest().map(\.name)
    let repeated = Dictionary(grouping: names, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
    #expect(repeated.isEmpty, "file mutants sharing a name: \(repeated)")
  }

  /// A file mutant declared to carry an in-process bug is named after it; any other is named apart from them.
  @Test func fileMutantsAreNamedLikeTheirInProcessTwinAndOnlyThem() throws {
    for entry in try Self.manifest() {
      let bug = Bug(rawValue: entry.name)
      if entry.inProcess == true {
        #expect(
          bug != nil,
          "\(entry.name) is marked in_process but no Bug case has that name: rename it after its twin in Bug.swift")
      } else if entry.inProcess == false {
        #expect(
          bug == nil,
          """
          \(entry.name) is a Bug case's name but not marked in_process: if it is the same bug, add it to \
          IN_PROCESS in mutants/make_mutants.py; if not, rename one of them
          """)
      }
    }
  }

  /// Twins are the same bug: a check named for the in-process mutant (`MutantTests.named`) is among the checks
  /// that must catch the file mutant (bugs found only by explore mode have no named check).
  @Test func twinsShareACatchingCheck() throws {
    for entry in try Self.manifest() where entry.inProcess == true {
      guard let bug = Bug(rawValue: entry.name) else { continue }
      let named = MutantTests.named.filter { $0.0 == bug }.map(\.1)
      guard !named.isEmpty else {
        #expect(MutantTests.exploreOnly.contains(bug), "\(entry.name) has no named check in MutantTests")
        continue
      }
      #expect(
        named.contains { entry.caughtBy.contains($0) },
        """
        \(entry.name): the in-process mutant is caught by \(named), the file mutant by \(entry.caughtBy): \
        if both are caught by one check, list it for both; if not, they may be different bugs
        """)
    }
  }
}

extension String {
  /// The rest of the line after `key`, trimmed, or nil when the line does not start with it.
  fileprivate func value(of key: String) -> String? {
    guard hasPrefix(key) else { return nil }
    return String(dropFirst(key.count)).trimmingCharacters(in: .whitespaces)
  }
}
