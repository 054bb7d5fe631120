# How many reserved secondary private IPs each node needs so the cluster survives
# `tolerated_failures` simultaneous node failures, computed exactly as the library does
# (core: FailoverStrategy.reservedIpsNeeded and BalancedStrategy.reservedIpsNeeded, checked by
# ClusterTopology.requireReservedCapacity when the agent starts):
#
#   worst case W = the sum of the `tolerated_failures` largest home-EIP counts among the other
#                  nodes; every node homes `eips_per_node` EIPs here, so W = eips_per_node * f
#   balanced     = ceil(W / (node_count - f)): an orphan whose favourite survivor is full spills
#                  to the next survivor with a free IP
#   others       = W: home-with-failback, sticky and priority may put every orphan on one survivor
#
# ReservedIpsFormulaTest (examples, tag "deploy") evaluates this module for a table of inputs and
# compares each answer with the library's. Pure: no provider, no resources.

variable "node_count" {
  description = "Nodes in the cluster."
  type        = number
  validation {
    condition     = var.node_count >= 1 && floor(var.node_count) == var.node_count
    error_message = "node_count must be a whole number >= 1."
  }
}

variable "eips_per_node" {
  description = "Elastic IPs homed on every node."
  type        = number
  validation {
    condition     = var.eips_per_node >= 0 && floor(var.eips_per_node) == var.eips_per_node
    error_message = "eips_per_node must be a whole number >= 0."
  }
}

variable "strategy" {
  description = "The agent's `strategy` setting."
  type        = string
  validation {
    condition     = contains(["home-with-failback", "sticky", "priority", "balanced"], var.strategy)
    error_message = "strategy must be one of home-with-failback, sticky, priority, balanced."
  }
}

variable "tolerated_failures" {
  description = "Simultaneous node failures the reserved IPs must cover (the agent's failover.tolerated-failures)."
  type        = number
  validation {
    condition     = var.tolerated_failures >= 0 && var.tolerated_failures < var.node_count && floor(var.tolerated_failures) == var.tolerated_failures
    error_message = "tolerated_failures must be a whole number between 0 and node_count - 1 (${var.node_count - 1}), was ${var.tolerated_failures}."
  }
}

locals {
  survivors  = var.node_count - var.tolerated_failures
  worst_case = var.eips_per_node * var.tolerated_failures
}

output "per_node" {
  description = "Reserved secondary private IPs every node needs."
  value       = var.strategy == "balanced" ? ceil(local.worst_case / local.survivors) : local.worst_case
}
