# The example plans against a mocked provider: a pair in two zones, HAProxy from the repository's
# sample haproxy.cfg, the outputs a user publishes.

mock_provider "aws" {
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
}

variables {
  region               = "eu-west-1"
  ami_id               = "ami-0123456789abcdef0"
  agent_package_url    = "https://downloads.example.com/eipfailover-agent_0.1.0_all.deb"
  agent_package_sha256 = "0000000000000000000000000000000000000000000000000000000000000000"
  cluster_key          = "0123456789abcdef0123456789abcdef"
}

run "example_builds_a_pair_across_two_zones" {
  assert {
    condition     = length(output.nodes) == 2 && toset([for n in output.nodes : n.availability_zone]) == toset(["eu-west-1a", "eu-west-1b"])
    error_message = "the example must build one node in each of two zones"
  }
  assert {
    condition     = length(output.dns_records) == 2 && length(output.eips) == 2
    error_message = "the example must publish two EIPs"
  }
  assert {
    condition     = alltrue([for n in output.nodes : length(n.reserved_ips) == 1])
    error_message = "each node of the pair keeps one reserved IP for its peer's EIP"
  }
}
