#!/usr/bin/env bash
# Installs the headless browser the HTML report's browser test drives
# (Tests/PioneerCLITests/HTMLBrowserTests.swift), with a Japanese font so the screenshot
# shows Japanese rather than boxes. Idempotent: does nothing when a chromium is on PATH.
# Debian's `chromium` package is a real build (Ubuntu's is a snap stub that does not work
# in a container). Needs root (CI runs as root).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  echo "chromium already installed: $(command -v chromium || command -v chromium-browser)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-noto-cjk
