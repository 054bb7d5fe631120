#!/usr/bin/env bash
# Hunts flaky tests: runs the README's test command (./mvnw -B verify) N times, each in a fresh
# `git clone` of HEAD (committed work only), with a CPU burner on every core during every second run,
# and writes which tests failed how often.
#
#   scripts/flake-hunt.sh N [extra Maven arguments...]
#   scripts/flake-hunt.sh 10                          # what issue 11 asks for before a release
#   scripts/flake-hunt.sh 4 -pl membership-jgroups -am  # one module and what it needs
#
# Output (under the repository's target/, git-ignored):
#   target/flake-hunt/summary.md      per-run table (load, result, time, console lines) and a table
#                                     of failing tests: how often, loaded / unloaded, first message
#   target/flake-hunt/run-<i>.log     the console of run i; run-<i>-reports/ its surefire reports
#                                     of failed classes (with each class's -output.txt test log)
#
# Environment: MAVEN_ARGS passes through to every run (e.g. -Dmaven.repo.local=... for a private
# local repository; -Deip.test.timeScale=2). FLAKE_BURNERS sets the burner count (default: nproc).
# FLAKE_KEEP=1 keeps the clones. Exit status: 0 when every run passed, 1 otherwise.
set -euo pipefail

usage() { echo "usage: $0 N [extra Maven arguments...] (N >= 1, was '${1:-}')" >&2; exit 2; }
[ $# -ge 1 ] || usage
RUNS=$1; shift
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || usage "$RUNS"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HEAD=$(git -C "$ROOT" rev-parse HEAD)
OUT=$ROOT/target/flake-hunt
WORK=$(mktemp -d "${TMPDIR:-/tmp}/flake-hunt.XXXXXX")
BURNERS=${FLAKE_BURNERS:-$(nproc)}
BURNER_PIDS=()

stop_burners() {
  for pid in "${BURNER_PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${BURNER_PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  BURNER_PIDS=()
}

cleanup() {
  stop_burners
  if [ "${FLAKE_KEEP:-0}" != 1 ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_burners() {
  for _ in $(seq 1 "$BURNERS"); do
    ( while :; do :; done ) &
    BURNER_PIDS+=("$!")
  done
}

rm -rf "$OUT"
mkdir -p "$OUT"
RESULTS=$OUT/results.tsv   # run, load, exit, seconds, console lines
FAILURES=$OUT/failures.tsv # run, load, test, first message
: > "$RESULTS"
: > "$FAILURES"
echo "flake hunt: $RUNS run(s) of ./mvnw -B verify $* on $HEAD; burners: $BURNERS on even runs"
echo "MAVEN_ARGS=${MAVEN_ARGS:-}"

for i in $(seq 1 "$RUNS"); do
  load=idle
  if (( i % 2 == 0 )); then load=loaded; fi
  clone=$WORK/run-$i
  git clone --quiet --no-local "$ROOT" "$clone"
  git -C "$clone" checkout --quiet --detach "$HEAD"
  log=$OUT/run-$i.log
  if [ "$load" = loaded ]; then start_burners; fi
  start=$(date +%s)
  set +e
  (cd "$clone" && ./mvnw -B verify "$@") > "$log" 2>&1
  code=$?
  set -e
  seconds=$(( $(date +%s) - start ))
  stop_burners
  lines=$(wc -l < "$log")
  printf '%s\t%s\t%s\t%s\t%s\n' "$i" "$load" "$code" "$seconds" "$lines" >> "$RESULTS"
  # Surefire prints one line per failed or errored test method: "[ERROR] pkg.Class.method -- Time elapsed: ... <<< FAILURE!"
  { grep -E '^\[ERROR\] [^ ]+ -- Time elapsed: .* <<< (FAILURE|ERROR)!' "$log" || true; } \
    | sed -E 's/^\[ERROR\] ([^ ]+) -- .*/\1/' | sort -u | while read -r test; do
      message=$({ grep -A1 -F "[ERROR] $test -- Time elapsed" "$log" || true; } | sed -n 2p | cut -c1-160 | tr '\t|' '  ')
      printf '%s\t%s\t%s\t%s\n' "$i" "$load" "$test" "$message" >> "$FAILURES"
    done
  if [ "$code" -ne 0 ] && ! grep -q -P "^$i\t" "$FAILURES"; then
    printf '%s\t%s\t%s\t%s\n' "$i" "$load" "(build failed outside a test)" \
      "$({ grep -m1 -E '^\[ERROR\]' "$log" || true; } | cut -c1-160 | tr '\t|' '  ')" >> "$FAILURES"
  fi
  if [ "$code" -ne 0 ]; then
    mkdir -p "$OUT/run-$i-reports"
    # keep the reports (and test logs) of failed classes before the clone goes
    { grep -l -E '<(failure|error)[ >]' "$clone"/*/target/surefire-reports/TEST-*.xml 2>/dev/null || true; } \
      | while read -r xml; do
      dir=$(dirname "$xml"); cls=$(basename "$xml" .xml); cls=${cls#TEST-}
      cp "$xml" "$dir/$cls.txt" "$dir/$cls-output.txt" "$OUT/run-$i-reports/" 2>/dev/null || true
    done
  fi
  echo "run $i/$RUNS ($load): exit $code in ${seconds}s, $lines console lines"
  if [ "${FLAKE_KEEP:-0}" != 1 ]; then rm -rf "$clone"; fi
done

{
  echo "# Flake hunt"
  echo
  echo "$RUNS run(s) of \`./mvnw -B verify $*\` on \`$HEAD\`, each in a fresh clone; even runs with"
  echo "$BURNERS CPU burner(s) (busy loops) on a $(nproc)-core machine. \`MAVEN_ARGS=${MAVEN_ARGS:-}\`."
  echo "Finished $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "| run | load | result | time (s) | console lines |"
  echo "|---|---|---|---|---|"
  while IFS=$'\t' read -r run load code seconds lines; do
    result=passed; [ "$code" -eq 0 ] || result="FAILED (exit $code)"
    echo "| $run | $load | $result | $seconds | $lines |"
  done < "$RESULTS"
  passed=$(awk -F'\t' '$3 == 0' "$RESULTS" | wc -l)
  echo
  echo "Passed: $passed of $RUNS."
  echo
  echo "## Failing tests"
  echo
  if [ ! -s "$FAILURES" ]; then
    echo "None."
  else
    echo "| test | failed runs (of $RUNS) | idle | loaded | runs | first message |"
    echo "|---|---|---|---|---|---|"
    cut -f3 "$FAILURES" | sort | uniq -c | sort -rn | while read -r count test; do
      idle=$(awk -F'\t' -v t="$test" '$3 == t && $2 == "idle"' "$FAILURES" | wc -l)
      loaded=$(awk -F'\t' -v t="$test" '$3 == t && $2 == "loaded"' "$FAILURES" | wc -l)
      which=$(awk -F'\t' -v t="$test" '$3 == t {print $1}' "$FAILURES" | paste -sd, -)
      message=$(awk -F'\t' -v t="$test" '$3 == t {print $4; exit}' "$FAILURES")
      echo "| \`$test\` | $count | $idle | $loaded | $which | $message |"
    done
  fi
} > "$OUT/summary.md"

echo "summary: $OUT/summary.md"
cat "$OUT/summary.md"
[ "$(awk -F'\t' '$3 != 0' "$RESULTS" | wc -l)" -eq 0 ]
