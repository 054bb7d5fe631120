#!/bin/bash
# Measures what an idle eip-failover agent costs: a pair of real agents (the packaged jar) on
# loopback against the EC2 fake, each with the same JVM flags. Per agent it reports
#   ready_ms    exec -> "started" logged (membership up, reconciler running: it can take over)
#   peer_ms     exec -> its peer seen ALIVE (the first authentic heartbeat)
#   cpu_pct     user+system CPU over the idle window, % of one core (/proc/PID/stat)
#   rss_mb      resident memory at the end of the window (VmRSS)
#   threads     live threads at the end of the window
#   wakeups/s   voluntary context switches per second over the window, summed over threads: each
#               is a thread blocking, so one wake-up (preemptions, which a busy machine adds, are not)
# and, with -v, the wake-ups per second and CPU of every thread, to find who wakes and what it costs.
#
# Usage: scripts/agent-footprint.sh [-w WINDOW_S] [-u WARMUP_S] [-r RUNS] [-p PROFILE] [-e VAR=VALUE]
#                                   [-v] [-i CMD] [-- JVM FLAGS...]
#   -u: seconds between ready and the window (default 20: start-up compilation settles)
#   -e: an environment variable for the agents (repeatable), e.g. -e MALLOC_ARENA_MAX=2
#   -i CMD: run `CMD PID` for each agent at the end of its window (e.g. 'jcmd' with a subcommand).
#   -l: start the agents through the package's launcher (examples/deploy/debian/eipfailover-agent,
#       pointed at the build's jar) with its default flags (or the given ones, as
#       EIPFAILOVER_JAVA_OPTS) and a class-data archive directory per node, as the unit runs it:
#       run 1 makes the archive at exit, later runs map it.
#   default flags: the launcher's (examples/deploy/debian/eipfailover-agent).
#   Needs `./mvnw install -DskipTests` first (the agent jar, the aws test classes for the fake).
#   The machine it runs on is what it measures: quiet it first, or read the numbers as noisy.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
window=60 warmup=20 runs=1 verbose=0 profile=default inspect= launcher=0
env_vars=()
while [ $# -gt 0 ]; do
  case $1 in
    -w) window=$2; shift 2 ;;
    -u) warmup=$2; shift 2 ;;
    -e) env_vars+=("$2"); shift 2 ;;
    -r) runs=$2; shift 2 ;;
    -p) profile=$2; shift 2 ;;
    -v) verbose=1; shift ;;
    -i) inspect=$2; shift 2 ;;
    -l) launcher=1; shift ;;
    --) shift; break ;;
    *) echo "usage: $0 [-w WINDOW_S] [-r RUNS] [-p PROFILE] [-u WARMUP_S] [-e VAR=VALUE] [-v] [-i CMD] [-l] [-- JVM FLAGS...]" >&2
       exit 2 ;;
  esac
