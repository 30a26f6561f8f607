#!/usr/bin/env bash
# compare.sh — the workloads of the shared bench's WORKLOADS.md against Apache Kafka and FlyMQ on
# this machine, one after the other in one invocation, and one table of FlyMQ/Kafka ratios.
#
#   bench/compare.sh                                   # RUNS=3, W1 W5 W2 W3 W4 W4us W6
#   RUNS=1 WORKLOADS="W1 W5" bench/compare.sh
#   KAFKA_BOOTSTRAP=127.0.0.1:9092 bench/compare.sh    # measure an already-running Kafka
#   KAFKA_RESULTS=~/.cache/flymq-bench/perf/20261201-2130 bench/compare.sh   # reuse a kafka-perf.sh result
#
# Kafka: started by the shared kafka-start.sh on free loopback ports with a fresh log dir
# ($KAFKA_RUN_DIR, default /tmp/flymq-compare-kafka), measured by the shared kafka-perf.sh (Kafka
# 4.4's own ProducerPerformance/ConsumerPerformance and tools/ProduceLatency.java), stopped by
# kafka-stop.sh --clean. FlyMQ: bin/flymq started here on free loopback ports with a temporary
# data dir and the broker's defaults (FLYMQ_* variables in the environment pass through, e.g.
# FLYMQ_STORAGE_SYNC=never for Kafka's no-fsync durability), measured by bench/flymq-perf.sh (the
# same workloads and measurement code with bin/flymq-bench's twins of those tools), stopped with
# SIGTERM at the end, on error and on Ctrl-C.
#
# Environment:
#   RUNS=3                 runs of every workload per broker; the table shows medians
#   WORKLOADS="W1 W5 W2 W3 W4 W4us W6"   (W5 consumes W1's topic: keep W1 before it; W6pp works too)
#   WARMUP=1               the untimed warm-up of kafka-perf.sh / flymq-perf.sh
#   KAFKA_BOOTSTRAP=       measure the Kafka already listening there (not started, not stopped)
#   KAFKA_RESULTS=         reuse this kafka-perf.sh result directory (its agg.tsv); Kafka is not run
#   FLYMQ_BOOTSTRAP=       measure the FlyMQ broker already listening there (not started, not stopped)
#   FLYMQ_RESULTS=         reuse this flymq-perf.sh result directory; FlyMQ is not run
#   KAFKA_HEAP=1g          Kafka's heap (kafka-start.sh); FLYMQ_JAVA_OPTS for FlyMQ's JVM (bin/flymq)
#   FLYMQ_SHARED_BENCH     the shared bench directory (default: ../shared/bench beside this repo)
# Every address is 127.0.0.1. Results: $FLYMQ_BENCH_CACHE/perf/compare-<stamp>/ (table.txt and the
# two result directories' paths); the logs of each side are in its own result directory.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${FLYMQ_SHARED_BENCH:-$(cd "$ROOT/.." && pwd)/shared/bench}"
export FLYMQ_SHARED_BENCH="$SHARED"
export KAFKA_RUN_DIR="${KAFKA_RUN_DIR:-/tmp/flymq-compare-kafka}"   # before lib.sh, which has its own default
source "$SHARED/lib.sh"

export RUNS="${RUNS:-3}"
export WORKLOADS="${WORKLOADS:-W1 W5 W2 W3 W4 W4us W6}"
export WARMUP="${WARMUP:-1}"
STAMP="$(date +%Y%m%d-%H%M%S)"
OUT="$CACHE/perf/compare-$STAMP"
mkdir -p "$OUT"

for b in "${KAFKA_BOOTSTRAP:-}" "${FLYMQ_BOOTSTRAP:-}"; do
  [[ -z "$b" || "$b" == 127.0.0.1:* ]] || { echo "only loopback addresses (127.0.0.1:PORT), not $b" >&2; exit 1; }
done

KAFKA_STARTED=0
FLYMQ_PID=""
FLYMQ_DATA=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$FLYMQ_PID" ]] && kill -0 "$FLYMQ_PID" 2>/dev/null; then
    kill -TERM "$FLYMQ_PID" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$FLYMQ_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$FLYMQ_PID" 2>/dev/null; then echo "flymq pid $FLYMQ_PID ignored SIGTERM for 30 s; SIGKILL" >&2; kill -KILL "$FLYMQ_PID" || true; fi
  fi
  [[ -n "$FLYMQ_DATA" ]] && rm -rf "$FLYMQ_DATA"
  if [[ "$KAFKA_STARTED" == 1 ]]; then "$SHARED/kafka-stop.sh" --clean > /dev/null || true; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

result_dir() { sed -n 's/.*raw data and logs in \(.*\))$/\1/p' "$1" | tail -1; }

# ---- Kafka ----
if [[ -z "${KAFKA_RESULTS:-}" ]]; then
  if [[ -z "${KAFKA_BOOTSTRAP:-}" ]]; then
    KAFKA_PORT=$(free_port); KAFKA_CONTROLLER_PORT=$(free_port)
    export KAFKA_PORT KAFKA_CONTROLLER_PORT
    echo "== starting Kafka on 127.0.0.1:$KAFKA_PORT ($KAFKA_RUN_DIR)" >&2
    KAFKA_STARTED=1
    "$SHARED/kafka-start.sh" > "$OUT/kafka-start.log"
    KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
  fi
  echo "== Kafka: kafka-perf.sh $KAFKA_BOOTSTRAP (RUNS=$RUNS WORKLOADS=\"$WORKLOADS\")" >&2
  "$SHARED/kafka-perf.sh" "$KAFKA_BOOTSTRAP" | tee "$OUT/kafka.txt" >&2
  KAFKA_RESULTS=$(result_dir "$OUT/kafka.txt")
  if [[ "$KAFKA_STARTED" == 1 ]]; then "$SHARED/kafka-stop.sh" --clean > /dev/null; KAFKA_STARTED=0; fi
