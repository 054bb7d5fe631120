output "eips" {
  description = "The cluster's Elastic IPs: allocation id, public IP, public DNS name and home node."
  value = [
    for k, e in aws_eip.this : {
      allocation_id = e.allocation_id
      public_ip     = e.public_ip
      public_dns    = e.public_dns
      home          = local.eips[k]
    }
  ]
}

output "dns_records" {
  description = "Publish all of these as A records of the service name: every node serves at once."
  value       = [for e in aws_eip.this : e.public_ip]
}

output "nodes" {
  description = "Per node: instance, its ENIs, home IPs (one per EIP it homes) and reserved IPs."
  value = {
    for name, i in aws_instance.node : name => {
      instance_id       = i.id
      availability_zone = i.availability_zone
      eni_ids           = concat([i.primary_network_interface_id], [for d in range(1, var.eips_per_node) : aws_network_interface.extra_home["${name}/${d}"].id])
      home_ips          = concat([local.node_ips[name].primary_ip], local.node_ips[name].extra_home_ips)
      reserved_ips      = local.node_ips[name].reserved_ips
    }
  }
}

output "reserved_ips_per_node" {
  description = "Reserved secondary IPs per node, and how many the strategy needs."
  value       = { planned = local.reserved_per_node, needed = local.reserved_needed }
}

output "agent_config" {
  description = "The agent.properties each node gets (no secret in it: the key is a separate file)."
  value       = local.agent_config
}

output "agent_port_rules" {
  description = "The agent's port table as opened in the agent security group (scope cluster)."
  value       = [for r in values(local.agent_port_rules) : r]
}

output "security_group_ids" {
  description = "agent: the port table between nodes; node: service ports, SSH, egress."
  value       = { agent = aws_security_group.agent.id, node = aws_security_group.node.id }
}

output "vpc_id" {
  description = "The VPC the nodes run in."
  value       = local.vpc_id
}
