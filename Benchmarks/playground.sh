#!/usr/bin/env bash
# Times every keypress of the playground (update + render, in process, release build) at a 64×64 input with
# 4 channels, 4 filters of 5×5, at dilation 1 and at dilation 2: the target is under 2 ms per key. The machine is
# shared: run it more than once.
# Measured 2026-11-23 on the shared 2-core machine, 4200 keys each: median 1.055 ms at dilation 1 and 1.093 ms at
# dilation 2 (this thread's CPU time: median 1.03 / 1.05 ms, 90th percentile 1.49 / 1.61 ms).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product cnn-tutor >/dev/null
keys=${1:-4200}
for dilation in 1 2; do
    json=$(.build/release/cnn-tutor play --input-size 64 --channels 4 --filters 4 --filter-size 5 \
        --dilation "$dilation" --benchmark-keys "$keys")
    python3 - "$json" "$dilation" <<'PY'
import json, sys
r, dilation = json.loads(sys.argv[1]), sys.argv[2]
print(f"playground, 64×64×4 input, 4 filters 5×5, dilation {dilation}, {r['keys']} keys"
      " (update + render, release build)")
print(f"  median {r['median_ms']:.3f} ms   90th percentile {r['p90_ms']:.3f} ms   max {r['max_ms']:.3f} ms"
      f"   target: under 2 ms per key")
print(f"  this thread's CPU time: median {r['cpu_median_ms']:.3f} ms   90th percentile {r['cpu_p90_ms']:.3f} ms"
      f"   max {r['cpu_max_ms']:.3f} ms (what the key costs, without the shared machine's preemptions)")
print("  median wall-clock time by key:")
for key, ms in r["median_ms_by_key"].items():
    print(f"  {key:16} {ms:.3f} ms")
PY
done
