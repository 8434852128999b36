#!/usr/bin/env bash
# Issue 14's lecture-hall figures. (1) The share of a 160×45 screen the grids of forward-pass step 3 take in
# --present mode, read from the real binary's screen in tmux: the rectangle around the grid boxes (issue 14 measured
# "columns 1–43 and rows 4–11") and the boxes themselves, titles included. BEFORE_BINARY adds the same figures for
# another build (a before/after comparison). (2) In process, release build (cnn-tutor-bench present): → then redraw
# in present mode at 160×45 (target: median under 2 ms), the same share, and the smallest terminal each lesson
# plays in (every step shows its heading, its formula's first line, its quiz, each grid or the note that hides it,
# and a marker for whatever else is cut) and shows whole (nothing hidden but narration to scroll).
# Measured 2026-12-02 on the shared 2-core machine: before (c9847ba) 4.6% (area) / 3.3% (boxes); after 52% / 40%,
# with the formula drawn large under them; → then redraw median 0.35 ms (forward-pass) to 0.42 ms (volume).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product cnn-tutor >/dev/null
swift build -c release --product cnn-tutor-bench >/dev/null
share() {
    local binary=$1 socket="cnn-present-$$" state
    state=$(mktemp -d)
    tmux -L "$socket" -f /dev/null new-session -d -x 160 -y 45 \
        "XDG_STATE_HOME=$state $binary --present --lesson forward-pass --step 3"
    sleep 1.5
    tmux -L "$socket" capture-pane -p | python3 -c '
import sys
lines = [line.rstrip("\n").ljust(160) for line in sys.stdin][:45]
boxes = []
for r, line in enumerate(lines):
    for c, ch in enumerate(line):
        if ch == "┌":
            right = line.index("┐", c)
            bottom = next(b for b in range(r + 1, len(lines)) if lines[b][c] == "└")
            boxes.append((r - 1, c, right - c + 1, bottom - r + 2))
top, left = min(b[0] for b in boxes), min(b[1] for b in boxes)
bottom, right = max(b[0] + b[3] for b in boxes), max(b[1] + b[2] for b in boxes)
print(f"{(bottom - top) * (right - left) / 7200:.1%} of the screen around the grids, "
      f"{sum(b[2] * b[3] for b in boxes) / 7200:.1%} inside their {len(boxes)} boxes")'
    tmux -L "$socket" kill-server
    # The tutor may still be saving as it goes: the folder is removed once it has.
    sleep 0.3
    rm -rf "$state" || true
}
if [ -n "${BEFORE_BINARY:-}" ]; then echo "before ($BEFORE_BINARY): $(share "$BEFORE_BINARY")"; fi
echo "after (this build): $(share "$PWD/.build/release/cnn-tutor")"
.build/release/cnn-tutor-bench present
