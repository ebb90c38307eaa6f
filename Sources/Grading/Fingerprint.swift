import Foundation

/// A 128-bit FNV-1a content hash (two lanes) for cache keys and shard assignment: stable across runs and machines.
public struct Fingerprint: Sendable {
  private var a: UInt64 = 0xcbf2_9ce4_8422_2325
  private var b: UInt64 = 0x8422_2325_cbf2_9ce4

  public init() {}

  /// Adds bytes, then a separator, so that ("ab", "c") and ("a", "bc") differ.
  public mutating func add(_ bytes: some Sequence<UInt8>) {
    for byte in bytes {
      a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
      b = (b ^ UInt64(byte ^ 0x5c)) &* 0x100_0000_01b3
    }
    a = (a ^ 0xff) &* 0x100_0000_01b3
    b = (b ^ 0xfe) &* 0x100_0000_01b3
  }

  public mutating func add(_ text: String) { add(text.utf8) }

  /// Adds the names and contents of the regular files of a folder, in name order, hidden files and caches
  /// left out; with `recursive`, the files of its subfolders too, named by their path inside `folder` (the
  /// Python adapter is a package in a subfolder).
  public mutating func addFolder(_ folder: URL, recursive: Bool = false, prefix: String = "") {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names.sorted() where !name.hasPrefix(".") && name != "__pycache__" {
      let url = folder.appendingPathComponent(name)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
      if isDirectory.boolValue {
        if recursive { addFolder(url, recursive: true, prefix: prefix + name + "/") }
        continue
      }
      add(prefix + name)
      add(FileManager.default.contents(atPath: url.path) ?? Data())
    }
  }

  /// The first lane: enough for shard assignment.
  public var value: UInt64 { a }

  /// 32 hexadecimal digits.
  public var hex: String {
    func pad(_ v: UInt64) -> String {
      let s = String(v, radix: 16)
      return String(repeating: "0", count: 16 - s.count) + s
    }
    return pad(a) + pad(b)
  }
}
