#!/usr/bin/env bash
# Times and measures the peak memory (GNU time's maximum resident set) of the command line's refusals of
# huge input and huge answers (issue 10), release build. Inputs are generated into a temporary folder.
# Every row must be a one-line refusal in well under a second and a few tens of MB.
# Then a folder of 100,000 small lesson files (issue 13): `list`, `show` of one lesson and `check` of the folder,
# each the median of LESSON_RUNS runs (default 5); list and show take a few seconds at most, and all three grow
# linearly with the number of files. Last, a playground key held at its bound (issue 13, item 11).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product cnn-tutor >/dev/null 2>&1
binary=$PWD/.build/release/cnn-tutor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
def write(name, data): open(f"{work}/{name}", "wb").write(data)
write("semicolons-100MB", b";" * 100_000_000)
write("newlines-100MB", b"\n" * 100_000_000)
write("numbers-5e7-one-line", b"1 " * 50_000_000)
write("json-5e7-numbers", b"[" + b"1," * 50_000_000 + b"1]")
write("semicolons-30MB", b";" * 30_000_000)
write("numbers-1e7+1-one-line", b"1 " * 10_000_001)
write("json-1e7+1-numbers", b"[" + b"1," * 10_000_000 + b"1]")
row = " ".join("1" for _ in range(3162))
write("grid-3162x3162", "\n".join(row for _ in range(3162)).encode())
row = " ".join("1" for _ in range(1000))
write("grid-1000x1000", "\n".join(row for _ in range(1000)).encode())
PY

# One row: label, then the command's arguments. Stdin is /dev/null unless STDIN names a file.
measure() {
    local label=$1
    shift
    local stats="$work/time" err="$work/stderr"
    /usr/bin/time -f "%e %M" -o "$stats" "$binary" "$@" <"${STDIN:-/dev/null}" >"$work/stdout" 2>"$err" || true
    # GNU time puts "Command exited with non-zero status N" before its own line.
    read -r seconds kilobytes < <(tail -n 1 "$stats")
    printf '%-44s %7.2f s %7.1f MB  %9d  %s\n' "$label" "$seconds" "$(awk "BEGIN { print $kilobytes / 1024 }")" \
        "$(wc -c <"$work/stdout")" "$(head -n 1 "$err" | cut -c 1-110)"
}

printf '%-44s %9s %10s  %9s  %s\n' "case" "time" "peak RSS" "stdout" "stderr (first 110 characters)"
measure "@file: 100 MB of ';'" compute relu --input "@$work/semicolons-100MB" --json
measure "@file: 100 MB of newlines" compute relu --input "@$work/newlines-100MB" --json
measure "@file: 5·10⁷ numbers on one line" compute relu --input "@$work/numbers-5e7-one-line" --json
measure "@file: JSON list of 5·10⁷ numbers" compute relu --input "@$work/json-5e7-numbers" --json
STDIN=$work/semicolons-100MB measure "@-: 100 MB of ';' on stdin" compute relu --input @- --json
measure "@file: 30 MB of ';' (within byte budget)" compute relu --input "@$work/semicolons-30MB" --json
measure "@file: 10⁷+1 numbers on one line" compute relu --input "@$work/numbers-1e7+1-one-line" --json
measure "@file: JSON list of 10⁷+1 numbers" compute relu --input "@$work/json-1e7+1-numbers" --json
measure "3162×3162 relu --json" compute relu --input "@$work/grid-3162x3162" --json
measure "3162×3162 conv 1×1 --json" compute conv --input "@$work/grid-3162x3162" --filter 1 --json
measure "1000×1000 conv 3×3 --all" compute conv --input "@$work/grid-1000x1000" --filter "1 1 1; 1 1 1; 1 1 1" --all
measure "1000×1000 relu --all" compute relu --input "@$work/grid-1000x1000" --all
measure "show --max-values=-1" show forward-pass --max-values=-1
measure "show --max-values 9223372036854775807" show forward-pass --max-values 9223372036854775807

# 100,000 lesson files of one ReLU step each, ids and orders all distinct.
lessons=$work/lessons-100k
python3 - "$lessons" <<'PY'
import os, sys
folder = sys.argv[1]
os.makedirs(folder)
for n in range(100_000):
    with open(f"{folder}/lesson-{n:06d}.yaml", "w") as f:
        f.write(f"id: lesson-{n}\norder: {100 + n}\ntitle: Lesson {n}\nsummary: One of many.\nsteps:\n"
                "  - op: relu\n    input: \"1 -2; 3 -4\"\n    expect: \"1 0; 3 0\"\n")
PY

