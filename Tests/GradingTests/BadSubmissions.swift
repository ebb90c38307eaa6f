/// The sources of hand-written bad submissions.
enum BadSubmissions {
  /// Answers the handshake, then loops forever inside every call.
  static let hang = """
    class CircuitOpenError(Exception):
        pass

    class CircuitBreaker:
        def __init__(self, failure_threshold=5, recovery_timeout=60, expected_exception=Exception):
            self.state = "CLOSED"

        def call(self, func, *args, **kwargs):
            while True:
                pass

    """

  /// Prints far more than the output cap as soon as it is imported.
  static let flood = """
    import sys
    chunk = "x" * 65536
    for _ in range(16384):
        sys.stdout.write(chunk)

    class CircuitOpenError(Exception):
        pass

    class CircuitBreaker:
        def __init__(self, failure_threshold=5, recovery_timeout=60, expected_exception=Exception):
            self.state = "CLOSED"

        def call(self, func, *args, **kwargs):
            return func(*args, **kwargs)

    """

  /// Forks without end in every call (bounded by the process cap; the group is killed afterwards).
  static let forkBomb = """
    import os

    class CircuitOpenError(Exception):
        pass

    class CircuitBreaker:
        def __init__(self, failure_threshold=5, recovery_timeout=60, expected_exception=Exception):
            self.state = "CLOSED"

        def call(self, func, *args, **kwargs):
            while True:
                try:
                    os.fork()
                except OSError:
                    pass

    """

  /// Speaks the handshake, then answers every request with a reply to the wrong id.
  static let liar = """
    #!/bin/sh
    read line
    echo '{"id":1,"ok":true,"protocol":1,"name":"liar","language":"sh","features":[]}'
    while read line; do
      echo '{"id":999,"ok":true,"state":"CLOSED"}'
    done

    """
}

extension BadSubmissions {
  /// Answers the first ten calls of each process, then loops forever: checks pass, then one hangs, the
  /// subject restarts and passes again, so only the wall-clock limit ends the submission.
  static let slowHang = """
    class CircuitOpenError(Exception):
        pass

    calls = [0]

    class CircuitBreaker:
        def __init__(self, failure_threshold=5, recovery_timeout=60, expected_exception=Exception):
            self.state = "CLOSED"

        def call(self, func, *args, **kwargs):
            calls[0] += 1
            while calls[0] > 10:
                pass
            return func(*args, **kwargs)

    """
}
