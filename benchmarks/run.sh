#!/usr/bin/env bash
# Runs the eip-failover benchmarks: the JMH suite, the failover harness (agents as separate JVMs
# against the EC2 fake), then writes the report (summary.md, CSVs, PNG) to benchmarks/results/<mode>/.
#
#   benchmarks/run.sh          # short: a few minutes (about 15 on 2 cores)
#   benchmarks/run.sh full     # full: 100 repetitions, 10-minute soaks (hours)
#
# Environment: EIP_BUILD_DIR (default target) is the Maven build folder; BENCH_NOTE is printed
# under the summary's header (say what else ran on the machine).
set -euo pipefail
MODE=${1:-short}
case "$MODE" in short|full) ;; *) echo "usage: $0 [short|full], was '$MODE'" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
BUILD_DIR=${EIP_BUILD_DIR:-target}
OUT=benchmarks/results/$MODE

./mvnw -q -B -pl benchmarks -am -Deip.buildDir="$BUILD_DIR" package -DskipTests
CP="benchmarks/$BUILD_DIR/classes:$(cat "benchmarks/$BUILD_DIR/classpath.txt")"
mkdir -p "$OUT"
JAVA_OPTS=(-Djava.awt.headless=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

echo "== JMH ($MODE)"
java "${JAVA_OPTS[@]}" -cp "$CP" io.eipfailover.benchmarks.jmh.JmhRunner "$MODE" "$OUT/jmh.json"
echo "== failover harness ($MODE)"
java "${JAVA_OPTS[@]}" -cp "$CP" io.eipfailover.benchmarks.harness.FailoverHarness "$MODE" "$OUT"
echo "== report"
java "${JAVA_OPTS[@]}" -cp "$CP" io.eipfailover.benchmarks.report.ReportMain "$OUT" "$MODE" "${BENCH_NOTE:-}"
echo "results: $OUT/summary.md"
