#!/usr/bin/env bash
# One command from a fresh clone: build what the demo needs, then run it.
#   ./examples/demo.sh                      # two nodes, UDP heartbeats
#   ./examples/demo.sh --nodes 3            # balanced strategy + quorum guard
#   ./examples/demo.sh --membership jgroups --nodes 3
#   ./examples/demo.sh --verbose            # also show every node's log
# Needs only a JDK 17; nothing from AWS (EC2 is played by a local fake on 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B install -DskipTests
exec ./mvnw -q -B -pl examples exec:exec -Ddemo.args="$*"
