#!/usr/bin/env bash
# flymq-perf.sh — the workloads of the shared bench's kafka-perf.sh against a FlyMQ broker, with
# FlyMQ's twins of Kafka's perf tools (bin/flymq-bench producer|consumer|latency), measured the
# same way: the same flags, and the very functions of kafka-perf.sh that time a run, read broker
# and client CPU from /proc and parse the tools' output (measure, record, the parse_* functions are
# taken from that script at start-up, so the two cannot drift apart).
#
#   bench/flymq-perf.sh [bootstrap]                 # default 127.0.0.1:9092
#   RUNS=1 WORKLOADS="W1 W5" bench/flymq-perf.sh 127.0.0.1:19092
# Environment (as kafka-perf.sh):
#   RUNS=3             runs of every workload (run-major order)
#   WORKLOADS="W1 W5 W2 W3 W4 W4us W6 W6pp"   which to run, in this order (W5 reads W1's topic)
#   WARMUP=1           untimed 500k x 1 KiB produce + consume first (warms the broker's JIT)
#   BROKER_PID=        broker process for CPU figures; default: whoever listens on the bootstrap
#                      port (BROKER_PID=none skips them)
#   KEEP_TOPICS=0      1 keeps the perf-* topics; 0 deletes this invocation's topics at the end
#   PERF_HEAP=512m     heap of each client JVM
#   FLYMQ_PERF_OUT=    result directory (default $FLYMQ_BENCH_CACHE/perf/flymq-<stamp>)
#   FLYMQ_SHARED_BENCH the shared bench directory (default: ../shared/bench beside this repo)
# Output: the table of medians (and min-max) per workload; raw.tsv, agg.tsv and every tool's
# stdout/stderr in the result directory, named on the last line.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${FLYMQ_SHARED_BENCH:-$(cd "$ROOT/.." && pwd)/shared/bench}"
[[ -f "$SHARED/kafka-perf.sh" ]] || { echo "no kafka-perf.sh in $SHARED; set FLYMQ_SHARED_BENCH" >&2; exit 1; }
source "$SHARED/lib.sh"
# shellcheck source=../bin/lib/java.sh
source "$ROOT/bin/lib/java.sh"

BOOTSTRAP="${1:-127.0.0.1:9092}"
RUNS="${RUNS:-3}"
WORKLOADS="${WORKLOADS:-W1 W5 W2 W3 W4 W4us W6 W6pp}"
WARMUP="${WARMUP:-1}"
KEEP_TOPICS="${KEEP_TOPICS:-0}"
PERF_HEAP="${PERF_HEAP:-512m}"
STAMP="$(date +%Y%m%d-%H%M%S)"
OUT="${FLYMQ_PERF_OUT:-$CACHE/perf/flymq-$STAMP}"
RAW="$OUT/raw.tsv"
mkdir -p "$OUT"; : > "$RAW"

# The same measurement and parsing code as kafka-perf.sh, read from it.
eval "$(sed -n -e '/^record()/p' -e '/^pp_fields()/,/^parse_kv()/p' -e '/^measure()/,/^}/p' "$SHARED/kafka-perf.sh")"
for f in record measure parse_producer_perf parse_producer_steady parse_rate_only parse_consumer_perf parse_kv; do
  declare -F "$f" > /dev/null || { echo "kafka-perf.sh has no function $f any more; update $0" >&2; exit 1; }
done

# Build the jar once up front (bin/flymq-bench rebuilds when stale), so no build lands in a
# measurement; then run the tools with java directly, as kafka-perf.sh runs Kafka's.
"$ROOT/bin/flymq-bench" topic --help > /dev/null
JAR="$ROOT/flymq-bench/target/flymq-bench.jar"
TOOL=("$JAVA" -Xmx"$PERF_HEAP")
if [[ "$(flymq_java_major "$JAVA")" -ge 24 ]]; then
  TOOL+=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
fi
TOOL+=(-Dflymq.log.level=warn -cp "$JAR")
NCPU="$(nproc)"

