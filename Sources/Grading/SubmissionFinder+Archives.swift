import Foundation
import Subjects

/// Submissions as students hand them in: zip files (unpacked with path-traversal and size limits), Jupyter
/// notebooks (code cells as the Python file), and one project folder nested in the student's folder.
extension SubmissionFinder {
  /// Limits of an unpacked zip.
  static let zipMaxBytes = 50 << 20
  static let zipMaxEntries = 2000
  /// Seconds an unpacking may take (50 MiB unpack in well under a second).
  static let zipTimeout = 60.0

  /// Unpacks a zip into the work folder (once per run); the folder, or why it cannot be used.
  func unpack(_ zip: URL, as name: String) -> Result<URL, ArchiveProblem> {
    let target = work.appendingPathComponent("unpacked").appendingPathComponent(ResultStore.safeName(name))
    if Self.isDirectory(target) { return .success(target) }
    try? FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    let arguments = [
      "-I", "-c", Self.unzipScript, zip.path, target.path, String(Self.zipMaxBytes), String(Self.zipMaxEntries),
    ]
    guard let python = ToolRunner.python3,
      let run = try? ToolRunner.run(python, arguments, timeout: Self.zipTimeout)
    else { return .failure(ArchiveProblem("python3 is needed to unpack zip files")) }
    guard run.status == 0, !run.timedOut else {
      try? FileManager.default.removeItem(at: target)
      let reason =
        run.timedOut
        ? "unpacking took longer than \(Int(Self.zipTimeout)) s"
        : run.output.split(separator: "\n").last.map(String.init) ?? "python3 exited \(run.status)"
      return .failure(ArchiveProblem("\(zip.lastPathComponent) cannot be unpacked: \(reason)"))
    }
    return .success(target)
  }

  /// Why an archive was refused.
  struct ArchiveProblem: Error {
    var text: String
    init(_ text: String) { self.text = text }
  }

  /// The code cells of a notebook as one Python file in the work folder (IPython magics and shell lines
  /// commented out); nil when the file is not a notebook.
  func pythonFromNotebook(_ notebook: URL, student: String, step: Int) -> URL? {
    guard let data = FileManager.default.contents(atPath: notebook.path),
      let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let cells = root["cells"] as? [[String: Any]]
    else { return nil }
    var code: [String] = ["# converted by cblearn from \(notebook.lastPathComponent): its code cells, in order"]
    for cell in cells where cell["cell_type"] as? String == "code" {
      let source: String
      if let lines = cell["source"] as? [String] {
        source = lines.joined()
      } else {
        source = cell["source"] as? String ?? ""
      }
      let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        let trimmed = line.drop { $0 == " " }
        return trimmed.hasPrefix("%") || trimmed.hasPrefix("!") ? "# " + line : String(line)
      }
      code.append(lines.joined(separator: "\n"))
    }
    let folder = work.appendingPathComponent("notebooks").appendingPathComponent(
      "\(ResultStore.safeName(student))-\(step)")
    let file = folder.appendingPathComponent("breaker.py")
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data((code.joined(separator: "\n\n") + "\n").utf8).write(to: file)
    } catch {
      return nil
    }
    return file
  }

  /// Unpacks a zip with Python's zipfile: refuses absolute paths, `..`, links, more than N entries or M bytes
  /// (as declared, and never reads past a member's declared size).
  static let unzipScript = #"""
    import os, stat, sys, zipfile
    src, dest, max_bytes, max_entries = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    try:
        archive = zipfile.ZipFile(src)
    except Exception as error:
        sys.exit(f"not a readable zip file ({error})")
    infos = archive.infolist()
    if len(infos) > max_entries:
        sys.exit(f"{len(infos)} entries, more than the limit of {max_entries}")
    total = 0
    for info in infos:
        parts = info.filename.replace("\\", "/").split("/")
        if info.filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            sys.exit(f"the entry {info.filename!r} would be written outside its folder")
        if stat.S_ISLNK(info.external_attr >> 16):
            sys.exit(f"the entry {info.filename!r} is a symbolic link")
        total += info.file_size
        if total > max_bytes:
            sys.exit(f"it unpacks to more than {max_bytes >> 20} MiB")
    for info in infos:
        target = os.path.join(dest, *info.filename.replace("\\", "/").split("/"))
        if info.is_dir():
            os.makedirs(target, exist_ok=True)
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with archive.open(info) as data, open(target, "wb") as out:
            while True:
                chunk = data.read(1 << 16)
                if not chunk:
                    break
                out.write(chunk)
    """#
}
