#!/usr/bin/env bash
# Runs the eip-failover benchmarks side by side with keepalived: the JMH suite, the fleet-scale
# simulation (16-64 nodes on virtual time against EC2's account buckets), the failover harness (our
# agent and keepalived in network namespaces under the same faults, timed at the EC2 fake), then the
# report (summary.md, CSVs, charts) in benchmarks/results/<mode>/.
#
#   benchmarks/run.sh          # short: about 22 minutes on 2 cores, 5 repetitions per fault
#   benchmarks/run.sh full     # full: 100 repetitions per fault, 10-minute soaks (hours)
#
# Needs root (network namespaces), python3, /dev/net/tun and keepalived.
# Environment: EIP_BUILD_DIR (default target) is the Maven build folder; BENCH_NOTE is printed
# under the summary's header (say what else ran on the machine); BENCH_MACHINE=quiet drops the
# "development numbers" warning (default: shared); BENCH_SETTINGS overrides the compared settings
# (comma list of benchmarks/settings/*.properties names); BENCH_SKIP_JMH=1 keeps the last jmh.json;
# BENCH_SKIP_FLEET=1 keeps the last fleet*.csv.
set -euo pipefail
MODE=${1:-short}
case "$MODE" in short|full) ;; *) echo "usage: $0 [short|full], was '$MODE'" >&2; exit 2 ;; esac
case "${BENCH_MACHINE:=shared}" in shared|quiet) ;; *) echo "BENCH_MACHINE must be shared or quiet, was '$BENCH_MACHINE'" >&2; exit 2 ;; esac
if [ "$(id -u)" != 0 ]; then echo "$0: needs root (network namespaces, keepalived)" >&2; exit 2; fi
for tool in ip python3 keepalived curl; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is not installed" >&2; exit 2; }
done
cd "$(dirname "$0")/.."
BUILD_DIR=${EIP_BUILD_DIR:-target}
OUT=benchmarks/results/$MODE

./mvnw -q -B -pl benchmarks,examples -am -Deip.buildDir="$BUILD_DIR" package -DskipTests
CP="benchmarks/$BUILD_DIR/classes:$(cat "benchmarks/$BUILD_DIR/classpath.txt")"
mkdir -p "$OUT"
JAVA_OPTS=(-Djava.awt.headless=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
  -Deip.bench.agentJar="examples/$BUILD_DIR/eipfailover-agent.jar")

if [ "${BENCH_SKIP_JMH:-0}" != 1 ]; then
  echo "== JMH ($MODE)"
  java "${JAVA_OPTS[@]}" -cp "$CP" io.eipfailover.benchmarks.jmh.JmhRunner "$MODE" "$OUT/jmh.json"
fi
if [ "${BENCH_SKIP_FLEET:-0}" != 1 ]; then
  echo "== fleet scale ($MODE), simulated on virtual time"
  java "${JAVA_OPTS[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$CP" \
    io.eipfailover.benchmarks.fleet.FleetScale "$MODE" "$OUT"
fi
echo "== failover harness ($MODE), side by side with keepalived"
java "${JAVA_OPTS[@]}" -cp "$CP" io.eipfailover.benchmarks.harness.FailoverHarness "$MODE" "$OUT" ${BENCH_SETTINGS:+"$BENCH_SETTINGS"}
echo "== report"
java "${JAVA_OPTS[@]}" -cp "$CP" io.eipfailover.benchmarks.report.ReportMain "$OUT" "$MODE" "${BENCH_NOTE:-}" "$BENCH_MACHINE"
echo "results: $OUT/summary.md"