done
launcher_flags=$(sed -n 's/.*EIPFAILOVER_JAVA_OPTS:-\([^}]*\)}.*/\1/p' "$here/examples/deploy/debian/eipfailover-agent")
if [ $# -gt 0 ]; then flags=("$@"); else read -r -a flags <<< "$launcher_flags"; fi
custom_flags=$#
jar="$here/examples/target/eipfailover-agent.jar"
[ -f "$jar" ] || { echo "no $jar: run ./mvnw -B install -DskipTests first" >&2; exit 1; }

work=$(mktemp -d /tmp/agent-footprint.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

cp_file="$work/fake.classpath"
(cd "$here" && ./mvnw -q -B dependency:build-classpath -pl aws -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp_file" >/dev/null)
java -cp "$here/aws/target/test-classes:$here/aws/target/classes:$(cat "$cp_file")" \
  io.eipfailover.aws.testing.Ec2FakeServer 2 > "$work/fake.log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do grep -q "EC2 endpoint" "$work/fake.log" && break; sleep 0.1; done
endpoint=$(sed -n 's/^EC2 endpoint: \([^ ]*\).*/\1/p' "$work/fake.log")
[ -n "$endpoint" ] || { cat "$work/fake.log" >&2; exit 1; }
fake_port=${endpoint##*:}

printf '1 footprint-measurement-key-0123456789\n' > "$work/authkeys"
chmod 600 "$work/authkeys"
base=$((20000 + RANDOM % 20000))
for n in 1 2; do
  cat > "$work/node$n.properties" <<EOF
cluster.name = demo
node.id = node$n
topology.nodes = node1,node2
topology.node.node1.eni = eni-00000001
topology.node.node1.home-ips = 10.0.1.10
topology.node.node1.reserved-ips = 10.0.1.11
topology.node.node2.eni = eni-00000002
topology.node.node2.home-ips = 10.0.2.10
topology.node.node2.reserved-ips = 10.0.2.11
topology.eip.eipalloc-00000001.public-ip = 198.51.100.1
topology.eip.eipalloc-00000001.home = node1
topology.eip.eipalloc-00000002.public-ip = 198.51.100.2
topology.eip.eipalloc-00000002.home = node2
membership.key-file = authkeys
membership.port = $((base))
membership.address.node1 = 127.0.0.1:$((base))
membership.address.node2 = 127.0.0.1:$((base + 1))
membership.udp.profile = $profile
guard = reachability
guard.reachability.targets = 127.0.0.1:$fake_port
health.check = none
status.port = 0
ec2.region = us-east-1
ec2.endpoint = $endpoint
log.level = INFO
EOF
done
# node2 listens one port up: membership.port is every node's port unless an address says otherwise.
sed -i "s/^membership.port = .*/membership.port = $((base + 1))/" "$work/node2.properties"

sed "s#/usr/share/eipfailover-agent/eipfailover-agent.jar#$jar#g" \
  "$here/examples/deploy/debian/eipfailover-agent" > "$work/launcher"
chmod +x "$work/launcher"
mkdir -p "$work/cds1" "$work/cds2"

ms_now() { date +%s%3N; }
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
switches() { # per thread: "tid name voluntary-switches cpu-ns" (schedstat: exact run time)
  for t in /proc/"$1"/task/*; do
    printf '%s %s %s %s\n' "${t##*/}" "$(tr ' ' '_' < "$t/comm")" \
      "$(awk '/^voluntary_ctxt_switches/ {print $2}' "$t/status")" "$(cut -d' ' -f1 "$t/schedstat")"
  done 2>/dev/null
}

echo "launcher: $launcher  flags: ${flags[*]}  env: ${env_vars[*]:-}  profile: $profile  warm-up: ${warmup}s  window: ${window}s"
printf '%-4s %-6s %9s %8s %8s %7s %8s %10s\n' run node ready_ms peer_ms cpu_pct rss_mb threads wakeups/s
for run in $(seq "$runs"); do
  agent_pids=()
  for n in 1 2; do
    start=$(ms_now)
    if [ "$launcher" = 1 ]; then
      opts=()
      [ "$custom_flags" -gt 0 ] && opts=("EIPFAILOVER_JAVA_OPTS=${flags[*]}")
      env AWS_ACCESS_KEY_ID=AKIDFOOTPRINT AWS_SECRET_ACCESS_KEY=secret "${env_vars[@]}" "${opts[@]}" \
        EIPFAILOVER_CDS_DIR="$work/cds$n" "$work/launcher" --config "$work/node$n.properties" > "$work/node$n.log" 2>&1 &
    else
      env AWS_ACCESS_KEY_ID=AKIDFOOTPRINT AWS_SECRET_ACCESS_KEY=secret "${env_vars[@]}" \
        java "${flags[@]}" -jar "$jar" --config "$work/node$n.properties" > "$work/node$n.log" 2>&1 &
    fi
    pid=$!
    pids+=("$pid") agent_pids+=("$pid")
    echo "$start" > "$work/node$n.start"
  done
  for n in 1 2; do
    other=$((3 - n))
    ready="" peer=""
    for _ in $(seq 600); do
      [ -z "$ready" ] && grep -q "\[id=node$n\] started" "$work/node$n.log" && ready=$(ms_now)
      [ -z "$peer" ] && grep -q "peer node$other: SUSPECT -> ALIVE" "$work/node$n.log" && peer=$(ms_now)
      [ -n "$ready" ] && [ -n "$peer" ] && break
      sleep 0.02
    done
    s=$(cat "$work/node$n.start")
    echo "$(( ${ready:-0} - s )) $(( ${peer:-0} - s ))" > "$work/node$n.times"
  done
  sleep "$warmup" # let start-up work (JIT, first describes) settle
  for i in 0 1; do
    cpu_ticks "${agent_pids[$i]}" > "$work/cpu$i.0"
    switches "${agent_pids[$i]}" > "$work/sw$i.0"
  done
  sleep "$window"
  for i in 0 1; do
    pid=${agent_pids[$i]}
    c1=$(cpu_ticks "$pid"); c0=$(cat "$work/cpu$i.0")
    switches "$pid" > "$work/sw$i.1"
    rss=$(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")
    threads=$(awk '/Threads/ {print $2}' "/proc/$pid/status")
    wake=$(join <(sort "$work/sw$i.0") <(sort "$work/sw$i.1") | awk -v w="$window" '{s += $6 - $3} END {printf "%.1f", s / w}')
    cpu=$(awk -v a="$c0" -v b="$c1" -v t="$ticks" -v w="$window" 'BEGIN {printf "%.3f", 100 * (b - a) / t / w}')
    read -r ready peer < "$work/node$((i + 1)).times"
    printf '%-4s %-6s %9s %8s %8s %7s %8s %10s\n' "$run" "node$((i + 1))" "$ready" "$peer" "$cpu" "$rss" "$threads" "$wake"
    if [ "$verbose" = 1 ]; then
      join <(sort "$work/sw$i.0") <(sort "$work/sw$i.1") \
        | awk -v w="$window" '{d = ($6 - $3) / w; c = 100 * ($7 - $4) / 1e9 / w
            if (d > 0 || c > 0) printf "       %-16s %7.2f wake-ups/s %7.3f %% cpu\n", $2, d, c}' | sort -k2 -nr
    fi
    if [ -n "$inspect" ]; then
      $inspect "$pid" | sed 's/^/       /'
    fi
  done
  for p in "${agent_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${agent_pids[@]}"; do wait "$p" 2>/dev/null || true; done
done
