import Foundation
import Processes
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `Spawn`: the process group a child joins, the signals it starts with, its descriptors and lookups.
struct SpawnTests {
  /// Runs `script` in `group` and returns what it printed on standard output.
  private func output(of script: String, group: Spawn.ProcessGroup, ignoring: Int32? = nil) throws -> String {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    var spawn = Spawn(["/bin/sh", "-c", script], group: group)
    spawn.standardOutput = fds[1]
    let previous = ignoring.map { signal($0, SIG_IGN) }
    defer { if let ignoring, let previous { signal(ignoring, previous) } }
    let child = try spawn.start()
    close(fds[1])
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
      if n <= 0 { break }
      bytes += chunk[0..<n]
    }
    close(fds[0])
    #expect(child.wait() == .exited(0))
    return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test func aChildInTheParentsGroupSharesItsProcessGroup() throws {
    let group = try output(of: "ps -o pgid= -p $$", group: .parent)
    #expect(Int32(group.trimmingCharacters(in: .whitespaces)) == getpgrp())
  }

  @Test func aChildInItsOwnGroupLeadsIt() throws {
    let line = try output(of: "echo $$ $(ps -o pgid= -p $$)", group: .own)
    let parts = line.split(separator: " ").map { String($0) }
    #expect(parts.count == 2)
    #expect(parts.first == parts.last)
    #expect(Int32(parts[0]) != getpgrp())
  }

  @Test func signalsTheParentIgnoresStartAtTheirDefault() throws {
    // /proc/self/status lists ignored signals as a hex mask; SIGINT is bit 2 (value 2).
    let mask = try output(of: "grep SigIgn /proc/$$/status | cut -f2", group: .parent, ignoring: SIGINT)
    let value = UInt64(mask, radix: 16) ?? 0
    #expect(value & (1 << (UInt64(SIGINT) - 1)) == 0)
  }

  @Test func exitStatusesAndSignalsAreReported() throws {
    let exited = try Spawn(["/bin/sh", "-c", "exit 3"], group: .own).start()
    #expect(exited.wait() == .exited(3))
    let killed = try Spawn(["/bin/sh", "-c", "kill -9 $$"], group: .own).start()
    #expect(killed.wait() == .signalled(SIGKILL))
    #expect(killed.wait().description == "killed by signal 9")
    #expect(exited.wait().exitStatus == 3)
    #expect(killed.wait().exitStatus == 128 + SIGKILL, "as a shell reports it")
  }

  @Test func pollAnswersWithoutWaiting() throws {
    let input = try Spawn.pipe()
    let output = try Spawn.pipe()
    var spawn = Spawn(["/bin/sh", "-c", "read line; exit 4"], group: .own)
    spawn.standardInput = input.read
    spawn.standardOutput = output.write
    let child = try spawn.start()
    close(input.read)
    close(output.write)
    #expect(child.poll() == nil, "the child waits for a line")
    close(input.write)
    // The output's end comes as the child exits; it is reaped moments later.
    var byte: UInt8 = 0
    #expect(read(output.read, &byte, 1) == 0)
    close(output.read)
    var ended = child.poll()
    for _ in 0..<1_000_000 where ended == nil {
      sched_yield()
      ended = child.poll()
    }
    #expect(ended == .exited(4))
    #expect(child.wait() == .exited(4), "wait gives what poll reaped")
  }

  @Test func aMissingProgramIsAnErrorThatSaysWhatToDo() {
    #expect(throws: SpawnError.self) { try Spawn(["no-such-program-cblearn"], group: .own).start() }
    do {
      _ = try Spawn(["/no/such/program"], group: .own).start()
    } catch {
      #expect(error.description.contains("/no/such/program"))
      #expect(error.description.contains("PATH"))
    }
  }

  @Test func executablesAreFoundOnTheGivenPath() {
    #expect(Spawn.findExecutable("sh", path: "/nonexistent:/bin") == "/bin/sh")
    #expect(Spawn.findExecutable("sh", path: "/nonexistent") == nil)
    #expect(Spawn.findExecutable("/bin/sh") == "/bin/sh")
    #expect(Spawn.currentEnvironment()["PATH"] != nil)
  }
}

/// `Spawn.capture`: output, exit status, the deadline, and the output cap.
struct CaptureTests {
  @Test func outputAndErrorAreCapturedTogether() throws {
    let captured = try Spawn(["/bin/sh", "-c", "echo out; echo err >&2; exit 4"], group: .own).capture(timeout: 30)
    #expect(captured.text == "out\nerr\n")
    #expect(captured.termination == .exited(4))
    #expect(!captured.timedOut)
  }

  @Test func theDeadlineKillsTheWholeGroup() throws {
    // The grandchild holds the pipe open: only killing the group ends the read.
    let captured = try Spawn(["/bin/sh", "-c", "sleep 600 & sleep 600"], group: .own).capture(timeout: 0.2)
    #expect(captured.timedOut)
    #expect(captured.termination == .signalled(SIGKILL))
  }

  @Test func outputBeyondTheCapIsDropped() throws {
    let captured = try Spawn(["/bin/sh", "-c", "head -c 300000 /dev/zero"], group: .own).capture(
      timeout: 30, maxOutput: 1000)
    #expect(captured.output.count == 1000)
    #expect(captured.termination == .exited(0))
  }
}

/// `Spawn.currentDirectory`, and what `capture` keeps of the descriptors a spawn names.
struct SpawnFolderAndCaptureTests {
  @Test func aChildStartsInTheGivenFolder() throws {
    var template = Array("/tmp/cblearn-spawn-XXXXXX".utf8CString)
    let folder = String(cString: try #require(mkdtemp(&template)))
    defer { rmdir(folder) }
    var spawn = Spawn(["/bin/sh", "-c", "pwd -P"], group: .own)
    spawn.currentDirectory = folder
    let run = try spawn.capture(timeout: 20)
    let resolved = try #require(realpath(folder, nil))
    defer { free(resolved) }
    #expect(run.text.trimmingCharacters(in: .whitespacesAndNewlines) == String(cString: resolved))
    #expect(try Spawn(["/bin/sh", "-c", "pwd -P"], group: .own).capture(timeout: 20).text != run.text)
  }

  @Test func aMissingFolderIsAnError() {
    var spawn = Spawn(["/bin/true"], group: .own)
    spawn.currentDirectory = "/no/such/folder-cblearn"
    #expect(throws: SpawnError.self) { try spawn.start() }
  }

  @Test func captureKeepsANamedInputAndErrorDescriptor() throws {
    let input = try Spawn.pipe()
    _ = Array("typed\n".utf8).withUnsafeBytes { write(input.write, $0.baseAddress, $0.count) }
    close(input.write)
    defer { close(input.read) }
    let errors = try Spawn.pipe()
    defer { close(errors.read) }
    var spawn = Spawn(["/bin/sh", "-c", "cat; echo to-errors >&2"], group: .own)
    spawn.standardInput = input.read
    spawn.standardError = errors.write
    let run = try spawn.capture(timeout: 20)
    close(errors.write)
    #expect(run.termination == .exited(0))
    #expect(run.text == "typed\n", "the input is the pipe's, the errors are not in the output")
    var chunk = [UInt8](repeating: 0, count: 64)
    let n = read(errors.read, &chunk, chunk.count)
    #expect(String(decoding: chunk[0..<max(0, n)], as: UTF8.self) == "to-errors\n")
  }
}