# One row: label, then the command's arguments; the median time and the largest peak memory of LESSON_RUNS runs,
# the output and the last line of stderr (check's summary) of the last run.
measure_median() {
    local label=$1
    shift
    local stats="$work/time" times="$work/times" peak=0
    : >"$times"
    for _ in $(seq 1 "${LESSON_RUNS:-5}"); do
        /usr/bin/time -f "%e %M" -o "$stats" "$binary" "$@" </dev/null >"$work/stdout" 2>"$work/stderr" || true
        read -r seconds kilobytes < <(tail -n 1 "$stats")
        echo "$seconds" >>"$times"
        peak=$((kilobytes > peak ? kilobytes : peak))
    done
    local median
    median=$(sort -n "$times" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    printf '%-44s %7.2f s %7.1f MB  %9d  %s\n' "$label" "$median" "$(awk "BEGIN { print $peak / 1024 }")" \
        "$(wc -c <"$work/stdout")" "$(tail -n 1 "$work/stderr" | cut -c 1-110)"
}

measure_median "list: 100k lesson files (median)" list --lessons "$lessons"
measure_median "show one: 100k lesson files (median)" show lesson-99999 --lessons "$lessons"
measure_median "check the folder: 100k lesson files (median)" check "$lessons"

# A held key (issue 13, item 11): K held at its bound (8 filters, the most) at 8×64×64 with 8 filters 11×11, in a
# pty of 120×40, then ?. Typed all at once (the backlog a held key leaves behind a slow screen): the time until the
# help screen is drawn. Typed at a keyboard's repeat rate, 30 a second: the CPU time the tutor spent on them.
# PLAY_BINARY times another build instead (a before/after comparison).
# Measured 2026-12-02 on the shared 2-core machine (load 8), median of 5 runs: before (748192e), the help came
# 1.9 s after 100 K typed at once (1.6 to 3.3 s over three rounds) and 100 K at 30 a second took 1050 ms of CPU;
# after, 1.0 ms and 10 ms (one clock tick): the keys are drawn once, and a K at its bound computes and draws nothing.
python3 - "${PLAY_BINARY:-$binary}" "${RUNS:-5}" <<'PY'
import fcntl, os, pty, select, statistics, struct, sys, termios, time

binary, runs = sys.argv[1], int(sys.argv[2])
env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
tick = os.sysconf("SC_CLK_TCK")

def read_until(fd, marker, deadline):
    seen = b""
    while marker not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            sys.exit(f"the playground did not draw {marker!r} in time")
        if select.select([fd], [], [], left)[0]:
            seen = seen[-4096:] + os.read(fd, 65536)

def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick  # utime + stime

def held_key(count, interval):
    """(Seconds from the first K until the help screen that ? asks for is drawn, CPU seconds spent meanwhile)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary, "play", "--input-size", "64", "--channels", "8", "--filters", "8",
                           "--filter-size", "11"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    read_until(fd, b"gather view", time.monotonic() + 30)
    # The first frame is out; whatever follows it is read before the keys are typed.
    time.sleep(0.5)
    while select.select([fd], [], [], 0.2)[0]:
        os.read(fd, 65536)
    cpu, start = cpu_seconds(pid), time.monotonic()
    if interval:
        for _ in range(count):
            os.write(fd, b"K")
            time.sleep(interval)
            while select.select([fd], [], [], 0)[0]:
                os.read(fd, 65536)
        os.write(fd, b"?")
    else:
        os.write(fd, b"K" * count + b"?")
    read_until(fd, b"leave the playground", time.monotonic() + 120)
    result = (time.monotonic() - start, cpu_seconds(pid) - cpu)
    os.write(fd, b"qq")  # closes the help, then quits
    os.waitpid(pid, 0)
    os.close(fd)
    return result

print("playground, 8×64×64 input, 8 filters 11×11, K held at its bound, in a pty of 120×40"
      f" (median of {runs} runs)")
typed = [held_key(100, 0) for _ in range(runs)]
print(f"  100 × K typed at once, then ?: help drawn after {statistics.median(t for t, _ in typed) * 1e3:9.1f} ms"
      f"   (runs: {', '.join(f'{t * 1e3:.0f}' for t, _ in typed)})")
held = [held_key(100, 1 / 30) for _ in range(runs)]
print(f"  100 × K at 30 a second, then ?: CPU time {statistics.median(c for _, c in held) * 1e3:9.0f} ms"
      f"   (runs: {', '.join(f'{c * 1e3:.0f}' for _, c in held)}; clock ticks of {1e3 / tick:.0f} ms)")
PY
