# Applies the module to the mocked provider (nothing is created anywhere) so that
# `terraform test -verbose -json -filter=tests/export.tftest.hcl` prints each run's full state.
# The Java tests in examples (io.eipfailover.examples.deploy.TerraformState and its users) read
# that state: they seed the EC2 fake with the planned ENIs, IPs, tags and EIPs and run the aws
# module's tag discovery, feed the rendered configuration to the agent's parser and `ports` verb,
# and compare the role policy with the aws jar's. The mock invents ids (random strings); the Java
# side maps them to well-formed EC2 ids, one to one. us-east-1: the EC2 fake's Region.

mock_provider "aws" {
  mock_data "aws_region" {
    defaults = { name = "us-east-1" }
  }
}

variables {
  cluster_name       = "web-lb"
  availability_zones = ["us-east-1a", "us-east-1b"]
  ami_id             = "ami-0123456789abcdef0"
  agent_package_url  = "https://packages.example.com/eipfailover-agent_0.1.0_all.deb"
  cluster_key        = "0123456789abcdef0123456789abcdef"
}

run "udp_pair_two_eips_each" {
  variables {
    eips_per_node = 2
  }

  assert {
    condition     = alltrue([for k, t in aws_ec2_tag.primary_eni : t.resource_id == aws_instance.node[split("/", k)[0]].primary_network_interface_id])
    error_message = "the ENI tags must land on their node's primary ENI"
  }
}

run "jgroups_three_nodes_balanced" {
  variables {
    node_count          = 3
    strategy            = "balanced"
    tolerated_failures  = 2
    heartbeat_transport = "jgroups"
  }
}
