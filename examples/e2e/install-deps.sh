#!/bin/sh
# Installs what the end-to-end suite needs on a fresh Debian or Ubuntu machine, as root:
# HAProxy, iptables, iproute2 (ip netns), curl, python3 (the jitter link), node.js if absent
# (Debian's nodejs is enough), lintian (the package check), Heartbeat 3 and the AWS CLI (the
# cut-over case, HeartbeatCutOverIT), and dpkg-deb and setpriv (present on Debian: dpkg and
# util-linux).
# Idempotent: installs only what is missing. Used by .ci/run before the e2e run.
set -eu
if [ "$(id -u)" != 0 ]; then
  echo "install-deps.sh: run as root (it uses apt-get)" >&2
  exit 1
fi
missing=""
command -v haproxy >/dev/null 2>&1 || missing="$missing haproxy"
command -v iptables >/dev/null 2>&1 || missing="$missing iptables"
command -v ip >/dev/null 2>&1 || missing="$missing iproute2"
command -v curl >/dev/null 2>&1 || missing="$missing curl"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
command -v lintian >/dev/null 2>&1 || missing="$missing lintian"
[ -x /usr/libexec/heartbeat/heartbeat ] || missing="$missing heartbeat"
command -v aws >/dev/null 2>&1 || missing="$missing awscli"
if [ -n "$missing" ]; then
  echo "install-deps.sh: installing$missing"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi
haproxy -v | head -n 1
iptables -V
ip -V
node --version
