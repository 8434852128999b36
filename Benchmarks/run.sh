#!/usr/bin/env bash
# Times the core in process (release build) beside the same work in numpy/scipy, in one run, and prints
# medians and ratios. The machine is shared: compare ratios from one run, not figures across runs.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product cnn-tutor-bench >/dev/null
bench=.build/release/cnn-tutor-bench
swift_json=$("$bench")
# Peak memory of (a) alone, in a process that does nothing else.
memory_json=$("$bench" a)
# The Swift core runs on one thread, so numpy is held to one BLAS thread too; its default is shown beside.
reference_json=$(python3 Benchmarks/reference.py --single-thread 2>/dev/null)
threaded_json=$(python3 Benchmarks/reference.py 2>/dev/null)
python3 - "$swift_json" "$memory_json" "$reference_json" "$threaded_json" <<'PY'
import json, sys
swift, memory, ref, threaded = (json.loads(a) for a in sys.argv[1:5])
def ms(s): return f"{s * 1e3:9.3f} ms"
rows = [
    ("(a) 320×280, 2×1 kernel, forward", "a_forward", "a_forward", "no slower than scipy.signal.correlate2d"),
    ("(a) forward + ∂L/∂X + ∂L/∂F + ∂L/∂b", "a_forward_backward", "a_forward_backward", "no slower than scipy"),
    ("(b) 1×3×224×224, 16 filters 3×3, p=1", "b_forward", "b_forward", "within 2× of numpy"),
]
print(f"{'benchmark':42} {'swift':>12} {'numpy/scipy':>12} {'swift/numpy':>12}  target")
for label, skey, rkey, target in rows:
    print(f"{label:42} {ms(swift[skey])} {ms(ref[rkey])} {swift[skey] / ref[rkey]:12.2f}  {target}"
          f" (numpy with default threads: {ms(threaded[rkey]).strip()}, ratio {swift[skey] / threaded[rkey]:.2f})")
print(f"{'(c) explained terms of step 50,000 of (a)':42} {ms(swift['c_step_50000'])} {'':>12} {'':>12}  under 1 ms")
print(f"{'(a) peak memory':42} {memory['a_peak_mb']:9.1f} MB {'':>12} {'':>12}  under 50 MB")
PY