fi

# ---- FlyMQ ----
if [[ -z "${FLYMQ_RESULTS:-}" ]]; then
  if [[ -z "${FLYMQ_BOOTSTRAP:-}" ]]; then
    port=$(free_port); cport=$(free_port)
    FLYMQ_DATA=$(mktemp -d "${TMPDIR:-/tmp}/flymq-compare.XXXXXX")
    echo "== starting FlyMQ on 127.0.0.1:$port ($FLYMQ_DATA)" >&2
    FLYMQ_BIND_ADDR="127.0.0.1:$port" FLYMQ_CLUSTER_ADDR="127.0.0.1:$cport" FLYMQ_DATA_DIR="$FLYMQ_DATA/data" \
      "$ROOT/bin/flymq" -quiet > "$OUT/flymq-broker.log" 2>&1 &
    FLYMQ_PID=$!   # bin/flymq execs the JVM: this is the broker's pid
    if ! wait_port "$port" 120; then
      echo "flymq did not listen on $port within 120 s; last log lines:" >&2; tail -20 "$OUT/flymq-broker.log" >&2; exit 1
    fi
    FLYMQ_BOOTSTRAP="127.0.0.1:$port"
  fi
  echo "== FlyMQ: flymq-perf.sh $FLYMQ_BOOTSTRAP (RUNS=$RUNS WORKLOADS=\"$WORKLOADS\")" >&2
  BROKER_PID="${FLYMQ_PID:-}" "$ROOT/bench/flymq-perf.sh" "$FLYMQ_BOOTSTRAP" | tee "$OUT/flymq.txt" >&2
  FLYMQ_RESULTS=$(result_dir "$OUT/flymq.txt")
fi

printf 'kafka\t%s\nflymq\t%s\n' "$KAFKA_RESULTS" "$FLYMQ_RESULTS" > "$OUT/sources.tsv"
for d in "$KAFKA_RESULTS" "$FLYMQ_RESULTS"; do
  [[ -f "$d/agg.tsv" ]] || { echo "no agg.tsv in '$d'" >&2; exit 1; }
done

# ---- the table ----
# One row per figure: throughput (records/s; higher is better) for W1 W2 W3 W5 W6 W6pp, latency
# p50/p99/p99.9 (ms; lower is better) for W4 and W4us; broker CPU microseconds per record beside
# each workload's first row.
{
  echo "FlyMQ vs Apache Kafka $KAFKA_VERSION, $(nproc) cores, RUNS=$RUNS (medians), $(date -u +%Y-%m-%dT%H:%MZ)"
  awk -F'\t' -v wls="$WORKLOADS" '
    FNR == 1 { side++ }
    { v[side, $1, $2] = $3; n[side, $1] = $6 }
    function has(s, w, m) { return ((s, w, m) in v) }
    function cell(s, w, m) { return has(s, w, m) ? v[s, w, m] : "-" }
    function ratio(w, m) { return (has(1, w, m) && has(2, w, m) && v[1, w, m] + 0 > 0) ? sprintf("%.2f", v[2, w, m] / v[1, w, m]) : "-" }
    function row(w, m, label, better, first) {
      printf "%-5s %-15s %-6s %12s %12s %8s", w, label, better, cell(1, w, m), cell(2, w, m), ratio(w, m)
      if (first) printf "   %10s %10s %8s", cell(1, w, "brk_us_rec"), cell(2, w, "brk_us_rec"), ratio(w, "brk_us_rec")
      printf "\n"
    }
    END {
      printf "%-5s %-15s %-6s %12s %12s %8s   %10s %10s %8s\n", "wl", "figure", "better", "kafka", "flymq", "fly/kaf", "kafka_brk", "flymq_brk", "fly/kaf"
      nw = split(wls, w, " ")
      for (i = 1; i <= nw; i++) {
        if (w[i] == "W4" || w[i] == "W4us") {
          row(w[i], "p50_ms", "p50 ms", "lower", 1); row(w[i], "p99_ms", "p99 ms", "lower", 0); row(w[i], "p999_ms", "p99.9 ms", "lower", 0)
        } else {
          row(w[i], "recs_s", (w[i] == "W5" ? "fetch records/s" : "records/s"), "higher", 1)
        }
      }
    }' "$KAFKA_RESULTS/agg.tsv" "$FLYMQ_RESULTS/agg.tsv"
  echo "fly/kaf = FlyMQ / Kafka: above 1 is better for throughput (higher), below 1 is better for latency (lower)"
  echo "and for broker CPU. *_brk = broker CPU microseconds per record (lower is better). W4 = ProducerPerformance"
  echo "at 10k records/s (whole ms, after 10k warm-up); W4us = the same load timed in microseconds; W5 = consumer"
  echo "fetch rate (excluding the group join); W6 = synchronous send-and-wait, rate = 1 / round trip."
  echo "kafka: $KAFKA_RESULTS"
  echo "flymq: $FLYMQ_RESULTS"
} | tee "$OUT/table.txt"
