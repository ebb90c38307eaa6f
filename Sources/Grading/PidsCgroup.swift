import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A `pids` cgroup (v1 hierarchy) per run with a fresh child per submission: caps the processes of a
/// submission even as root, where `ulimit -u` is ignored, and lists them so none is left behind. A fresh
/// child each time means processes still dying (zombies waiting for init) never count against the next one.
public struct PidsCgroup: Sendable {
  /// This run's folder, such as `/sys/fs/cgroup/pids/cblearn-grade-1234-1` (process id, run number).
  public let url: URL
  /// The most tasks (processes and threads) each worker's submission may have.
  public let limit: Int

  /// Creates the run's cgroup, or nil when the hierarchy is missing or not writable.
  public static func create(limit: Int, hierarchy: URL = URL(fileURLWithPath: "/sys/fs/cgroup/pids")) -> PidsCgroup? {
    guard FileManager.default.fileExists(atPath: hierarchy.appendingPathComponent("cgroup.procs").path) else {
      return nil
    }
    removeStale(in: hierarchy)
    let url = hierarchy.appendingPathComponent("cblearn-grade-\(getpid())-\(Self.counter.next())")
    guard mkdir(url.path, 0o755) == 0 || errno == EEXIST else { return nil }
    // The run's own cgroup stays unlimited: the cap is per worker, so one worker's fork bomb never starves
    // the submissions of the others.
    let cgroup = PidsCgroup(url: url, limit: limit)
    guard cgroup.write("max", to: url.appendingPathComponent("pids.max")) else {
      rmdir(url.path)
      return nil
    }
    return cgroup
  }

  /// A new cgroup for one submission, with the run's limit.
  public func fresh() -> URL? {
    let child = url.appendingPathComponent("job-\(Self.counter.next())")
    if mkdir(url.path, 0o755) == 0 { _ = write("max", to: url.appendingPathComponent("pids.max")) }
    guard mkdir(child.path, 0o755) == 0 else { return nil }
    guard write("\(limit)", to: child.appendingPathComponent("pids.max")) else {
      rmdir(child.path)
      return nil
    }
    return child
  }

  /// Kills what a submission left and removes its cgroup (left for `remove()` while tasks still exit).
  public func release(_ child: URL) {
    killAll(child)
    rmdir(child.path)
  }

  /// Kills every process of every submission of the run (Ctrl-C).
  public func killEverything() {
    for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] where name.hasPrefix("job-") {
      for pid in Self.tasks(url.appendingPathComponent(name)) { kill(pid, SIGKILL) }
    }
  }

  /// How often a fork was refused because the cap was reached (`pids.events`).
  public func limitHits(_ slot: URL) -> Int {
    guard let text = try? String(contentsOf: slot.appendingPathComponent("pids.events"), encoding: .utf8) else {
      return 0
    }
    for line in text.split(separator: "\n") where line.hasPrefix("max ") {
      return Int(line.dropFirst(4).trimmingCharacters(in: .whitespaces)) ?? 0
    }
    return 0
  }

  /// Kills every process in a cgroup until it is empty (at most a second of tries).
  public func killAll(_ slot: URL) {
    for _ in 0..<100 {
      let pids = Self.tasks(slot)
      if pids.isEmpty { return }
      for pid in pids { kill(pid, SIGKILL) }
      usleep(10_000)
    }
  }

  /// Kills what is left and removes the run's cgroups.
  public func remove() {
    let children = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    for name in children where name.hasPrefix("job-") {
      let child = url.appendingPathComponent(name)
      killAll(child)
      rmdir(child.path)
    }
    rmdir(url.path)
  }

  static func tasks(_ cgroup: URL) -> [pid_t] {
    guard let text = try? String(contentsOf: cgroup.appendingPathComponent("cgroup.procs"), encoding: .utf8) else {
      return []
    }
    return text.split(separator: "\n").compactMap { pid_t($0.trimmingCharacters(in: .whitespaces)) }
  }

  /// Removes the empty cgroups of earlier runs that were killed before they could clean up.
  static func removeStale(in hierarchy: URL) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: hierarchy.path)) ?? []
    for name in names where name.hasPrefix("cblearn-grade-") {
      let owner = name.dropFirst("cblearn-grade-".count).split(separator: "-").first.map(String.init) ?? ""
      guard let pid = Int32(owner), kill(pid, 0) != 0 else { continue }
      let run = hierarchy.appendingPathComponent(name)
      for child in (try? FileManager.default.contentsOfDirectory(atPath: run.path)) ?? [] where child.hasPrefix("job-")
      {
        rmdir(run.appendingPathComponent(child).path)
      }
      rmdir(run.path)
    }
  }

  /// Numbers the runs of one process, so two graders never share a cgroup.
  static let counter = RunCounter()

  private func write(_ text: String, to file: URL) -> Bool {
    let fd = open(file.path, O_WRONLY)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == bytes.count
  }
}

/// A thread-safe counter.
final class RunCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  func next() -> Int {
    lock.withLock {
      value += 1
      return value
    }
  }
}
