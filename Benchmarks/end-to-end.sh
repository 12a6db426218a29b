#!/usr/bin/env bash
# End-to-end throughput of `seismo run` against the C reference (../shared/bench/limit.c) on the same input,
# in the same run, plus peak memory at two input sizes (it should stay flat).
#
# With --rules it also runs the bundled rules/ (detectors, health, SLOs, recording and alerting rules) on the same
# input and on the bundled example stream scaled up to the same number of lines (40 series, seed 7: the stream the
# rules are written for, so nearly every sample feeds a detector or classifier).
#
# usage: Benchmarks/end-to-end.sh [--rules] [LINES] [SERIES]     (defaults: 2000000 lines, 10000 series)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
with_rules=false
if [ "${1:-}" = "--rules" ]; then with_rules=true; shift; fi
lines=${1:-2000000}
series=${2:-10000}
limit_ratio="$root/../shared/bench/limit-ratio"
[ -x "$limit_ratio" ] || { echo "end-to-end: $limit_ratio not found (shared/ must sit beside the repository)" >&2; exit 1; }
command -v /usr/bin/time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

swift build -c release --static-swift-stdlib --product seismo >/dev/null
bin="$root/.build/release/seismo"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" generate --series "$series" --lines "$lines" --format influx --seed 1 > "$work/input.lp"
"$bin" generate --series "$series" --lines "$((lines / 2))" --format influx --seed 1 > "$work/half.lp"
echo "input: $(wc -l < "$work/input.lp") lines, $(wc -c < "$work/input.lp") bytes, $series series"

echo "--- throughput vs limit.c (ratio = seismo lines/s / reference lines/s)"
"$limit_ratio" "$work/input.lp" -- "$bin" run --format influx

echo "--- peak memory (max RSS), half input vs full input"
for f in half input; do
  rss=$(/usr/bin/time -f '%M' "$bin" run --format influx < "$work/$f.lp" 2>&1 >/dev/null | tail -n 1)
  echo "$f: ${rss} KiB"
done

if $with_rules; then
  "$bin" generate --series 40 --lines "$lines" --format influx --seed 7 > "$work/example.lp"
  echo "--- with --rules rules/: generated input ($series series)"
  "$limit_ratio" "$work/input.lp" -- "$bin" run --format influx --rules rules/ --output /dev/null
  echo "--- with --rules rules/: the example stream scaled up ($(wc -l < "$work/example.lp") lines, 40 series, seed 7)"
  "$limit_ratio" "$work/example.lp" -- "$bin" run --format influx --rules rules/ --output /dev/null
fi
