#!/usr/bin/env python3
"""An exam run end to end through the binary, checked independently.

1. The exam's problems are derived here as ExamPlan documents it (FNV-1a 64 of the name, xoshiro256** seeded by
   SplitMix64 shuffling the kinds, SplitMix64 giving the problem seeds), written afresh in Python.
2. Each problem's answer is recomputed with numpy (problems.py) from `cnn-tutor problem --json`'s grids.
3. Answers are piped into `cnn-tutor exam` (right ones, wrong ones, empty lines, a word it must ask again);
   the result file must list the derived problems, grade each answer as numpy does, score the right count,
   carry ISO 8601 times and the tutor's version, and hold a SHA-256 checksum over its canonical JSON.

The last line is `exam: N passed, M failed`; the exit status is 1 when a check failed.
"""

import hashlib
import json
import re
import subprocess
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import problems  # noqa: E402  (the numpy recomputation)

MASK = (1 << 64) - 1
KINDS = problems.KINDS  # in ProblemKind.allCases order


def fnv1a64(data):
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) & MASK
    return value


class SplitMix64:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


class Xoshiro256StarStar:
    def __init__(self, seed):
        mixer = SplitMix64(seed)
        self.s = [mixer.next() for _ in range(4)]

    def next(self):
        s = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & MASK
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def below(self, bound):
        product = self.next() * bound
        if product & MASK < bound:
            threshold = (-bound % (1 << 64)) % bound
            while product & MASK < threshold:
                product = self.next() * bound
        return product >> 64

    def shuffled(self, values):
        result = list(values)
        for index in range(len(result) - 1, 0, -1):
            other = self.below(index + 1)
            result[index], result[other] = result[other], result[index]
        return result


def plan(seed, student, count):
    variant = seed ^ fnv1a64(student.strip().encode())
    order = Xoshiro256StarStar(variant)
    kinds = []
    while len(kinds) < count:
        kinds += order.shuffled(KINDS)
    seeds = SplitMix64(variant)
    return [(kind, seeds.next()) for kind in kinds[:count]]


def main():
    binary = str(problems.binary_path())
    passed = failed = 0

    def check(condition, what):
        nonlocal passed, failed
        if condition:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {what}")

    seed, student, count = 2026, "Ann Lee", 14
    derived = plan(seed, student, count)
    answers, lines = [], ["not a number"]
    for index, (kind, problem_seed) in enumerate(derived):
        shown = json.loads(subprocess.run([binary, "problem", "--kind", kind, "--seed", str(problem_seed), "--json"],
                                          capture_output=True, text=True, check=True).stdout)
        answer = problems.RECOMPUTE[kind](shown)
        answers.append(answer)
        choice = index % 3
        if choice == 0:
            lines.append(str(float(answer)) if answer.denominator != 1 else str(answer))
        elif choice == 1:
            lines.append(str(answer + 1))
        else:
            lines.append("")
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "result.json"
        run = subprocess.run([binary, "exam", "--seed", str(seed), "--student", student, "--problems", str(count),
                              "--output", str(output)], input="\n".join(lines) + "\n", capture_output=True,
                             text=True, timeout=300)
        check(run.returncode == 0, f"exam exited {run.returncode}: {run.stderr}")
        check("That is not a number" in run.stdout, "the word was not refused")
        expected_right = sum(1 for index in range(count) if index % 3 == 0)
        check(f"Score: {expected_right} of {count}" in run.stdout, "the printed score")
        result = json.loads(output.read_text())
    check(result["student"] == student and result["seed"] == str(seed), "student and seed")
    check([(p["kind"], int(p["seed"])) for p in result["problems"]] == derived, "problems as documented")
    for index, entry in enumerate(result["problems"]):
        given = lines[index + 1]
        check(entry["given"] == (given or None), f"problem {index + 1}: answer recorded")
        right = given != "" and Fraction(given) == answers[index]
        check(entry["right"] == right, f"problem {index + 1}: graded as numpy does")
        check(Fraction(entry["answer"]) == answers[index], f"problem {index + 1}: answer as numpy computes it")
    check(result["score"] == {"right": expected_right, "total": count}, "the score in the file")
    stamp = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
    check(bool(stamp.match(result["started"])) and bool(stamp.match(result["finished"])), "ISO 8601 times")
    check(result["ended"] == "completed" and result["time_limit_minutes"] is None, "how it ended")
    check(bool(result["tutor"]["version"]) and bool(result["tutor"]["commit"]), "the tutor's version")
    checksum = result.pop("checksum")
    canonical = json.dumps(result, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    check(checksum == "sha256:" + hashlib.sha256(canonical).hexdigest(), "the checksum")
    print(f"exam: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
