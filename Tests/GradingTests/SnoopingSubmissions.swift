/// Submissions that try to read what is not theirs and put it in their feedback.
enum SnoopingSubmissions {
  /// Python that gathers secrets: `/etc/shadow`, the listings of `/root`, `/home` and the home folder, the
  /// environment, the other students' files, the grader's processes.
  static let gather = """
    import os

    def gather():
        found = []
        for path in ["/etc/shadow", "/etc/gshadow", "/proc/1/environ"]:
            try:
                found.append(path + "=" + open(path, "rb").read().decode("utf-8", "replace"))
            except Exception as error:
                found.append(path + ": " + str(error))
        for folder in ["/root", "/home", os.path.expanduser("~"), "..", "/tmp"]:
            try:
                found.append(folder + "=" + repr(os.listdir(folder)))
            except Exception as error:
                found.append(folder + ": " + str(error))
        try:
            for student in os.listdir(".."):
                for name in os.listdir(os.path.join("..", student)):
                    try:
                        found.append(open(os.path.join("..", student, name)).read())
                    except Exception:
                        pass
        except Exception as error:
            found.append(str(error))
        found.append("uid=%d" % os.getuid())
        found.append(repr(dict(os.environ)))
        return "\\n".join(found)

    """

  /// Raises the secrets in every call's exception, with terminal escapes and a megabyte of padding.
  static let inException =
    gather + """
      class CircuitOpenError(Exception):
          pass

      class CircuitBreaker:
          def __init__(self, failure_threshold=5, recovery_timeout=60, expected_exception=Exception):
              self.state = "CLOSED"

          def call(self, func, *args, **kwargs):
              raise RuntimeError("\\x1b[2J\\x1b]0;owned\\x07" + gather() + "x" * (1 << 20))

      """

  /// Raises the secrets while being imported (they land in standard error).
  static let atImport = gather + "raise RuntimeError(gather())\n"

  /// A protocol program that prints the secrets on standard error and in its handshake reply.
  static let shell = """
    #!/bin/sh
    cat /etc/shadow >&2
    ls -a /root /home >&2
    env >&2
    read line
    printf '{"id":1,"ok":false,"error":"%s"}\\n' "$(env | tr '\\n' ' ' | tr -d '"\\\\')"

    """
}
