# Example root module: a two-node HAProxy pair with eip-failover in a new VPC across two AZs.
# Copy this folder, fill in terraform.tfvars (see terraform.tfvars.example) and run
# `terraform init && terraform apply` with AWS credentials. examples/deploy/README.md walks
# through it, with costs and how to destroy.

terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.40, < 6.0"
    }
  }
}

provider "aws" {
  region = var.region
}

module "cluster" {
  source = "../modules/eipfailover-cluster"

  cluster_name         = var.cluster_name
  node_count           = 2
  availability_zones   = ["${var.region}a", "${var.region}b"]
  instance_type        = var.instance_type
  ami_id               = var.ami_id
  eips_per_node        = 1
  strategy             = "home-with-failback"
  tolerated_failures   = 1
  heartbeat_transport  = "udp"
  agent_package_url    = var.agent_package_url
  agent_package_sha256 = var.agent_package_sha256
  cluster_key          = var.cluster_key
  haproxy_config       = file("${path.module}/../../haproxy.cfg")
  ssh_cidr_blocks      = var.ssh_cidr_blocks
  key_name             = var.key_name
  tags                 = { Project = var.cluster_name }
}
