#!/usr/bin/env bash
# Gradescope autograder image setup for cblearn (docs/grading.md, "Gradescope"); runs once, as root.
# The autograder zip holds this file, run_autograder, rubric.yaml and a copy of the cblearn source tree in
# cblearn/ (all of them land in /autograder/source).
set -euo pipefail
source_dir="${AUTOGRADER_ROOT:-/autograder}/source"
apt-get update -qq
# What swiftly and the Swift toolchain need (https://www.swift.org/install/linux/).
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl ca-certificates git gnupg build-essential \
  libcurl4-openssl-dev libpython3-dev libsqlite3-0 libxml2-dev libz3-dev tzdata zlib1g-dev >/dev/null
if ! command -v swift >/dev/null 2>&1; then
  # The Swift toolchain through swiftly, as https://www.swift.org/install/linux/ describes.
  cd /tmp
  curl -fsSLO "https://download.swift.org/swiftly/linux/swiftly-$(uname -m).tar.gz"
  tar zxf "swiftly-$(uname -m).tar.gz"
  ./swiftly init --quiet-shell-followup --assume-yes
  # shellcheck disable=SC1091
  . "${SWIFTLY_HOME_DIR:-$HOME/.local/share/swiftly}/env.sh"
  hash -r
fi
# libedit-dev, pkg-config, python3, greenlet and bubblewrap, then the release build.
bash "$source_dir/cblearn/scripts/setup.sh" release
