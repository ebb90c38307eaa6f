#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The operating-system queries the terminal layer needs, kept in one place.
enum Platform {
  /// Whether the file descriptor is a terminal.
  static func isTerminal(_ fileDescriptor: Int32) -> Bool {
    isatty(fileDescriptor) == 1
  }

  /// The window size of the terminal on `fileDescriptor`, or `nil` when it is not a terminal.
  static func windowSize(_ fileDescriptor: Int32) -> (columns: Int, rows: Int)? {
    var size = winsize()
    #if canImport(Darwin)
      let request = UInt(TIOCGWINSZ)
    #else
      let request = UInt(TIOCGWINSZ)
    #endif
    guard ioctl(fileDescriptor, request, &size) == 0, size.ws_col > 0 else { return nil }
    return (Int(size.ws_col), Int(size.ws_row))
  }
}
