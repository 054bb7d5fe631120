#!/usr/bin/env bash
# Reproducible build check: two clean builds of every module (the release profile included:
# sources, Javadoc, SBOM) into separate build folders must give byte-identical jars. Archive entry
# times come from project.build.outputTimestamp (root pom.xml). Prints each jar's SHA-256; exits 1
# naming every jar that differs (diffoscope, if installed, shows how).
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=(target-repro-1 target-repro-2)
for d in "${dirs[@]}"; do
  find . -type d -name "$d" -prune -exec rm -rf {} +
  echo "reproducible-build: building into */$d"
  ./mvnw -B -q -Prelease package -DskipTests -Deip.buildDir="$d" >/dev/null
done
jars=$(cd . && find . -path "*/${dirs[0]}/*" -name '*.jar' | sort)
[ -n "$jars" ] || { echo "reproducible-build: no jars built"; exit 1; }
differ=0 count=0
for a in $jars; do
  b="${a/${dirs[0]}/${dirs[1]}}"
  count=$((count + 1))
  if cmp -s "$a" "$b"; then
    echo "same      $(sha256sum "$a" | cut -c1-16)  ${a#./}"
  else
    echo "DIFFERENT ${a#./} ${b#./}"
    differ=$((differ + 1))
  fi
done
for d in "${dirs[@]}"; do find . -type d -name "$d" -prune -exec rm -rf {} +; done
if [ "$differ" -ne 0 ]; then
  echo "reproducible-build: $differ of $count jars differ between two clean builds"
  exit 1
fi
echo "reproducible-build: all $count jars are byte-identical across two clean builds"
