import Foundation
import Testing

/// `cblearn diagram --state` takes half-open as the REPL and the lessons do, in either spelling.
@Suite("diagram --state spellings")
struct DiagramStateFlagTests {
  @Test("half-open and half_open draw the same highlighted diagram")
  func bothSpellings() throws {
    let hyphen = try CLI.run(["diagram", "--state", "half-open", "--ascii"])
    let underscore = try CLI.run(["diagram", "--state", "half_open", "--ascii"])
    let plain = try CLI.run(["diagram", "--ascii"])
    #expect(hyphen.status == 0 && underscore.status == 0, "\(hyphen.stderr)\(underscore.stderr)")
    #expect(hyphen.stdout == underscore.stdout)
    #expect(hyphen.stdout != plain.stdout)
  }
}
