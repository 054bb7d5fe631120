#!/usr/bin/env bash
# Runs the two-node playbook against two fresh Debian 12 roots (chroot connection), twice, and
# verifies the result:
#   run-chroot.sh PACKAGE WORK_DIR [ansible-playbook options...]
# The base root is built once and cached under WORK_DIR/cache (debian12-root.sh); each run mounts
# a fresh overlay of it at WORK_DIR/roots/lb-a and lb-b, so the first run always starts from a
# clean system. Passes
# only if the first run succeeds, the second reports changed=0 on both nodes, and verify.yml
# passes. Needs root. Nothing runs inside the roots but the role's tasks: no service starts.
set -euo pipefail
package=$(realpath "${1:?usage: run-chroot.sh PACKAGE WORK_DIR [ansible options]}")
work=$(realpath -m "${2:?usage: run-chroot.sh PACKAGE WORK_DIR [ansible options]}")
shift 2
tests=$(cd "$(dirname "$0")" && pwd)
ansible_dir=$(dirname "$tests")

base=$("$tests/debian12-root.sh" "$work/cache")
# Each node's root is an overlay over the cached base: nothing is copied, the base stays clean,
# and $work/upper/<node> ends up holding exactly what the role wrote (AnsibleRenderedConfigTest
# reads the configuration there).
unmount_all() {
  for node in lb-a lb-b; do
    if mountpoint -q "$work/roots/$node/proc"; then umount "$work/roots/$node/proc"; fi
    if mountpoint -q "$work/roots/$node"; then umount "$work/roots/$node"; fi
  done
}
unmount_all
rm -rf "$work/roots" "$work/upper" "$work/overlay-work"
trap unmount_all EXIT
for node in lb-a lb-b; do
  mkdir -p "$work/roots/$node" "$work/upper/$node" "$work/overlay-work/$node"
  mount -t overlay overlay -o "lowerdir=$base,upperdir=$work/upper/$node,workdir=$work/overlay-work/$node" "$work/roots/$node"
  # The JVM finds its libraries through /proc/self/exe.
  mount -t proc proc "$work/roots/$node/proc"
done

export EIPFAILOVER_TEST_ROOTS="$work/roots" EIPFAILOVER_TEST_PACKAGE="$package"
export ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_LOCALHOST_WARNING=0
playbook=(ansible-playbook -i "$tests/inventory.yml" --vault-password-file "$tests/vault-password" -e @"$tests/key.vault.yml" "$@")

cd "$ansible_dir"
for run in 1 2; do
  if ! "${playbook[@]}" playbook.yml >"$work/run$run.log" 2>&1; then
    echo "playbook run $run failed; end of $work/run$run.log:" >&2
    tail -40 "$work/run$run.log" >&2
    exit 1
  fi
done
recap=$(sed -n '/^PLAY RECAP/,$p' "$work/run2.log")
for node in lb-a lb-b; do
  if ! grep -Eq "^$node +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=0" <<<"$recap"; then
    echo "second run is not idempotent on $node:" >&2
    echo "$recap" >&2
    grep -E '^(changed|TASK)' "$work/run2.log" | grep -B1 '^changed' >&2 || true
    exit 1
  fi
done
if ! "${playbook[@]}" tests/verify.yml >"$work/verify.log" 2>&1; then
  echo "verify.yml failed; end of $work/verify.log:" >&2
  tail -40 "$work/verify.log" >&2
  exit 1
fi
echo "ansible role: first run ok, second run changed=0 on lb-a and lb-b, verify ok (logs in $work)"
