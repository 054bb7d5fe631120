# Inputs of the eipfailover-cluster module. Every one is validated here, so a bad value fails at
# plan time with its name and value, not at boot on an instance.

variable "cluster_name" {
  description = "The cluster's name: the agent's cluster.name and the value of every eipfailover:cluster tag."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,32}$", var.cluster_name))
    error_message = "cluster_name must be 1 to 32 characters of [A-Za-z0-9._-], was \"${var.cluster_name}\"."
  }
}

variable "node_count" {
  description = "Load-balancer nodes (2 to 26). Nodes are named node_name_prefix + a, b, c, ..."
  type        = number
  default     = 2
  validation {
    condition     = var.node_count >= 2 && var.node_count <= 26 && floor(var.node_count) == var.node_count
    error_message = "node_count must be a whole number from 2 to 26, was ${var.node_count}."
  }
}

variable "node_name_prefix" {
  description = "Prefix of the node ids (lb- gives lb-a, lb-b, ...)."
  type        = string
  default     = "lb-"
  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$", var.node_name_prefix))
    error_message = "node_name_prefix must be 1 to 31 characters of [A-Za-z0-9._-] starting with a letter or digit, was \"${var.node_name_prefix}\"."
  }
}

variable "availability_zones" {
  description = "AZs to spread the nodes over (round robin), e.g. [\"eu-west-1a\", \"eu-west-1b\"]. One subnet each when the module creates the VPC."
  type        = list(string)
  validation {
    condition     = length(var.availability_zones) >= 1 && length(distinct(var.availability_zones)) == length(var.availability_zones)
    error_message = "availability_zones must list at least one zone, each once, was ${jsonencode(var.availability_zones)}."
  }
}

variable "vpc_cidr" {
  description = "CIDR of the VPC the module creates (ignored with existing_vpc); subnet i is its i-th /24."
  type        = string
  default     = "10.42.0.0/16"
  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) <= 20
    error_message = "vpc_cidr must be an IPv4 CIDR of /20 or larger, was \"${var.vpc_cidr}\"."
  }
}

variable "existing_vpc" {
  description = "Use this VPC instead of creating one: its id, CIDR and one subnet per entry of availability_zones (same order). The subnets need a route to the internet for the package download at boot."
  type = object({
    id         = string
    cidr_block = string
    subnets = list(object({
      id                = string
      cidr_block        = string
      availability_zone = string
    }))
  })
  default = null
  validation {
    condition     = var.existing_vpc == null || try(length(var.existing_vpc.subnets) == length(var.availability_zones) && alltrue([for i, s in var.existing_vpc.subnets : s.availability_zone == var.availability_zones[i]]), false)
    error_message = "existing_vpc.subnets must hold one subnet per availability_zones entry, in the same order."
  }
}

variable "instance_type" {
  description = "EC2 instance type of the nodes. It must allow 1 + reserved IPs per ENI (t3.small: 4, c6i.large: 10)."
  type        = string
  default     = "t3.small"
}

variable "ami_id" {
  description = "AMI of the nodes: Debian 12 (or another systemd distribution with apt and cloud-init)."
  type        = string
  validation {
    condition     = can(regex("^ami-[0-9a-f]{8,17}$", var.ami_id))
    error_message = "ami_id must look like ami-0123456789abcdef0, was \"${var.ami_id}\"."
  }
}

variable "eips_per_node" {
  description = "Elastic IPs homed on each node. The first lives on the node's primary ENI; each further one on an extra ENI of its own (the tag contract: one home IP = one ENI's primary IP)."
  type        = number
  default     = 1
  validation {
    condition     = var.eips_per_node >= 1 && var.eips_per_node <= 4 && floor(var.eips_per_node) == var.eips_per_node
    error_message = "eips_per_node must be a whole number from 1 to 4, was ${var.eips_per_node}."
  }
}

variable "strategy" {
  description = "The agent's failover strategy: home-with-failback, sticky or balanced (priority needs per-EIP lists: use Ansible or an explicit configuration)."
  type        = string
  default     = "home-with-failback"
  validation {
    condition     = contains(["home-with-failback", "sticky", "balanced"], var.strategy)
    error_message = "strategy must be home-with-failback, sticky or balanced, was \"${var.strategy}\"."
  }
}

variable "failback_delay" {
  description = "strategy.failback-delay (not used with sticky)."
  type        = string
  default     = "10s"
  validation {
    condition     = can(regex("^[0-9]+(ms|s|m|h)$", var.failback_delay))
    error_message = "failback_delay must be a duration such as 10s or 2m, was \"${var.failback_delay}\"."
  }
}

variable "tolerated_failures" {
  description = "Simultaneous node failures the reserved IPs must cover (failover.tolerated-failures)."
  type        = number
  default     = 1
  validation {
    condition     = var.tolerated_failures >= 0 && var.tolerated_failures < var.node_count && floor(var.tolerated_failures) == var.tolerated_failures
    error_message = "tolerated_failures must be a whole number from 0 to node_count - 1 (${var.node_count - 1}), was ${var.tolerated_failures}."
  }
}

