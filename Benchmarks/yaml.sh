#!/usr/bin/env bash
# Composing the 28 bundled lessons into YAML trees (release build): YAMLDocument, which the tutor reads lessons
# with, against Yams, which it read them with before. Prints one JSON object of medians in seconds.
# The machine is shared: compare the figures of one run, not across runs.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product yaml-bench >/dev/null
.build/release/yaml-bench
