#!/usr/bin/env bash
# Times the core in process (release build) beside the same work in numpy/scipy, in one run, and prints
# medians and ratios. The machine is shared: compare ratios from one run, not figures across runs. Swift and
# numpy take turns for BENCH_ROUNDS rounds (default 3), so a burst of load elsewhere hits both alike; each figure
# is the median over rounds of that round's median, and each ratio the median of the rounds' ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product cnn-tutor-bench >/dev/null
bench=.build/release/cnn-tutor-bench
rounds=${BENCH_ROUNDS:-3}
swift_runs="[" reference_runs="[" network_runs="["
for round in $(seq "$rounds"); do
    separator=$([ "$round" -gt 1 ] && echo "," || true)
    swift_runs+="$separator$("$bench")"
    # The Swift core runs on one thread, so numpy is held to one BLAS thread too.
    reference_runs+="$separator$(python3 Benchmarks/reference.py --single-thread 2>/dev/null)"
    network_runs+="$separator$(python3 Benchmarks/network_reference.py --single-thread)"
done
# Peak memory of (a) alone, in a process that does nothing else; numpy's default threads shown beside.
memory_json=$("$bench" a)
threaded_json=$(python3 Benchmarks/reference.py 2>/dev/null)
python3 - "$swift_runs]" "$memory_json" "$reference_runs]" "$threaded_json" "$network_runs]" <<'PY'
import json, statistics, sys
swift_runs, memory, ref_runs, threaded, network_runs = (json.loads(a) for a in sys.argv[1:6])
swift = {key: statistics.median(run[key] for run in swift_runs) for key in swift_runs[0]}
ref = {key: statistics.median(run[key] for run in ref_runs) for key in ref_runs[0]}
ratio = {key: statistics.median(s[key] / r[key] for s, r in zip(swift_runs, ref_runs)) for key in ref}
def ms(s): return f"{s * 1e3:9.3f} ms"
rows = [
    ("(a) 320×280, 2×1 kernel, forward", "a_forward", "a_forward", "no slower than scipy.signal.correlate2d"),
    ("(a) forward + ∂L/∂X + ∂L/∂F + ∂L/∂b", "a_forward_backward", "a_forward_backward", "no slower than scipy"),
    ("(b) 1×3×224×224, 16 filters 3×3, p=1", "b_forward", "b_forward", "at or below single-thread numpy"),
]
print(f"{len(swift_runs)} rounds, swift and numpy in turn; swift/numpy is the median of each round's own ratio,"
      " so it can differ from the ratio of the medians shown")
print(f"{'benchmark':42} {'swift':>12} {'numpy/scipy':>12} {'swift/numpy':>12}  target")
for label, skey, rkey, target in rows:
    print(f"{label:42} {ms(swift[skey])} {ms(ref[rkey])} {ratio[rkey]:12.2f}  {target}"
          f" (numpy with default threads: {ms(threaded[rkey]).strip()}, ratio {swift[skey] / threaded[rkey]:.2f})")
# The machine's limit for (b): 16·27·224² multiplies and as many adds, at four vector operations a cycle (two
# multiplies and two adds, as AMD Zen's four FP pipes issue them; Intel cores issue two: twice this), with no
# fused multiply-add, by the rule that values equal their explanation.
mhz = max(float(line.split(":")[1]) for line in open("/proc/cpuinfo") if line.startswith("cpu MHz"))
flops, lanes = 2 * 16 * 27 * 224 * 224, swift["vector_width"]
label = "(b) this machine's limit"
print(f"{label:42} {ms(flops / (4 * lanes * mhz * 1e6))} {'':>12} {'':>12}"
      f"  {flops / 1e6:.1f} Mflop at {int(lanes)} doubles a vector × 4 a cycle × {mhz / 1e3:.2f} GHz")
print(f"{'(b) backward: ∂L/∂X and ∂L/∂F':42} {ms(swift['b_backward'])} {ms(ref['b_backward'])}"
      f" {ratio['b_backward']:12.2f}  numpy im2col/col2im, single thread (no target yet)")
print(f"{'(b) the same in process CPU time':42} {ms(swift['b_forward_cpu'])} {ms(ref['b_forward_cpu'])}"
      f" {ratio['b_forward_cpu']:12.2f}  at or below single-thread numpy (the cost of the work on a loaded machine)")
print(f"{'(c) explained terms of step 50,000 of (a)':42} {ms(swift['c_step_50000'])} {'':>12} {'':>12}  under 1 ms")
print(f"{'(c) the tutor: → to step 50,000, 100×30':42} {ms(swift['c_tutor_frame_50000'])} {'':>12} {'':>12}"
      f"  under 1 ms (engine frame + TutorView.render)")
print(f"{'(c) the tutor --present: → at 160×45':42} {ms(swift['c_present_160x45'])} {'':>12} {'':>12}"
      f"  under 2 ms median (update + render, grids fitted; Benchmarks/present.sh for more)")
print(f"{'(a) peak memory':42} {memory['a_peak_mb']:9.1f} MB {'':>12} {'':>12}  under 50 MB")
# (d) One epoch of `cnn-tutor train` (500 images, batches of 10) beside the same network in numpy.
net = {key: statistics.median(run[key] for run in network_runs) for key in network_runs[0]}
net_ratio = statistics.median(s["network_epoch"] / r["network_epoch"] for s, r in zip(swift_runs, network_runs))
print(f"{'(d) tiny CNN, one training epoch':42} {ms(swift['network_epoch'])} {ms(net['network_epoch'])}"
      f" {net_ratio:12.2f}  a few seconds for the whole run; {500 / swift['network_epoch']:,.0f} images/s"
      f" (numpy {500 / net['network_epoch']:,.0f} images/s)")
print(f"{'(d) held-out accuracy after 20 epochs':42} {swift['network_accuracy'] * 100:10.1f} % "
      f"{net['network_accuracy'] * 100:10.1f} % {'':>12}  above 90 % (numpy: its own random draw)")
PY
# Start-up from exec, through a pty, beside a plain Swift binary.
echo
bash Benchmarks/startup.sh
