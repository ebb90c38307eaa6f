import Foundation
import Grading
import Testing

/// The adapters' fingerprint decides whether a submission is graded again: it must see a changed file in
/// the Python adapter's package folder, and nothing of a submission folder's subfolders unless asked.
@Suite("Fingerprint of folders")
struct FingerprintTests {
  static func hex(_ folder: URL, recursive: Bool) -> String {
    var print = Fingerprint()
    print.addFolder(folder, recursive: recursive)
    return print.hex
  }

  @Test("a recursive fingerprint changes with a file in a subfolder; a flat one does not")
  func subfolders() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fingerprint-\(UUID().uuidString)")
    let package = folder.appendingPathComponent("cblearn_py")
    try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("entry".utf8).write(to: folder.appendingPathComponent("cblearn_adapter.py"))
    try Data("one".utf8).write(to: package.appendingPathComponent("wire.py"))
    let before = (flat: Self.hex(folder, recursive: false), deep: Self.hex(folder, recursive: true))
    try Data("two".utf8).write(to: package.appendingPathComponent("wire.py"))
    #expect(Self.hex(folder, recursive: false) == before.flat)
    #expect(Self.hex(folder, recursive: true) != before.deep)
    // A cache folder is never part of it.
    try FileManager.default.createDirectory(
      at: package.appendingPathComponent("__pycache__"), withIntermediateDirectories: true)
    let deep = Self.hex(folder, recursive: true)
    try Data("x".utf8).write(to: package.appendingPathComponent("__pycache__/wire.pyc"))
    #expect(Self.hex(folder, recursive: true) == deep)
  }
}