if [[ -z "${BROKER_PID:-}" ]]; then
  BROKER_PID=$(ss -Hltnp "sport = :${BOOTSTRAP##*:}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
fi
[[ "${BROKER_PID:-none}" == none || -z "$BROKER_PID" ]] && BROKER_PID="" || true

TOPICS=()
topic() { echo "perf-$STAMP-$1"; }
create_topic() {  # name partitions
  TOPICS+=("$1")
  "${TOOL[@]}" io.flymq.bench.perf.TopicTool --bootstrap-server "$BOOTSTRAP" create "$1" "$2" >> "$OUT/topics.log" 2>&1
}

PP=(io.flymq.bench.perf.ProducerPerformance --bootstrap-server "$BOOTSTRAP")
CP=(io.flymq.bench.perf.ConsumerPerformance --bootstrap-server "$BOOTSTRAP" --hide-header)
PL=(io.flymq.bench.perf.ProduceLatency "$BOOTSTRAP")

run_workload() {   # run_workload <W> <run>: kafka-perf.sh's workloads, flag for flag
  local w=$1 r=$2 t
  t=$(topic "$(tr 'A-Z' 'a-z' <<< "$w")-r$r")
  case $w in
    W1)   create_topic "$t" 1; measure W1 "$r" 2000000 parse_producer_perf "${TOOL[@]}" "${PP[@]}" --topic "$t" \
            --num-records 2000000 --record-size 100 --throughput -1 --command-property acks=1 ;;
    W2)   create_topic "$t" 1; measure W2 "$r" 1000000 parse_producer_perf "${TOOL[@]}" "${PP[@]}" --topic "$t" \
            --num-records 1000000 --record-size 1024 --throughput -1 --command-property acks=1 ;;
    W3)   create_topic "$t" 6; measure W3 "$r" 1000000 parse_producer_perf "${TOOL[@]}" "${PP[@]}" --topic "$t" \
            --num-records 1000000 --record-size 1024 --throughput -1 --command-property acks=all ;;
    W4)   create_topic "$t" 1; measure W4 "$r" 110000 parse_producer_steady "${TOOL[@]}" "${PP[@]}" --topic "$t" \
            --num-records 110000 --warmup-records 10000 --record-size 1024 --throughput 10000 --command-property acks=1 ;;
    W4us) create_topic "$t" 1; measure W4us "$r" 110000 parse_kv "${TOOL[@]}" "${PL[@]}" "$t" 100000 1024 10000 10000 acks=1 ;;
    W5)   measure W5 "$r" 2000000 parse_consumer_perf "${TOOL[@]}" "${CP[@]}" --topic "$(topic "w1-r$r")" \
            --num-records 2000000 --timeout 30000 --group "perf-$STAMP-g$r" ;;
    W6)   create_topic "$t" 1; measure W6 "$r" 51000 parse_kv "${TOOL[@]}" "${PL[@]}" "$t" 50000 100 sync 1000 \
            acks=1 linger.ms=0 max.in.flight.requests.per.connection=1 ;;
    W6pp) create_topic "$t" 1; measure W6pp "$r" 50000 parse_rate_only "${TOOL[@]}" "${PP[@]}" --topic "$t" \
            --num-records 50000 --record-size 100 --throughput -1 \
            --command-property acks=1 linger.ms=0 batch.size=1 max.in.flight.requests.per.connection=1 ;;
    *)    echo "unknown workload $w" >&2; return 1 ;;
  esac
}

echo "flymq-perf: bootstrap $BOOTSTRAP, broker pid ${BROKER_PID:-unknown}, runs $RUNS, clients bin/flymq-bench on $("$JAVA" -version 2>&1 | head -1)"
if [[ "$WARMUP" == 1 ]]; then
  echo "warm-up (untimed) ..." >&2
  create_topic "$(topic warmup)" 1
  "${TOOL[@]}" "${PP[@]}" --topic "$(topic warmup)" --num-records 500000 --record-size 1024 --throughput -1 \
    --command-property acks=1 > "$OUT/warmup.out" 2>&1
  "${TOOL[@]}" "${CP[@]}" --topic "$(topic warmup)" --num-records 500000 --timeout 30000 >> "$OUT/warmup.out" 2>&1
fi
for r in $(seq "$RUNS"); do
  for w in $WORKLOADS; do run_workload "$w" "$r"; done
done
if [[ "$KEEP_TOPICS" != 1 && ${#TOPICS[@]} -gt 0 ]]; then
  "${TOOL[@]}" io.flymq.bench.perf.TopicTool --bootstrap-server "$BOOTSTRAP" delete "${TOPICS[@]}" >> "$OUT/topics.log" 2>&1 \
    || echo "(topic deletion failed; see $OUT/topics.log)" >&2
fi

# Table: medians per workload, then the min-max of the runs.
COLS="recs_s MiB_s avg_ms p50_ms p99_ms p999_ms brk_cores brk_us_rec cli_cores busy_cores"
agg < "$RAW" > "$OUT/agg.tsv"
awk -F'\t' -v cols="$COLS" '
  { if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
    med[$1, $2] = $3; lo[$1, $2] = $4; hi[$1, $2] = $5; runs[$1] = $6 }
  END {
    nc = split(cols, c, " ")
    printf "%-6s", "wl"; for (i = 1; i <= nc; i++) printf " %13s", c[i]; print ""
    for (k = 1; k <= n; k++) {
      w = order[k]
      printf "%-6s", w
      for (i = 1; i <= nc; i++) printf " %13s", ((w, c[i]) in med) ? med[w, c[i]] : "-"
      printf "\n%-6s", "  n=" runs[w]
      for (i = 1; i <= nc; i++) printf " %13s", ((w, c[i]) in lo) ? lo[w, c[i]] "-" hi[w, c[i]] : ""
      print ""
    }
  }' "$OUT/agg.tsv" | tee "$OUT/summary.txt"
echo "(rows: median, then min-max of the runs; latencies in ms; raw data and logs in $OUT)"
