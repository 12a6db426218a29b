#!/usr/bin/env bash
# End-to-end throughput of `seismo score` (release build) on 10M-sample files: single-series CSV in → CSV out,
# and 100-series influx line protocol in → JSON lines out, with the default detector and with the z-score.
#
# usage: Benchmarks/score-throughput.sh [SAMPLES]     (default 10000000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
samples=${1:-10000000}

swift build -c release --static-swift-stdlib --product seismo >/dev/null
bin="$root/.build/release/seismo"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" generate --series 1 --lines "$samples" --format csv --seed 1 --interval 300 > "$work/input.csv"
"$bin" generate --series 100 --lines "$samples" --format prometheus --seed 1 > "$work/input.prom"
echo "inputs: $samples samples; csv $(wc -c < "$work/input.csv") bytes, prometheus $(wc -c < "$work/input.prom") bytes (100 series)"

run() {
  local name=$1 file=$2; shift 2
  local start end
  start=$(date +%s.%N)
  "$bin" score "$@" < "$file" > "$work/out" 2> "$work/err"
  end=$(date +%s.%N)
  awk -v n="$samples" -v s="$start" -v e="$end" -v name="$name" -v bytes="$(wc -c < "$work/out")" \
    'BEGIN { t = e - s; printf "%-40s %6.2f s  %6.2f M samples/s  output %d MB\n", name, t, n / t / 1e6, bytes / 1e6 }'
}

run "csv, ensemble (default)" "$work/input.csv"
run "csv, zscore window 100" "$work/input.csv" --detector zscore
run "prometheus → jsonl, ensemble (default)" "$work/input.prom"
run "prometheus → jsonl, zscore window 100" "$work/input.prom" --detector zscore
