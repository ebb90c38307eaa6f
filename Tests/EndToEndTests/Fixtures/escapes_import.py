import sys

sys.stderr.write("\x1b[2J\x1b[31mboom\x1b[0m\n")
raise SystemExit(3)
