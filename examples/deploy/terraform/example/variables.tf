variable "region" {
  description = "AWS Region, e.g. eu-west-1; the nodes go to its zones a and b."
  type        = string
}

variable "cluster_name" {
  description = "Cluster name (eipfailover:cluster tag value)."
  type        = string
  default     = "web-lb"
}

variable "instance_type" {
  description = "Node instance type."
  type        = string
  default     = "t3.small"
}

variable "ami_id" {
  description = "A Debian 12 AMI of the Region (see README: aws ec2 describe-images)."
  type        = string
}

variable "agent_package_url" {
  description = "https URL of eipfailover-agent_<version>_all.deb."
  type        = string
}

variable "agent_package_sha256" {
  description = "SHA-256 of that package (sha256sum)."
  type        = string
}

variable "cluster_key" {
  description = "Heartbeat secret, e.g. from `openssl rand -hex 32`. Keep it out of version control (TF_VAR_cluster_key)."
  type        = string
  sensitive   = true
}

variable "ssh_cidr_blocks" {
  description = "Who may SSH to the nodes; empty = nobody."
  type        = list(string)
  default     = []
}

variable "key_name" {
  description = "EC2 key pair for SSH; null = none."
  type        = string
  default     = null
}
