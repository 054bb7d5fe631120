# `terraform test` on a mocked provider: nothing is created, nothing contacts AWS. Each run plans
# (or applies to the mock) and asserts on what Terraform would send. The agent-side checks (its
# parser, its port table, tag discovery on the EC2 fake) are in the Java tests that read the
# state of export.tftest.hcl (examples, io.eipfailover.examples.deploy).

mock_provider "aws" {
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
}

variables {
  cluster_name       = "web-lb"
  availability_zones = ["eu-west-1a", "eu-west-1b"]
  ami_id             = "ami-0123456789abcdef0"
  agent_package_url  = "https://packages.example.com/eipfailover-agent_0.1.0_all.deb"
  cluster_key        = "0123456789abcdef0123456789abcdef"
}

run "two_nodes_each_home_one_eip_by_tag" {
  command = plan

  assert {
    condition     = length(aws_eip.this) == 2
    error_message = "expected 2 EIPs, planned ${length(aws_eip.this)}"
  }
  assert {
    condition     = sort([for e in aws_eip.this : e.tags["eipfailover:home"]]) == tolist(["lb-a", "lb-b"])
    error_message = "each node must home one EIP by the eipfailover:home tag"
  }
  assert {
    condition     = alltrue([for e in aws_eip.this : e.tags["eipfailover:cluster"] == "web-lb" && e.domain == "vpc"])
    error_message = "every EIP must be a VPC EIP tagged eipfailover:cluster=web-lb"
  }
  assert {
    condition     = { for k, t in aws_ec2_tag.primary_eni : k => t.value } == { "lb-a/eipfailover:cluster" = "web-lb", "lb-a/eipfailover:node" = "lb-a", "lb-b/eipfailover:cluster" = "web-lb", "lb-b/eipfailover:node" = "lb-b" }
    error_message = "each node's primary ENI must be tagged with the cluster and its node id"
  }
  assert {
    condition     = length(aws_network_interface.extra_home) == 0
    error_message = "one EIP per node needs no extra ENI"
  }
}

run "nodes_are_spread_over_the_zones_with_fixed_private_ips" {
  command = plan

  assert {
    condition     = [for n in ["lb-a", "lb-b"] : aws_instance.node[n].availability_zone] == ["eu-west-1a", "eu-west-1b"]
    error_message = "nodes must be spread round robin over the zones"
  }
  assert {
    condition     = aws_instance.node["lb-a"].private_ip == "10.42.0.10" && aws_instance.node["lb-b"].private_ip == "10.42.1.10"
    error_message = "home IPs must be host 10 of each zone's subnet, were ${aws_instance.node["lb-a"].private_ip} and ${aws_instance.node["lb-b"].private_ip}"
  }
}

run "default_reserved_ips_are_what_home_with_failback_needs" {
  command = plan

  assert {
    condition     = alltrue([for i in aws_instance.node : length(i.secondary_private_ips) == 1])
    error_message = "2 nodes x 1 EIP surviving 1 failure need 1 reserved IP per node"
  }
  assert {
    condition     = output.reserved_ips_per_node == { planned = 1, needed = 1 }
    error_message = "reserved_ips_per_node output was ${jsonencode(output.reserved_ips_per_node)}"
  }
}

run "balanced_three_nodes_need_fewer_reserved_ips_than_home_with_failback" {
  command = plan
  variables {
    node_count         = 3
    eips_per_node      = 2
    strategy           = "balanced"
    tolerated_failures = 1
  }

  # W = 2 EIPs x 1 failure = 2 orphans spread over 3 - 1 = 2 survivors: ceil(2 / 2) = 1
  # (home-with-failback would need 2: it may put both orphans on one survivor).
  assert {
    condition     = alltrue([for i in aws_instance.node : length(i.secondary_private_ips) == 1])
    error_message = "balanced, 3 nodes x 2 EIPs, surviving 1 failure: 1 reserved IP per node"
  }
  assert {
    condition     = length(aws_network_interface.extra_home) == 3 && alltrue([for e in aws_network_interface.extra_home : one(e.attachment).device_index == 1 && e.tags["eipfailover:cluster"] == "web-lb"])
    error_message = "the second EIP of each node needs an extra ENI at device index 1 tagged with the cluster"
  }
  assert {
    condition     = sort([for e in aws_network_interface.extra_home : e.tags["eipfailover:node"]]) == tolist(["lb-a", "lb-b", "lb-c"])
    error_message = "each extra ENI must be tagged with its node"
  }
  assert {
    condition     = length(aws_eip.this) == 6 && length([for e in aws_eip.this : e if e.tags["eipfailover:home"] == "lb-c"]) == 2
    error_message = "each of the 3 nodes must home 2 EIPs"
  }
}

run "too_few_reserved_ips_are_refused" {
  command = plan
  variables {
    reserved_ips_per_node = 0
  }
  expect_failures = [aws_instance.node]
}

run "agent_security_group_holds_the_udp_port_table_between_nodes_only" {
  command = plan

  assert {
    condition     = { for k, r in aws_vpc_security_group_ingress_rule.agent : k => [r.ip_protocol, r.from_port, r.to_port] } == { "udp-694" = ["udp", 694, 694], "tcp-694" = ["tcp", 694, 694], "tcp-80" = ["tcp", 80, 80] }
    error_message = "the agent group must open exactly UDP 694 (heartbeats), TCP 694 (crash link) and TCP 80 (the default guard's peer-probe)"
  }
  assert {
    condition     = alltrue([for r in aws_vpc_security_group_ingress_rule.agent : r.cidr_ipv4 == null && r.cidr_ipv6 == null])
    error_message = "agent rules must reference the group itself, never an address range"
  }
}

