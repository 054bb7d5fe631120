# The nodes, laid out the way the tag contract (aws: Ec2TagTopology) reads them:
#  - node n's primary ENI (device 0, created with the instance so it gets a public IP at boot for
#    the package download) carries its first home IP and all its reserved secondary IPs, and is
#    tagged eipfailover:cluster / eipfailover:node;
#  - each further home IP is the primary IP of an extra ENI (device 1, 2, ...), tagged the same;
#  - each EIP is tagged eipfailover:cluster / eipfailover:home and left unassociated: the agent
#    associates it (and moves it on failover), so Terraform never fights the agent over it.
# Private IPs are fixed (cidrhost) so they are known at plan time: node i sits in subnet
# i mod |subnets|, in a block of (reserved + EIPs per node) addresses from host 10 on.

module "reserved_ips" {
  source             = "../reserved-ips"
  node_count         = var.node_count
  eips_per_node      = var.eips_per_node
  strategy           = var.strategy
  tolerated_failures = var.tolerated_failures
}

locals {
  node_names        = [for i in range(var.node_count) : "${var.node_name_prefix}${substr("abcdefghijklmnopqrstuvwxyz", i, 1)}"]
  reserved_needed   = module.reserved_ips.per_node
  reserved_per_node = coalesce(var.reserved_ips_per_node, local.reserved_needed)
  ip_block          = local.reserved_per_node + var.eips_per_node
  nodes = {
    for i, name in local.node_names : name => {
      subnet = local.subnets[i % length(local.subnets)]
      first  = 10 + floor(i / length(local.subnets)) * local.ip_block
    }
  }
  node_ips = {
    for name, n in local.nodes : name => {
      primary_ip     = cidrhost(n.subnet.cidr_block, n.first)
      reserved_ips   = [for r in range(local.reserved_per_node) : cidrhost(n.subnet.cidr_block, n.first + 1 + r)]
      extra_home_ips = [for j in range(var.eips_per_node - 1) : cidrhost(n.subnet.cidr_block, n.first + 1 + local.reserved_per_node + j)]
    }
  }
  eni_tags = {
    for pair in setproduct(local.node_names, ["eipfailover:cluster", "eipfailover:node"]) : "${pair[0]}/${pair[1]}" => {
      node  = pair[0]
      key   = pair[1]
      value = pair[1] == "eipfailover:cluster" ? var.cluster_name : pair[0]
    }
  }
  extra_enis = { for pair in setproduct(local.node_names, range(1, var.eips_per_node)) : "${pair[0]}/${pair[1]}" => { node = pair[0], device = pair[1] } }
  eips       = { for pair in setproduct(local.node_names, range(var.eips_per_node)) : "${pair[0]}/${pair[1]}" => pair[0] }
  # The highest host offset any node uses in its subnet must stay below the subnet's last usable.
  largest_block_end = 10 + ceil(var.node_count / length(local.subnets)) * local.ip_block
}

resource "aws_instance" "node" {
  for_each                    = local.nodes
  ami                         = var.ami_id
  instance_type               = var.instance_type
  subnet_id                   = each.value.subnet.id
  availability_zone           = each.value.subnet.availability_zone
  private_ip                  = local.node_ips[each.key].primary_ip
  secondary_private_ips       = local.node_ips[each.key].reserved_ips
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.agent.id, aws_security_group.node.id]
  iam_instance_profile        = aws_iam_instance_profile.node.name
  key_name                    = var.key_name
  user_data                   = local.user_data[each.key]
  user_data_replace_on_change = false

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = var.imds_hop_limit
  }

  tags = merge(var.tags, {
    Name                  = "${var.cluster_name}-${each.key}"
    "eipfailover:cluster" = var.cluster_name
    "eipfailover:node"    = each.key
  })

  lifecycle {
    precondition {
      condition     = local.reserved_per_node >= local.reserved_needed
      error_message = "reserved_ips_per_node is ${local.reserved_per_node}, but the ${var.strategy} strategy needs ${local.reserved_needed} per node to survive ${var.tolerated_failures} node failure(s) with ${var.eips_per_node} EIP(s) per node; raise it or leave it null."
    }
    precondition {
      condition     = alltrue([for s in local.subnets : local.largest_block_end <= pow(2, 32 - tonumber(split("/", s.cidr_block)[1])) - 2])
      error_message = "the nodes' private IPs (host 10 to ${local.largest_block_end} of each subnet) do not fit in every subnet; use larger subnets or more availability zones."
    }
  }
}

# Tags on the primary ENI the instance created (aws_instance cannot tag it itself).
resource "aws_ec2_tag" "primary_eni" {
  for_each    = local.eni_tags
  resource_id = aws_instance.node[each.value.node].primary_network_interface_id
  key         = each.value.key
  value       = each.value.value
}

resource "aws_network_interface" "extra_home" {
  for_each        = local.extra_enis
  subnet_id       = local.nodes[each.value.node].subnet.id
  private_ips     = [local.node_ips[each.value.node].extra_home_ips[each.value.device - 1]]
  security_groups = [aws_security_group.agent.id, aws_security_group.node.id]

  attachment {
    instance     = aws_instance.node[each.value.node].id
    device_index = each.value.device
  }

  tags = merge(var.tags, {
    Name                  = "${var.cluster_name}-${each.value.node}-${each.value.device}"
    "eipfailover:cluster" = var.cluster_name
    "eipfailover:node"    = each.value.node
  })
}

resource "aws_eip" "this" {
  for_each = local.eips
  domain   = "vpc"
  tags = merge(var.tags, {
    Name                  = "${var.cluster_name}-${replace(each.key, "/", "-")}"
    "eipfailover:cluster" = var.cluster_name
    "eipfailover:home"    = each.value
  })
}
