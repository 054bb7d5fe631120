#!/usr/bin/env bash
# DEVELOPMENT ONLY. Builds a stand-in eipfailover-agent_0.0.0~standin_all.deb laid out as
# /work/briefs/contracts.md describes the real package (helper i14): launcher, jar, unit, user
# eipfailover, conffile, key directory. It exists only so the role can be exercised before the
# real package is built by Maven; test-offline.sh uses it only with --standin-package and then
# reports the Ansible result as PARTIAL and exits non-zero. Delete this file once
# examples/target/eipfailover-agent_*_all.deb exists on main.
#   standin-package.sh AGENT_JAR OUT_DIR   -> prints the .deb path
set -euo pipefail
jar=${1:?usage: standin-package.sh AGENT_JAR OUT_DIR}
out=${2:?usage: standin-package.sh AGENT_JAR OUT_DIR}
here=$(cd "$(dirname "$0")/../.." && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
install -D -m 0644 "$jar" "$stage/usr/share/eipfailover-agent/eipfailover-agent.jar"
install -d -m 0755 "$stage/usr/bin" "$stage/lib/systemd/system" "$stage/etc/eipfailover" "$stage/DEBIAN"
printf '#!/bin/sh\nexec /usr/bin/java -jar /usr/share/eipfailover-agent/eipfailover-agent.jar "$@"\n' >"$stage/usr/bin/eipfailover-agent"
chmod 0755 "$stage/usr/bin/eipfailover-agent"
sed -e 's|^ExecStart=.*|ExecStart=/usr/bin/eipfailover-agent --config /etc/eipfailover/agent.properties|' \
  "$here/eipfailover-agent.service" >"$stage/lib/systemd/system/eipfailover-agent.service"
install -m 0644 "$here/agent.properties" "$stage/etc/eipfailover/agent.properties"
cat >"$stage/DEBIAN/control" <<CONTROL
Package: eipfailover-agent
Version: 0.0.0~standin
Architecture: all
Maintainer: eip-failover tests <tests@localhost>
Depends: openjdk-17-jre-headless | java17-runtime-headless
Description: STAND-IN for the eip-failover agent package (role development only)
CONTROL
echo /etc/eipfailover/agent.properties >"$stage/DEBIAN/conffiles"
cat >"$stage/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  getent group eipfailover >/dev/null || groupadd --system eipfailover
  getent passwd eipfailover >/dev/null || useradd --system --gid eipfailover --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin eipfailover
  install -d -m 0700 -o eipfailover -g eipfailover /etc/eipfailover/keys
fi
POSTINST
chmod 0755 "$stage/DEBIAN/postinst"
mkdir -p "$out"
dpkg-deb --root-owner-group --build "$stage" "$out/eipfailover-agent_0.0.0~standin_all.deb" >/dev/null
echo "$out/eipfailover-agent_0.0.0~standin_all.deb"
