#!/usr/bin/env bash
# Follower lag (issue 14, item 5): a presenter (--present --share) and a follower (cnn-tutor follow) in two tmux
# servers; for each of STEPS keys sent to the presenter (PgDn to the end of the lesson, then PgUp back, and so
# on, 150–300 ms apart), the time until the follower's screen shows the presenter's step, as tmux captures it.
# The bound is 300 ms. The follower's poller reads the file every 100 ms and the screen takes what it found every
# 25 ms, so expect a median near 60–90 ms; the capture itself (a tmux client per look, every ~5 ms) is included
# and printed on its own.
# FOLLOW_BINARY times another build (the default is this tree's release build).
# Measured 2026-12-02 on the shared 2-core machine (load 4 to 8), release build, two runs of 100 steps: median
# 62 and 75 ms, 90th percentile 119 and 121 ms, max 126 and 135 ms; none over 300 ms (a capture: 2–4 ms).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${FOLLOW_BINARY:-}" ]; then swift build -c release --product cnn-tutor >/dev/null; fi
python3 - "${FOLLOW_BINARY:-$PWD/.build/release/cnn-tutor}" "${STEPS:-100}" <<'PY'
import os, random, re, shutil, statistics, subprocess, sys, tempfile, time

binary, steps = sys.argv[1], int(sys.argv[2])
lesson, frames = "convolution-over-volume", 47
folder = tempfile.mkdtemp(prefix="cnn-follow-lag-")
share = os.path.join(folder, "now.json")
sockets = {"presenter": f"cnn-lag-p-{os.getpid()}", "follower": f"cnn-lag-f-{os.getpid()}"}
env = f"env HOME={folder} XDG_STATE_HOME={folder}/state LANG=C.UTF-8 TERM=xterm-256color"

def tmux(who, *arguments):
    return subprocess.run(["tmux", "-L", sockets[who], "-f", "/dev/null", *arguments], check=True,
                          capture_output=True, text=True).stdout

def step_on(who):
    lines = [line for line in tmux(who, "capture-pane", "-p", "-t", "s").splitlines() if "step " in line]
    found = re.search(r"step (\d+)/", lines[-1]) if lines else None
    return int(found.group(1)) if found else None

def wait_for(who, step, timeout=10.0):
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if step_on(who) == step:
            return time.monotonic()
        time.sleep(0.005)
    sys.exit(f"the {who} did not show step {step} within {timeout} s")

try:
    tmux("presenter", "new-session", "-d", "-s", "s", "-x", "100", "-y", "30",
         f"{env} {binary} --present --lesson {lesson} --share {share}")
    wait_for("presenter", 1)
    tmux("follower", "new-session", "-d", "-s", "s", "-x", "100", "-y", "30", f"{env} {binary} follow {share}")
    wait_for("follower", 1)
    captures = []
    for _ in range(50):
        start = time.monotonic()
        step_on("follower")
        captures.append(time.monotonic() - start)
    lags, at, direction = [], 1, 1
    for _ in range(steps):
        if not 1 <= at + direction <= frames:
            direction = -direction
        at += direction
        time.sleep(random.uniform(0.15, 0.3))
        sent = time.monotonic()
        tmux("presenter", "send-keys", "-t", "s", "NPage" if direction > 0 else "PPage")
        lags.append(wait_for("follower", at) - sent)
    ms = sorted(lag * 1000 for lag in lags)
    print(f"follower lag over {steps} steps of {lesson} ({binary}):")
    print(f"  median {statistics.median(ms):.0f} ms   90th percentile {ms[int(len(ms) * 0.9)]:.0f} ms"
          f"   max {ms[-1]:.0f} ms   (bound: 300 ms; {sum(m > 300 for m in ms)} over it)")
    print(f"  one tmux capture: median {statistics.median(captures) * 1000:.1f} ms (included above)")
finally:
    for who in sockets:
        subprocess.run(["tmux", "-L", sockets[who], "kill-server"], capture_output=True)
    shutil.rmtree(folder, ignore_errors=True)
PY
