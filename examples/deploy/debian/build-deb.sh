#!/bin/sh
# Builds eipfailover-agent_<version>_all.deb from the agent jar and the files in examples/deploy.
#   build-deb.sh MAVEN_VERSION AGENT_JAR OUT_DIR
# The Maven build runs it at `package` (examples/pom.xml). Needs dpkg-deb and gzip (Debian's dpkg):
# without dpkg-deb it says so and builds nothing. Prints the path of the package it built.
set -eu
if [ $# -ne 3 ]; then
  echo "usage: build-deb.sh MAVEN_VERSION AGENT_JAR OUT_DIR" >&2
  exit 2
fi
maven_version=$1 jar=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
deploy=$(dirname "$here")
examples=$(dirname "$deploy")
if ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "build-deb.sh: SKIPPED, dpkg-deb not found: no Debian package built (install dpkg)" >&2
  exit 0
fi
# Maven's 1.2.3-SNAPSHOT sorts before 1.2.3 in Debian as 1.2.3~snapshot.
version=$(printf '%s' "$maven_version" | sed 's/-SNAPSHOT$/~snapshot/')
pkg=eipfailover-agent
stage="$out/deb-stage"
rm -rf "$stage"
umask 022
doc="$stage/usr/share/doc/$pkg"
install -d "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/share/$pkg" "$stage/lib/systemd/system" \
  "$stage/etc/eipfailover" "$doc/examples" "$stage/usr/share/man/man1"
install -d -m 0700 "$stage/etc/eipfailover/keys"
install -m 0644 "$jar" "$stage/usr/share/$pkg/eipfailover-agent.jar"
install -m 0755 "$here/eipfailover-agent" "$stage/usr/bin/eipfailover-agent"
install -m 0644 "$deploy/eipfailover-agent.service" "$stage/lib/systemd/system/"
install -m 0644 "$deploy/agent.properties" "$stage/etc/eipfailover/agent.properties"
install -m 0644 "$here/copyright" "$doc/copyright"
install -m 0644 "$deploy/RUNBOOK.md" "$deploy/security-group.md" "$doc/"
install -m 0644 "$examples/README.md" "$doc/configuration.md"
install -m 0644 "$deploy/haproxy.cfg" "$deploy/iam-policy.json" "$doc/examples/"
sed "s/@VERSION@/$version/" "$here/changelog" | gzip -9n > "$doc/changelog.gz"
gzip -9n < "$here/eipfailover-agent.1" > "$stage/usr/share/man/man1/eipfailover-agent.1.gz"
chmod 0644 "$doc/changelog.gz" "$stage/usr/share/man/man1/eipfailover-agent.1.gz"
install -d "$stage/usr/share/lintian/overrides"
install -m 0644 "$here/lintian-overrides" "$stage/usr/share/lintian/overrides/$pkg"
for script in postinst prerm postrm; do
  install -m 0755 "$here/$script" "$stage/DEBIAN/$script"
done
echo /etc/eipfailover/agent.properties > "$stage/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$size/" "$here/control.in" > "$stage/DEBIAN/control"
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) \
  > "$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/conffiles" "$stage/DEBIAN/md5sums"
deb="$out/${pkg}_${version}_all.deb"
dpkg-deb --root-owner-group -Zgzip --build "$stage" "$deb" >/dev/null
echo "$deb"
