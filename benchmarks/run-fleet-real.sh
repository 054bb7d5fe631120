#!/usr/bin/env bash
# Issue 17's real fleet run: 16 agents (the agent jar, JGroups membership, one JVM each) in network
# namespaces grouped into three "AZs" joined by jitterlink.py forwarders (a few ms between AZs), the
# EC2 fake in the harness JVM with EC2's token buckets (the mutating one scaled to 10 tokens + 5/s),
# 4 agents killed at once with SIGKILL, REPS times. Writes benchmarks/results/short/fleet-real.csv
# (rerun the report to see it in summary.md: BENCH_SKIP_JMH=1 ... or ReportMain alone).
#
#   sudo benchmarks/run-fleet-real.sh [reps] [delayMs]      # defaults 3 and 2 (per AZ link, so 4 ms between AZs)
#
# Needs root (network namespaces), python3 and /dev/net/tun. About 16 x 140 MB of memory and a few
# minutes; everything it creates is removed at the end, also on failure.
set -euo pipefail
REPS=${1:-3}
DELAY=${2:-2}
if [ "$(id -u)" != 0 ]; then echo "$0: needs root (network namespaces)" >&2; exit 2; fi
for tool in ip python3; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is not installed" >&2; exit 2; }
done
cd "$(dirname "$0")/.."
BUILD_DIR=${EIP_BUILD_DIR:-target}
OUT=benchmarks/results/short
./mvnw -q -B -pl benchmarks,examples -am -Deip.buildDir="$BUILD_DIR" package -DskipTests
CP="benchmarks/$BUILD_DIR/classes:$(cat "benchmarks/$BUILD_DIR/classpath.txt")"
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Deip.bench.agentJar="examples/$BUILD_DIR/eipfailover-agent.jar" \
  -cp "$CP" io.eipfailover.benchmarks.harness.FleetRealRun "$OUT" "$REPS" "$DELAY"
