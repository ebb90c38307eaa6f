import Foundation

/// Reads a content file as UTF-8 text, telling a missing file from an unreadable, binary or non-UTF-8 one
/// (which is an error naming the file and the line of the first bad byte, never "missing").
enum ContentFile {
  /// The text of `url`; `what` names the file for the missing-file message (`the lesson`).
  static func read(_ url: URL, what: String) throws -> String {
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw CurriculumError.missingFile(path: url.path, what: what)
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw CurriculumError.malformed(
        file: url.path, line: nil, problem: "\(what) cannot be read (a folder, or no permission)",
        fix: "make it a readable file")
    }
    return try text(data, file: url.path)
  }

  /// `data` as text, or an error naming the line of the first NUL byte or invalid UTF-8 sequence.
  static func text(_ data: Data, file: String) throws -> String {
    let bytes = [UInt8](data)
    if let nul = bytes.firstIndex(of: 0) {
      throw CurriculumError.malformed(
        file: file, line: line(of: nul, in: bytes), problem: "the file is binary (it holds a NUL byte)",
        fix: "save it as UTF-8 text")
    }
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var scalars = String.UnicodeScalarView()
    var offset = 0
    decoding: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        scalars.append(scalar)
        offset += UTF8.width(scalar)
      case .emptyInput:
        break decoding
      case .error:
        throw CurriculumError.malformed(
          file: file, line: line(of: offset, in: bytes), problem: "the file is not valid UTF-8 text",
          fix: "save it as UTF-8 (for example with iconv -t UTF-8)")
      }
    }
    return String(scalars)
  }

  /// The 1-based line of a byte offset.
  private static func line(of offset: Int, in bytes: [UInt8]) -> Int {
    bytes[..<min(offset, bytes.count)].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
  }
}
