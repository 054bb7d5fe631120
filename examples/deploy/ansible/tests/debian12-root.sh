#!/usr/bin/env bash
# Builds (once) and caches a Debian 12 root for the Ansible role test, then prints its path.
#   debian12-root.sh CACHE_DIR
# The root holds what the role's target needs and the test must not download on every run:
# python3 and python3-apt (Ansible's apt module), systemd (unit files, `systemctl enable` offline),
# iproute2, and a Java 17 runtime (the package's dependency). Debootstrap fetches from Debian's
# mirror (DEBIAN_MIRROR, default http://deb.debian.org/debian); a cached root is reused as long
# as its recipe (this file) is unchanged. Needs root.
set -euo pipefail
cache=${1:?usage: debian12-root.sh CACHE_DIR}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
packages=python3,python3-apt,systemd,systemd-sysv,iproute2,ca-certificates,openjdk-17-jre-headless
recipe=$(printf '%s\n' "$mirror" "$packages" | cat - "$0" | sha256sum | cut -c1-16)
root="$cache/debian12-$recipe"

if [ -f "$root/.complete" ]; then
  echo "$root"
  exit 0
fi
rm -rf "$cache"/debian12-*
mkdir -p "$cache"
echo "building the Debian 12 test root in $root (a few minutes, once per recipe)" >&2
debootstrap --variant=minbase --include="$packages" bookworm "$root" "$mirror" >"$cache/debootstrap.log" 2>&1 || {
  echo "debootstrap failed; last lines of $cache/debootstrap.log:" >&2
  tail -20 "$cache/debootstrap.log" >&2
  exit 1
}
# Nothing in the root may start services or talk to the network on its own.
rm -f "$root"/var/cache/apt/archives/*.deb
touch "$root/.complete"
echo "$root"
