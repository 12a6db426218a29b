#!/usr/bin/env bash
# Bytes per sample of the same samples as raw text, zstd -3 of the text, Prometheus's TSDB (promtool tsdb
# create-blocks-from openmetrics: chunks + index) and Seismo's history (HistorySize, default settings), on
#   1. noisy gauges with 3 decimals (100 series, every 15 s), and
#   2. the workload generator's default stream (`seismo generate --format prometheus`).
#
# usage: Benchmarks/history-size.sh [SERIES] [SAMPLES_PER_SERIES]     (defaults: 100 and 1400)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
series=${1:-100}
per_series=${2:-1400}
bash "$root/.ci/setup"   # promtool (Debian package prometheus), libzstd-dev
command -v zstd >/dev/null || { echo "history-size: needs the zstd command line tool" >&2; exit 1; }

(cd "$root" && swift build -c release --static-swift-stdlib --product seismo >/dev/null)
(cd "$root/Benchmarks" && swift build -c release --product HistorySize >/dev/null)
seismo="$root/.build/release/seismo"
history_size="$root/Benchmarks/.build/release/HistorySize"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Noisy gauges: a per-series level plus the sum of three uniforms (roughly normal), 3 decimals, time-major like a
# scrape loop; Prometheus text with millisecond timestamps.
awk -v series="$series" -v n="$per_series" 'BEGIN {
  srand(1); t0 = 1700000000000
  for (s = 0; s < series; s++) level[s] = 20 + 80 * rand()
  for (k = 0; k < n; k++)
    for (s = 0; s < series; s++)
      printf "node_gauge{instance=\"host-%03d\",job=\"node\"} %.3f %.0f\n", s, level[s] + 4 * (rand() + rand() + rand() - 1.5), t0 + k * 15000
}' > "$work/gauges.prom"
"$seismo" generate --series "$series" --lines "$((series * per_series))" --format prometheus --seed 1 > "$work/generator.prom"

bytes() { stat -c %s "$1"; }
notes=()
printf '%-30s %8s %12s %12s %16s %10s %14s\n' "data" "samples" "raw text" "zstd -3" "Prometheus TSDB" "Seismo" "Seismo/Prom."
for name in gauges generator; do
  text="$work/$name.prom"
  samples=$(grep -vc '^#' "$text")
  raw=$(bytes "$text")
  zst=$(zstd -3 -q -c "$text" | wc -c)
  # OpenMetrics for promtool: each series' samples together (sort is stable on the series key), seconds, # EOF.
  grep -v '^#' "$text" | sort -s -k1,1 \
    | awk '{ ts = $NF; $NF = sprintf("%.0f.%03d", int(ts / 1000), ts % 1000); print }' > "$work/$name.om"
  echo "# EOF" >> "$work/$name.om"
  rm -rf "$work/tsdb-$name"
  promtool tsdb create-blocks-from openmetrics -q "$work/$name.om" "$work/tsdb-$name" >/dev/null
  tsdb=$(find "$work/tsdb-$name" -type f \( -path '*/chunks/*' -o -name index \) -printf '%s\n' | awk '{ s += $1 } END { print s }')
  chunks=$(find "$work/tsdb-$name" -type f -path '*/chunks/*' -printf '%s\n' | awk '{ s += $1 } END { print s }')
  blocks=$(find "$work/tsdb-$name" -mindepth 1 -maxdepth 1 -type d | wc -l)
  notes+=("$name: Prometheus wrote $blocks blocks (2 h each); chunks alone $(awk -v b="$chunks" -v n="$samples" 'BEGIN { printf "%.2f", b / n }') bytes/sample")
  seismo_line=$("$history_size" --input "$text" --input-format prometheus --brief)
  seismo_samples=$(echo "$seismo_line" | awk '{ print $2 }')
  [ "$seismo_samples" = "$samples" ] || { echo "history-size: Seismo read $seismo_samples samples, text has $samples" >&2; exit 1; }
  history=$(echo "$seismo_line" | awk '{ print $6 }')
  per() { awk -v b="$1" -v n="$samples" 'BEGIN { printf "%.2f", b / n }'; }
  printf '%-30s %8d %12s %12s %16s %10s %14s\n' "$name ($series series)" "$samples" "$(per "$raw")" "$(per "$zst")" \
    "$(per "$tsdb")" "$(per "$history")" "$(awk -v a="$history" -v b="$tsdb" 'BEGIN { printf "%.2f", a / b }')"
done
echo "(bytes per sample; Prometheus TSDB = chunks + index of the blocks promtool wrote; Seismo = segments + indexes)"
printf '%s\n' "${notes[@]}"
