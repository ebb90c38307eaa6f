import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Refuses a submission before anything reads it: a graded file or a file beside it that is a link leading
/// out of the student's folder (`breaker.py -> /etc/shadow`), or files the unprivileged user cannot read.
enum SubmissionGuard {
  /// Why the submission must not be graded, or nil when it may.
  /// `unprivileged`: submissions run as another user (root drops to `nobody`), who must be able to read the
  /// file; `bound`: inside bwrap the student's folder is bound, so only the folders inside it must be enterable.
  static func refusal(_ submission: Submission, unprivileged: Bool, bound: Bool) -> String? {
    let file: URL
    var executable = false
    switch submission.source {
    case .file(let url): file = url
    case .executable(let url):
      file = url
      executable = true
    case .missing, .ambiguous, .unusable: return nil
    }
    let root = submission.root.resolvingSymlinksInPath().standardizedFileURL.path
    let singleFile = file.standardizedFileURL.path == submission.root.standardizedFileURL.path
    var suspects = [file]
    if !singleFile {
      let folder = file.deletingLastPathComponent()
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      suspects += names.sorted().map { folder.appendingPathComponent($0) }
    }
    for item in suspects {
      var info = stat()
      guard lstat(item.path, &info) == 0 else { continue }
      guard info.st_mode & S_IFMT == S_IFLNK else { continue }
      let target = item.resolvingSymlinksInPath().standardizedFileURL.path
      let inside = singleFile ? target == root : (target == root || target.hasPrefix(root + "/"))
      if !inside {
        return "\(describe(item, in: submission)) is a link that leads out of the submission; it was refused and "
          + "not read: submit the file itself, not a link to it"
      }
    }
    let top = bound ? resolved(submission.root).deletingLastPathComponent() : nil
    if unprivileged, !readableByOthers(file, executable: executable, below: top) {
      return "\(describe(file, in: submission)) cannot be read by the unprivileged user submissions run as "
        + "(uid \(Sandbox.unprivilegedID)): make the submissions readable, for example chmod -R a+rX SUBMISSIONS"
    }
    return nil
  }

  /// `url` with its links resolved, or as it is when resolving fails: Foundation cannot resolve a link whose
  /// target's name is not UTF-8 (the aliases made for such students) and returns a path that does not exist.
  private static func resolved(_ url: URL) -> URL {
    let target = url.resolvingSymlinksInPath()
    return FileManager.default.fileExists(atPath: target.path) ? target : url
  }

  /// The path of `item` relative to the student's folder.
  private static func describe(_ item: URL, in submission: Submission) -> String {
    let base = submission.root.standardizedFileURL.path + "/"
    let path = item.standardizedFileURL.path
    return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : item.lastPathComponent
  }

  /// Whether any user can read `file` (and run it when `executable`) and enter each folder above it, up to
  /// `top` (exclusive) or the root.
  private static func readableByOthers(_ file: URL, executable: Bool, below top: URL?) -> Bool {
    var info = stat()
    guard stat(file.path, &info) == 0, info.st_mode & S_IROTH != 0, !executable || info.st_mode & S_IXOTH != 0
    else { return false }
    var folder = resolved(file).deletingLastPathComponent()
    while folder.path != "/", folder.path != top?.standardizedFileURL.path {
      guard stat(folder.path, &info) == 0, info.st_mode & S_IXOTH != 0 else { return false }
      folder.deleteLastPathComponent()
    }
    return true
  }
}
