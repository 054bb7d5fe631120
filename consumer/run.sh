#!/usr/bin/env bash
# Proves eip-failover works for a project outside its build (consumer/README.md):
#  1. deploys the library modules (parent POM, jars, test-jars, sources, Javadoc, SBOMs) to a file
#     repository, target/consumer-check/deployed-repository;
#  2. builds this consumer project against that repository alone, with a local repository of its
#     own (target/consumer-check/local-repository, eip-failover artifacts purged first), and checks that
#     every io.eipfailover artifact it resolved came from the deployed repository;
#  3. runs the pair against the EC2 fake three times: on the class path with the meters, on the
#     class path without Micrometer, and on the module path.
# Exits non-zero on the first failure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
deployed="$root/target/consumer-check/deployed-repository"
local_repo="$root/target/consumer-check/local-repository"
rm -rf "$deployed" "$local_repo/io/eipfailover"

echo "consumer: deploying the library to $deployed"
./mvnw -B -q -Prelease deploy -DskipTests -pl core,membership-udp,membership-jgroups,aws -am \
  -DaltDeploymentRepository="consumer-check::file://$deployed"

echo "consumer: building consumer/ against the deployed repository only"
MAVEN_ARGS="" ./mvnw -B -q -f consumer/pom.xml -Dmaven.repo.local="$local_repo" \
  -Deipfailover.repository="file://$deployed" clean package

for f in "$local_repo"/io/eipfailover/*/*/_remote.repositories; do
  if grep -q '>=' "$f" || ! grep -q '>eipfailover-deployed=' "$f"; then
    echo "FAILED: $(dirname "$f") was not resolved from the deployed repository:"; cat "$f"; exit 1
  fi
done
for a in eipfailover-parent eipfailover-core eipfailover-membership-udp eipfailover-aws; do
  [ -d "$local_repo/io/eipfailover/$a" ] || { echo "FAILED: $a was not resolved"; exit 1; }
done

classes="$root/consumer/target/classes"
cp="$(cat "$root/consumer/target/classpath.txt")"
main=io.eipfailover.consumer.PairMain

expect() { # expect <text> <output>: fail unless the run said <text>
  grep -qF -- "$1" <<<"$2" || { echo "FAILED: the run did not say '$1'"; exit 1; }
}

echo "consumer: run 1, class path, with the meters"
out="$(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classes:$cp" "$main")" || { echo "$out"; exit 1; }
echo "$out"
expect "metrics on, Micrometer present" "$out"

echo "consumer: run 2, class path without Micrometer"
no_micrometer="$(tr ':' '\n' <<<"$cp" | grep -v '/micrometer-[a-z]*-[0-9][^/]*\.jar$' | paste -sd: -)"
out="$(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classes:$no_micrometer" "$main" --no-metrics)" || { echo "$out"; exit 1; }
echo "$out"
expect "metrics off, Micrometer absent" "$out"

echo "consumer: run 3, module path (the EC2 fake's test-jar and WireMock stay on the class path)"
modules="$(tr ':' '\n' <<<"$cp" | grep -v -e '-tests\.jar$' -e '/wiremock-standalone-' | paste -sd: -)"
unnamed="$(tr ':' '\n' <<<"$cp" | grep -e '-tests\.jar$' -e '/wiremock-standalone-' | paste -sd: -)"
out="$(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn --module-path "$classes:$modules" --add-modules micrometer.core,org.slf4j.simple \
  --add-reads io.eipfailover.consumer=ALL-UNNAMED \
  --add-exports io.eipfailover.aws/io.eipfailover.aws.internal=ALL-UNNAMED \
  -cp "$unnamed" -m "io.eipfailover.consumer/$main")" || { echo "$out"; exit 1; }
echo "$out"
expect "module io.eipfailover.consumer, library module io.eipfailover.core, metrics on" "$out"
echo "consumer: all three runs passed"
