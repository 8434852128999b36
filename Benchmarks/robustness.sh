#!/usr/bin/env bash
# Times and measures the peak memory (GNU time's maximum resident set) of the command line's refusals of
# huge input and huge answers (issue 10), release build. Inputs are generated into a temporary folder.
# Every row must be a one-line refusal in well under a second and a few tens of MB.
# Then a folder of 100,000 small lesson files (issue 13): `list`, `show` of one lesson and `check` of the folder,
# each the median of LESSON_RUNS runs (default 5); list and show take a few seconds at most, and all three grow
# linearly with the number of files.
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