run "without_peer_probe_the_agent_group_holds_only_the_membership_ports" {
  command = plan
  variables {
    guards = ["reachability", "ec2-instance-state"]
  }

  assert {
    condition     = { for k, r in aws_vpc_security_group_ingress_rule.agent : k => [r.ip_protocol, r.from_port, r.to_port] } == { "udp-694" = ["udp", 694, 694], "tcp-694" = ["tcp", 694, 694] }
    error_message = "without peer-probe only UDP 694 and TCP 694 are opened between the nodes"
  }
}

run "jgroups_opens_its_tcp_port_and_fd_sock2_range" {
  command = plan
  variables {
    heartbeat_transport = "jgroups"
  }

  assert {
    condition     = { for k, r in aws_vpc_security_group_ingress_rule.agent : k => [r.ip_protocol, r.from_port, r.to_port] } == { "tcp-7800" = ["tcp", 7800, 7800], "tcp-7900" = ["tcp", 7900, 7902], "tcp-80" = ["tcp", 80, 80] }
    error_message = "jgroups must open TCP 7800 and FD_SOCK2's 7900-7902 (and TCP 80 for the default guard's peer-probe)"
  }
  assert {
    condition     = strcontains(output.agent_config["lb-a"], "membership.type = jgroups\n") && strcontains(output.agent_config["lb-a"], "membership.port = 7800\n")
    error_message = "the rendered configuration must use jgroups on 7800"
  }
}

run "instance_policy_is_the_aws_modules_policy_for_this_cluster" {
  command = plan

  assert {
    condition     = jsondecode(aws_iam_role_policy.agent.policy) == jsondecode(replace(file("../../../iam-policy.json"), "CLUSTER_NAME", "web-lb"))
    error_message = "the role policy must be examples/deploy/iam-policy.json with CLUSTER_NAME = web-lb"
  }
  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.agent.policy).Statement : s.Condition.StringEquals["ec2:ResourceTag/eipfailover:cluster"] if contains(flatten([s.Action]), "ec2:AssociateAddress")]) == "web-lb"
    error_message = "AssociateAddress must be limited to resources tagged with this cluster"
  }
}

run "instances_require_imdsv2_with_hop_limit_one" {
  command = plan

  assert {
    condition     = alltrue([for i in aws_instance.node : i.metadata_options[0].http_tokens == "required" && i.metadata_options[0].http_endpoint == "enabled" && i.metadata_options[0].http_put_response_hop_limit == 1])
    error_message = "every node must require IMDSv2 tokens with hop limit 1"
  }
}

run "user_data_installs_the_package_and_writes_a_tag_discovery_configuration" {
  command = plan
  variables {
    agent_package_sha256 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
  }

  assert {
    condition     = alltrue([for n in ["lb-a", "lb-b"] : strcontains(output.agent_config[n], "topology.source = tags\n") && strcontains(output.agent_config[n], "node.id = discover\n")])
    error_message = "the configuration must discover the topology and the node from tags"
  }
  assert {
    condition     = strcontains(output.agent_config["lb-a"], "guard.reachability.targets = 10.42.0.2:53\n")
    error_message = "the reachability guard must target the VPC's DNS resolver (base + 2)"
  }
  assert {
    condition     = alltrue([for i in aws_instance.node : strcontains(i.user_data, "https://packages.example.com/eipfailover-agent_0.1.0_all.deb") && strcontains(i.user_data, "sha256sum --check") && strcontains(i.user_data, "      1 0123456789abcdef0123456789abcdef\n")])
    error_message = "user data must download and check the package and carry the key line"
  }
  assert {
    condition     = alltrue([for i in aws_instance.node : yamldecode(i.user_data).runcmd == [["/usr/local/sbin/eipfailover-bootstrap"]]])
    error_message = "user data must be valid cloud-config YAML that runs the bootstrap"
  }
}

run "existing_vpc_creates_no_network" {
  command = plan
  variables {
    existing_vpc = {
      id         = "vpc-0a1b2c3d4e5f60708"
      cidr_block = "172.31.0.0/16"
      subnets = [
        { id = "subnet-0000000000000000a", cidr_block = "172.31.16.0/20", availability_zone = "eu-west-1a" },
        { id = "subnet-0000000000000000b", cidr_block = "172.31.32.0/20", availability_zone = "eu-west-1b" },
      ]
    }
  }

  assert {
    condition     = length(aws_vpc.this) == 0 && length(aws_subnet.this) == 0 && length(aws_internet_gateway.this) == 0
    error_message = "with existing_vpc no VPC, subnet or gateway may be created"
  }
  assert {
    condition     = aws_instance.node["lb-b"].subnet_id == "subnet-0000000000000000b" && aws_instance.node["lb-b"].private_ip == "172.31.32.10"
    error_message = "nodes must use the given subnets"
  }
  assert {
    condition     = strcontains(output.agent_config["lb-a"], "provision.os-prefix-length = 20\n") && strcontains(output.agent_config["lb-a"], "guard.reachability.targets = 172.31.0.2:53\n")
    error_message = "the configuration must follow the given subnet and VPC"
  }
}

run "a_single_node_is_refused" {
  command = plan
  variables {
    node_count = 1
  }
  expect_failures = [var.node_count]
}

run "tolerating_every_node_failing_is_refused" {
  command = plan
  variables {
    tolerated_failures = 2
  }
  expect_failures = [var.tolerated_failures]
}

run "a_bad_cluster_name_is_refused" {
  command = plan
  variables {
    cluster_name = "web lb"
  }
  expect_failures = [var.cluster_name]
}