variable "reserved_ips_per_node" {
  description = "Reserved secondary private IPs per node; null = what the strategy needs to survive tolerated_failures (module reserved-ips, the library's formula). A smaller number is refused."
  type        = number
  default     = null
}

variable "heartbeat_transport" {
  description = "membership.type: udp (authenticated unicast heartbeats) or jgroups."
  type        = string
  default     = "udp"
  validation {
    condition     = contains(["udp", "jgroups"], var.heartbeat_transport)
    error_message = "heartbeat_transport must be udp or jgroups, was \"${var.heartbeat_transport}\"."
  }
}

variable "heartbeat_port" {
  description = "membership.port; null = the agent's default for the transport (694 udp, 7800 jgroups)."
  type        = number
  default     = null
  validation {
    condition     = var.heartbeat_port == null || try(var.heartbeat_port >= 1 && var.heartbeat_port <= 65435 && floor(var.heartbeat_port) == var.heartbeat_port, false)
    error_message = "heartbeat_port must be a whole number from 1 to 65435, was ${coalesce(var.heartbeat_port, -1)}."
  }
}

variable "agent_package_url" {
  description = "Where cloud-init downloads the agent's Debian package (eipfailover-agent_<version>_all.deb): an https URL, or an S3 object URL the nodes can read."
  type        = string
  validation {
    condition     = can(regex("^https?://[^'\\s]+$", var.agent_package_url))
    error_message = "agent_package_url must be an http(s) URL, was \"${var.agent_package_url}\"."
  }
}

variable "agent_package_sha256" {
  description = "SHA-256 of the package; cloud-init refuses a download that does not match. null skips the check (not recommended)."
  type        = string
  default     = null
  validation {
    condition     = var.agent_package_sha256 == null || can(regex("^[0-9a-f]{64}$", coalesce(var.agent_package_sha256, "-")))
    error_message = "agent_package_sha256 must be 64 lower-case hex digits."
  }
}

variable "cluster_key" {
  description = "The heartbeat HMAC secret (key id 1), at least 16 characters without white space. It travels in the instances' user data and the Terraform state: protect both, rotate with Ansible."
  type        = string
  sensitive   = true
  validation {
    condition     = can(regex("^[!-~]{16,}$", var.cluster_key))
    error_message = "cluster_key must be at least 16 printable characters without white space."
  }
}

variable "guards" {
  description = "The agent's guard list; the default takes over while the VPC's DNS resolver answers and the holder no longer serves on its home IP (peer-probe, port 80): lost heartbeats alone move nothing."
  type        = list(string)
  default     = ["reachability", "peer-probe"]
  validation {
    condition     = length(var.guards) >= 1 && alltrue([for g in var.guards : contains(["quorum", "reachability", "peer-probe", "ec2-instance-state"], g)])
    error_message = "guards must list some of quorum, reachability, peer-probe, ec2-instance-state, was ${jsonencode(var.guards)}."
  }
}

variable "guard_combine" {
  description = "guard.combine: any (one allowing guard suffices) or all."
  type        = string
  default     = "all"
  validation {
    condition     = contains(["any", "all"], var.guard_combine)
    error_message = "guard_combine must be any or all, was \"${var.guard_combine}\"."
  }
}

variable "health_check_http_uri" {
  description = "health.http.uri (HAProxy's monitor-uri); null = health.check none."
  type        = string
  default     = "http://127.0.0.1:8080/haproxy-health"
}

variable "os_device" {
  description = "provision.os-device: the Linux name of the primary ENI (ens5 on Nitro instances with Debian 12)."
  type        = string
  default     = "ens5"
}

variable "imds_hop_limit" {
  description = "IMDSv2 PUT response hop limit. The agent runs on the host: 1 suffices; raise it only if the agent runs in a container."
  type        = number
  default     = 1
  validation {
    condition     = var.imds_hop_limit >= 1 && var.imds_hop_limit <= 64
    error_message = "imds_hop_limit must be from 1 to 64, was ${var.imds_hop_limit}."
  }
}

variable "extra_agent_settings" {
  description = "More agent.properties keys (or overrides), e.g. { \"log.level\" = \"DEBUG\" }; the agent rejects unknown keys at start."
  type        = map(string)
  default     = {}
}

variable "haproxy_config" {
  description = "If set, cloud-init installs HAProxy with this haproxy.cfg (it must serve health_check_http_uri)."
  type        = string
  default     = null
}

variable "service_ports" {
  description = "TCP ports HAProxy serves on the EIPs, opened from service_cidr_blocks."
  type        = list(number)
  default     = [80, 443]
}

variable "service_cidr_blocks" {
  description = "Who may reach service_ports."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "ssh_cidr_blocks" {
  description = "Who may reach SSH (22); empty = nobody."
  type        = list(string)
  default     = []
}

variable "key_name" {
  description = "EC2 key pair for SSH; null = none."
  type        = string
  default     = null
}

variable "create_ec2_endpoint" {
  description = "Create an EC2 interface VPC endpoint so a node reaches the EC2 API whatever public IP it holds at the moment (a node whose EIP was moved away may have none). About 7-10 USD a month per AZ."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
