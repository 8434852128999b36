#!/usr/bin/env bash
# Start-up as a user meets it (release build): exec → the tutor's first full screen through a pty of 100×30,
# and exec → exit of `cnn-tutor list`, with the bundled lessons and with 200 extra lessons in --lessons DIR,
# beside a plain Swift binary that prints one line; and the network lessons, which compute with the trained
# weights when they load (lesson 28 runs two networks over the 500 held-out digits): `show` and the first
# frame. Prints the median of RUNS runs (default 21) of each.
# The machine is shared: compare the rows of one run, not figures across runs.
set -euo pipefail
cd "$(dirname "$0")/.."
# STARTUP_BINARY measures another build of cnn-tutor (a before/after comparison) instead of building this one.
binary=${STARTUP_BINARY:-}
if [ -z "$binary" ]; then
    swift build -c release --product cnn-tutor >/dev/null
    binary="$PWD/.build/release/cnn-tutor"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The baseline: the least a Swift program costs to start.
printf 'print("hello")\n' >"$work/hello.swift"
swiftc -O "$work/hello.swift" -o "$work/hello" 2>/dev/null

# 200 extra lessons, each a copy of a bundled one under a new id and order.
mkdir -p "$work/extra"
for n in $(seq 1 200); do
    sed -e "s/^id: .*/id: extra-$n/" -e "s/^order: .*/order: $((100 + n))/" Lessons/03-forward-pass.yaml \
        >"$work/extra/extra-$n.yaml"
done

python3 - "$binary" "$work" "${RUNS:-21}" "$(ls Lessons/*.yaml | wc -l)" <<'PY'
import fcntl, os, pty, re, select, statistics, struct, subprocess, sys, termios, time

binary, work, runs, bundled = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
           XDG_STATE_HOME=os.path.join(work, "state"), XDG_CACHE_HOME=os.path.join(work, "cache"))
env.pop("CNN_TUTOR_LESSONS", None)
# The status bar's step counter is drawn with the rest of the first frame, in one refresh.
FIRST_FRAME = re.compile(rb"step \d+/\d+")

def first_frame(args):
    """Seconds from exec until the first full screen appears on the pty."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(args[0], args, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.perf_counter()
    seen, elapsed = b"", None
    while elapsed is None:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if FIRST_FRAME.search(seen):
            elapsed = time.perf_counter() - start
    os.write(fd, b"q")
    deadline = time.time() + 2
    while time.time() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        try:
            if select.select([fd], [], [], 0.05)[0]:
                os.read(fd, 65536)
        except OSError:
            pass
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(fd)
    if elapsed is None:
        sys.exit(f"no first frame from {' '.join(args)}; output: {seen[-400:]!r}")
    return elapsed

def to_exit(args):
    """Seconds from exec to exit, output to a pipe."""
    start = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    return time.perf_counter() - start

def median_ms(measure, args):
    measure(args)  # warm the page cache
    return statistics.median(measure(args) for _ in range(runs)) * 1e3

extra = ["--lessons", os.path.join(work, "extra")]
rows = [
    ("plain Swift binary printing one line", to_exit, [os.path.join(work, "hello")], ""),
    (f"cnn-tutor list, {bundled} lessons", to_exit, [binary, "list"], "≤ 15 ms"),
    (f"cnn-tutor list, {bundled} + 200 lessons", to_exit, [binary, "list"] + extra, "≤ 20 ms"),
    (f"tutor first frame, {bundled} lessons", first_frame, [binary], "≤ 15 ms"),
    (f"tutor first frame, {bundled} + 200 lessons", first_frame, [binary] + extra, "≤ 20 ms"),
    # Lesson 28 evaluates two trained networks on the 500 held-out digits when it is loaded.
    ("cnn-tutor show everything-else-unchanged", to_exit, [binary, "show", "everything-else-unchanged"],
     "≤ 50 ms"),
    ("tutor first frame, --lesson everything-else-unchanged", first_frame,
     [binary, "--lesson", "everything-else-unchanged"], "≤ 50 ms"),
    ("tutor first frame, --lesson digit-backward", first_frame, [binary, "--lesson", "digit-backward"], "≤ 50 ms"),
]
print(f"{'start-up (median of ' + str(runs) + ', from exec)':56} {'time':>10}  target")
for label, measure, args, target in rows:
    print(f"{label:56} {median_ms(measure, args):7.1f} ms  {target}")
PY
