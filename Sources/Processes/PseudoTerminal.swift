#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A pseudo-terminal: the controller side this process reads a child's output from and types into, and the
/// path of the terminal side, which a child opens as its controlling terminal (`Spawn.ProcessGroup.session`).
///
/// This process never opens the terminal side itself, so the child's end of output (EIO or end of file on
/// the controller) comes when the child and everything it started have closed it.
public struct PseudoTerminal: Sendable {
  /// The controller side (close-on-exec): what the child writes is read here, what is written here is typed.
  public let controller: Int32
  /// The terminal side's device path, such as `/dev/pts/3`.
  public let path: String

  /// Opens a pseudo-terminal of `columns` x `rows` characters.
  public static func open(columns: Int, rows: Int) throws(SpawnError) -> PseudoTerminal {
    // posix_openpt, grantpt, unlockpt and ptsname sit behind feature macros in the C modules: look them up.
    typealias Call = @convention(c) (Int32) -> Int32
    typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
    func function<T>(_ name: String, as type: T.Type) -> T? {
      dlsym(nil, name).map { unsafeBitCast($0, to: type) }
    }
    guard let openpt = function("posix_openpt", as: Call.self), let grant = function("grantpt", as: Call.self),
      let unlock = function("unlockpt", as: Call.self), let name = function("ptsname", as: Name.self)
    else { throw .noTerminal(reason: "the C library has no posix_openpt") }
    // Made and marked under the spawn lock, like a pipe, so no child started meanwhile inherits it.
    let opened: Result<PseudoTerminal, SpawnError> = Spawn.spawnLock.locked {
      let controller = openpt(O_RDWR | O_NOCTTY)
      guard controller >= 0 else { return .failure(.noTerminal(reason: String(cString: strerror(errno)))) }
      _ = fcntl(controller, F_SETFD, FD_CLOEXEC)
      guard grant(controller) == 0, unlock(controller) == 0, let path = name(controller) else {
        let reason = String(cString: strerror(errno))
        Glibc.close(controller)
        return .failure(.noTerminal(reason: reason))
      }
      return .success(PseudoTerminal(controller: controller, path: String(cString: path)))
    }
    let terminal = try opened.get()
    terminal.resize(columns: columns, rows: rows)
    return terminal
  }

  /// Sets the terminal's size, as a terminal emulator does when its window changes (the child gets SIGWINCH).
  public func resize(columns: Int, rows: Int) {
    var size = winsize(ws_row: UInt16(clamping: rows), ws_col: UInt16(clamping: columns), ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(controller, UInt(TIOCSWINSZ), &size)
  }

  /// Closes the controller side; the child's terminal hangs up.
  public func close() { _ = Glibc.close(controller) }
}
