#!/usr/bin/env bash
# The installed size (issue 18: at most 50 MB): builds the release product, strips a copy as `install -s` does, and
# prints its size, its largest sections and symbols, and the bytes of the libraries that matter for the size:
# ICU's data table and code and CoreFoundation come with `import Foundation` only; FoundationEssentials,
# the Swift runtime and libdispatch stay. SIZE_BINARY measures another build (a before/after comparison).
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${SIZE_BINARY:-}
if [ -z "$binary" ]; then
    swift build -c release --product cnn-tutor >/dev/null
    binary="$PWD/.build/release/cnn-tutor"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
strip -o "$work/cnn-tutor" "$binary"
bytes=$(stat -c %s "$work/cnn-tutor")
awk -v b="$bytes" 'BEGIN {
    printf "stripped cnn-tutor: %d bytes = %.1f MB = %.1f MiB (target: at most 50 MB)\n", b, b / 1e6, b / 1048576 }'

echo
echo "largest sections of the stripped binary (bytes)"
size -A "$work/cnn-tutor" | awk '$1 ~ /^\./ { print $2, $1 }' | sort -rn | head -6 \
    | awk '{ printf "%12d  %s\n", $1, $2 }'

# Symbol sizes come from the unstripped binary; stripping removes only the names.
nm -S --size-sort -r "$binary" >"$work/symbols"
python3 - "$work/symbols" <<'PY'
import collections, re, sys

symbols = []
for line in open(sys.argv[1]):
    fields = line.split()
    if len(fields) == 4:
        symbols.append((int(fields[1], 16), fields[3]))

print("\nlargest symbols (bytes)")
for size, name in symbols[:12]:
    print(f"{size:12d}  {name[:90]}")

def origin(name):
    """The library or Swift module a symbol comes from, by its name."""
    if re.fullmatch(r"icudt\d+_dat", name):
        return "ICU data table (icudt)"
    if name.startswith("_ZN6icu_") or re.search(r"_7\d$", name):
        return "ICU code"
    if re.match(r"_*CF", name):
        return "CF… symbols (CoreFoundation, or the character tables of Essentials' C shims)"
    swift = re.match(r"\$s(\d+)", name)
    if swift:
        start = swift.end()
        return "Swift module " + name[start:start + int(swift.group(1))]
    if name.startswith(("$ss", "$sS", "_ZN5swift", "swift_", "_swift")):
        return "Swift runtime and stdlib"
    if "dispatch" in name:
        return "libdispatch"
    if name.startswith("yaml_"):
        return "libyaml"
    return "other C and C++"

groups = collections.Counter()
for size, name in symbols:
    groups[origin(name)] += size
print("\nbytes by origin (named symbols only; the rest of the file is unnamed tables, relocations and headers)")
for group, size in groups.most_common(14):
    print(f"{size:12d}  {group}")
PY
