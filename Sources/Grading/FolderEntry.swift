import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An entry of the submissions folder as the file system names it: names that are not valid UTF-8 (which
/// Foundation would show with U+FFFD and then fail to open) are kept as bytes, shown escaped (`caf\xE9`) and
/// reached through a symbolic link with a safe name.
public struct FolderEntry: Sendable, Equatable {
  /// The name for reports: the UTF-8 name, or the bytes with `\xNN` for each byte that is not UTF-8.
  public var name: String
  /// The bytes of the name.
  public var bytes: [UInt8]

  /// Whether the name is valid UTF-8 (and so usable as a Foundation path).
  public var isUTF8: Bool { String(validating: bytes, as: UTF8.self) != nil }

  /// The entries of a folder, hidden ones (`.git`, `.DS_Store`) and `__pycache__` left out, sorted by name.
  public static func list(_ folder: URL) -> [FolderEntry] {
    guard let dir = opendir(folder.path) else { return [] }
    defer { closedir(dir) }
    var entries: [FolderEntry] = []
    while let item = readdir(dir) {
      let bytes = withUnsafeBytes(of: item.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
      guard let first = bytes.first, first != UInt8(ascii: "."), bytes != Array("__pycache__".utf8),
        bytes != Array("__MACOSX".utf8)
      else { continue }
      entries.append(FolderEntry(name: escaped(bytes), bytes: bytes))
    }
    return entries.sorted { $0.name < $1.name }
  }

  /// The bytes as text: valid UTF-8 as is, every other byte as `\xNN`.
  static func escaped(_ bytes: [UInt8]) -> String {
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    var out = ""
    var index = 0
    while index < bytes.count {
      // The longest valid UTF-8 sequence starting here (1–4 bytes), else one escaped byte.
      var taken = false
      for length in stride(from: min(4, bytes.count - index), through: 1, by: -1) {
        if let piece = String(validating: bytes[index..<index + length], as: UTF8.self), piece.count == 1 {
          out += piece
          index += length
          taken = true
          break
        }
      }
      if !taken {
        out += "\\x" + String(bytes[index], radix: 16, uppercase: true).leftPadded(to: 2)
        index += 1
      }
    }
    return out
  }

  /// A path to the entry usable by Foundation: the entry itself, or for a name that is not UTF-8 a copy of
  /// the file or a symbolic link to the folder in `aliases` (named by the safe form of the name).
  public func url(in folder: URL, aliases: URL) -> URL? {
    if isUTF8 { return folder.appendingPathComponent(name) }
    // The safe name keeps the extension, so `caf\xE9.py` is still a Python file.
    let dot = bytes.lastIndex(of: UInt8(ascii: "."))
    let suffix = dot.flatMap { String(validating: bytes[$0...], as: UTF8.self) }.flatMap { ext in
      ext.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") } ? ext : nil
    }
    let link = aliases.appendingPathComponent(
      ResultStore.safeName(suffix.map { String(name.dropLast($0.count)) } ?? name) + (suffix ?? ""))
    try? FileManager.default.createDirectory(at: aliases, withIntermediateDirectories: true)
    unlink(link.path)
    let target = Array(folder.path.utf8) + [UInt8(ascii: "/")] + bytes + [0]
    return target.withUnsafeBufferPointer { pointer in
      pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: target.count) { path in
        // A file is copied (a link would point into a folder the sandbox may hide); a folder is linked, and
        // binding the link shows the folder.
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
          return Self.copy(path, to: link) ? link : nil
        }
        return symlink(path, link.path) == 0 ? link : nil
      }
    }
  }

  /// Copies a regular file reached by a raw path (at most 16 MiB: a solution is small).
  static func copy(_ path: UnsafePointer<CChar>, to target: URL) -> Bool {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while data.count <= 16 << 20 {
      let count = read(descriptor, &buffer, buffer.count)
      if count < 0 { return false }
      if count == 0 { return (try? data.write(to: target)) != nil }
      data.append(contentsOf: buffer[0..<count])
    }
    return false
  }
}

extension String {
  /// The text with leading zeros up to `width` characters.
  func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
