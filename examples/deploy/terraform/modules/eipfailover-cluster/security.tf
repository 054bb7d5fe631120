# Security groups. "agent" holds exactly the agent's port table for this configuration: the rules
# `eipfailover-agent ports --config agent.properties --json` prints with scope "cluster", each
# opened to the group itself (the nodes). TerraformRenderedAgentTest runs the agent's `ports` verb
# on the rendered configuration and compares with these rules. "node" holds the rest: HAProxy's
# public ports, SSH if asked, and all egress (EC2 API, package download, heartbeats out).

locals {
  heartbeat_port = coalesce(var.heartbeat_port, var.heartbeat_transport == "udp" ? 694 : 7800)
  # The agent's port table (rules of scope "cluster"), keyed for for_each. JGroups' FD_SOCK2
  # listens on the first free port of membership.port + 100 .. + 102. The peer-probe guard probes
  # each holder's HAProxy on its home IP (guard.peer-probe.port, 80 unless set).
  peer_probe_port = tonumber(lookup(var.extra_agent_settings, "guard.peer-probe.port", "80"))
  agent_port_rules = merge(contains(var.guards, "peer-probe") ? {
    "tcp-${local.peer_probe_port}" = { protocol = "tcp", port = local.peer_probe_port, to_port = local.peer_probe_port, purpose = "peer-probe guard" }
    } : {}, var.heartbeat_transport == "udp" ? {
    "udp-${local.heartbeat_port}" = { protocol = "udp", port = local.heartbeat_port, to_port = local.heartbeat_port, purpose = "heartbeats" }
    "tcp-${local.heartbeat_port}" = { protocol = "tcp", port = local.heartbeat_port, to_port = local.heartbeat_port, purpose = "crash-detection link" }
    } : {
    "tcp-${local.heartbeat_port}"       = { protocol = "tcp", port = local.heartbeat_port, to_port = local.heartbeat_port, purpose = "JGroups TCP" }
    "tcp-${local.heartbeat_port + 100}" = { protocol = "tcp", port = local.heartbeat_port + 100, to_port = local.heartbeat_port + 102, purpose = "JGroups FD_SOCK2" }
  })
}

resource "aws_security_group" "agent" {
  name        = "${var.cluster_name}-agent"
  description = "eip-failover agent traffic between the nodes of ${var.cluster_name}"
  vpc_id      = local.vpc_id
  tags        = merge(var.tags, { Name = "${var.cluster_name}-agent" })
}

resource "aws_vpc_security_group_ingress_rule" "agent" {
  for_each                     = local.agent_port_rules
  security_group_id            = aws_security_group.agent.id
  referenced_security_group_id = aws_security_group.agent.id
  ip_protocol                  = each.value.protocol
  from_port                    = each.value.port
  to_port                      = each.value.to_port
  description                  = "eip-failover ${each.value.purpose}"
  tags                         = var.tags
}

resource "aws_security_group" "node" {
  name        = "${var.cluster_name}-node"
  description = "HAProxy service, SSH and egress of the nodes of ${var.cluster_name}"
  vpc_id      = local.vpc_id
  tags        = merge(var.tags, { Name = "${var.cluster_name}-node" })
}

resource "aws_vpc_security_group_ingress_rule" "service" {
  for_each          = { for pair in setproduct(var.service_ports, var.service_cidr_blocks) : "${pair[0]}-${pair[1]}" => pair }
  security_group_id = aws_security_group.node.id
  cidr_ipv4         = each.value[1]
  ip_protocol       = "tcp"
  from_port         = each.value[0]
  to_port           = each.value[0]
  description       = "HAProxy service"
  tags              = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "ssh" {
  for_each          = toset(var.ssh_cidr_blocks)
  security_group_id = aws_security_group.node.id
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  description       = "SSH"
  tags              = var.tags
}

resource "aws_vpc_security_group_egress_rule" "node" {
  security_group_id = aws_security_group.node.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  description       = "all egress: EC2 API, package download, heartbeats to peers"
  tags              = var.tags
}

resource "aws_security_group" "endpoint" {
  count       = var.create_ec2_endpoint ? 1 : 0
  name        = "${var.cluster_name}-ec2-endpoint"
  description = "HTTPS from the nodes of ${var.cluster_name} to the EC2 interface endpoint"
  vpc_id      = local.vpc_id
  tags        = merge(var.tags, { Name = "${var.cluster_name}-ec2-endpoint" })
}

resource "aws_vpc_security_group_ingress_rule" "endpoint" {
  count                        = var.create_ec2_endpoint ? 1 : 0
  security_group_id            = aws_security_group.endpoint[0].id
  referenced_security_group_id = aws_security_group.node.id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  description                  = "EC2 API from the nodes"
  tags                         = var.tags
}
