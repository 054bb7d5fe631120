#!/usr/bin/env bash
# Tests the provisioning code offline (examples/deploy/README.md, "Tests"): the Terraform module
# under a mocked provider and the Ansible role on Debian 12 chroots, plus the Java tests that
# cross into the agent (tag "deploy"). Nothing contacts AWS; Terraform's provider comes from the
# local mirror (terraform/terraform.rc); debootstrap reads Debian's mirror once, then a cache.
#   examples/deploy/test-offline.sh
# Exit 0 only when every part ran and passed. A missing tool prints NOT RUN and exits 2; a part
# that could not run (the agent's Debian package was not built) prints NOT RUN and exits 3.
# Needs root (chroot, mount).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
deploy=$repo/examples/deploy
work=$repo/examples/target/deploy-tests
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_CLI_CONFIG_FILE=$deploy/terraform/terraform.rc
export ANSIBLE_NOCOLOR=1 ANSIBLE_VAULT_PASSWORD_FILE=$deploy/ansible/tests/vault-password
started=$SECONDS
not_run=()
mkdir -p "$work"

banner() { printf '\n==== %s ====\n' "$*"; }
step() { printf -- '-- %s\n' "$*"; }

mirror=$(sed -n 's/^ *path *= *"\(.*\)"/\1/p' "$TF_CLI_CONFIG_FILE" | head -1)
missing=()
command -v terraform >/dev/null || missing+=("terraform (1.9 or newer) on the PATH")
ls "$mirror"/registry.terraform.io/hashicorp/aws/*/linux_amd64/terraform-provider-aws_* >/dev/null 2>&1 \
  || missing+=("the hashicorp/aws provider in the filesystem mirror $mirror (terraform/terraform.rc)")
for tool in ansible-playbook ansible-lint debootstrap java; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
[ "$(id -u)" = 0 ] || missing+=("root (chroot and mount for the Ansible test roots)")
if [ ${#missing[@]} -gt 0 ]; then
  banner "NOT RUN: provisioning tests (Terraform, Ansible)"
  printf '  missing: %s\n' "${missing[@]}"
  echo "  Nothing of examples/deploy/terraform or examples/deploy/ansible was tested."
  exit 2
fi

banner "Terraform $(terraform version | head -1 | cut -d' ' -f2), provider from $mirror"
step "fmt -check"
terraform -chdir="$deploy/terraform" fmt -check -recursive -diff
for dir in modules/reserved-ips modules/eipfailover-cluster example; do
  step "$dir: init (local mirror only), validate"
  terraform -chdir="$deploy/terraform/$dir" init -input=false -no-color >/dev/null
  terraform -chdir="$deploy/terraform/$dir" validate -no-color
  if [ -d "$deploy/terraform/$dir/tests" ]; then
    step "$dir: test (mocked provider)"
    log=$work/terraform-test-${dir//\//-}.log
    if ! terraform -chdir="$deploy/terraform/$dir" test -no-color >"$log" 2>&1; then
      cat "$log"
      exit 1
    fi
    grep -E '^Success' "$log"
  fi
done

banner "Ansible $(ansible --version 2>/dev/null | awk 'NR == 1 { sub(/.*core /, ""); sub(/]/, ""); print }')"
cd "$deploy/ansible"
step "ansible-lint (production profile)"
ansible-lint --profile production -q
step "syntax check, role filters"
ansible-playbook --syntax-check -i tests/inventory.yml playbook.yml >/dev/null
ansible-playbook tests/filters.yml >"$work/ansible-filters.log" 2>&1 || { cat "$work/ansible-filters.log"; exit 1; }
cd "$repo"

step "build (install -DskipTests) for the agent jar and the Java tests"
./mvnw -B -q install -DskipTests
packages=(examples/target/eipfailover-agent_*_all.deb)
ansible_ok=false
if [ -f "${packages[0]}" ] && [ ${#packages[@]} = 1 ]; then
  banner "Ansible role on two Debian 12 chroots, package ${packages[0]}"
  "$deploy/ansible/tests/run-chroot.sh" "${packages[0]}" "$work/ansible"
  ansible_ok=true
else
  not_run+=("NOT RUN: the Ansible role on Debian 12 (no examples/target/eipfailover-agent_*_all.deb: the agent's package is not built)")
fi

banner "Java tests tagged deploy (examples, -Peip-deploy)"
mvn_args=(-B -pl examples -Peip-deploy verify)
if $ansible_ok; then
  mvn_args+=("-Deipfailover.ansible.roots=$work/ansible/upper")
else
  mvn_args+=("-Dtest=!AnsibleRenderedConfigTest" -Dsurefire.failIfNoSpecifiedTests=false)
fi
if ! ./mvnw "${mvn_args[@]}" >"$work/maven.log" 2>&1; then
  grep -E 'Tests run:|FAIL|ERROR' "$work/maven.log" | head -40
  echo "deploy Java tests failed: $work/maven.log"
  exit 1
fi
grep -E 'Tests run:.* in ' "$work/maven.log" | sed 's/^\[[A-Z]*\] /  /'

banner "provisioning tests: $((SECONDS - started)) s"
if [ ${#not_run[@]} -gt 0 ]; then
  printf '  %s\n' "${not_run[@]}"
  exit 3
fi
echo "  all passed"
