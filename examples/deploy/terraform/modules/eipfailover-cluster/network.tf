# The VPC, one public subnet per AZ with a route to the internet (the nodes download the agent
# package at boot and serve on their EIPs), and the EC2 interface endpoint that keeps the agent's
# EC2 API calls working on a node without a public IP. With existing_vpc nothing here is created
# but the endpoint.

locals {
  create_vpc = var.existing_vpc == null
  vpc_id     = local.create_vpc ? aws_vpc.this[0].id : var.existing_vpc.id
  vpc_cidr   = local.create_vpc ? var.vpc_cidr : var.existing_vpc.cidr_block
  subnets = local.create_vpc ? [
    for i, az in var.availability_zones : {
      id                = aws_subnet.this[i].id
      cidr_block        = aws_subnet.this[i].cidr_block
      availability_zone = az
    }
  ] : var.existing_vpc.subnets
  # The Amazon-provided DNS resolver (VPC base + 2) answers TCP 53 in every subnet: the
  # reachability guard's default target (the router at base + 1 does not answer TCP).
  resolver_ip = cidrhost(local.vpc_cidr, 2)
}

resource "aws_vpc" "this" {
  count                = local.create_vpc ? 1 : 0
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(var.tags, { Name = var.cluster_name })
}

resource "aws_internet_gateway" "this" {
  count  = local.create_vpc ? 1 : 0
  vpc_id = aws_vpc.this[0].id
  tags   = merge(var.tags, { Name = var.cluster_name })
}

resource "aws_subnet" "this" {
  count             = local.create_vpc ? length(var.availability_zones) : 0
  vpc_id            = aws_vpc.this[0].id
  availability_zone = var.availability_zones[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 24 - tonumber(split("/", var.vpc_cidr)[1]), count.index)
  tags              = merge(var.tags, { Name = "${var.cluster_name}-${var.availability_zones[count.index]}" })
}

resource "aws_route_table" "public" {
  count  = local.create_vpc ? 1 : 0
  vpc_id = aws_vpc.this[0].id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this[0].id
  }
  tags = merge(var.tags, { Name = "${var.cluster_name}-public" })
}

resource "aws_route_table_association" "public" {
  count          = local.create_vpc ? length(var.availability_zones) : 0
  subnet_id      = aws_subnet.this[count.index].id
  route_table_id = aws_route_table.public[0].id
}

data "aws_region" "current" {}

resource "aws_vpc_endpoint" "ec2" {
  count               = var.create_ec2_endpoint ? 1 : 0
  vpc_id              = local.vpc_id
  service_name        = "com.amazonaws.${data.aws_region.current.name}.ec2"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = distinct([for s in local.subnets : s.id])
  security_group_ids  = [aws_security_group.endpoint[0].id]
  tags                = merge(var.tags, { Name = "${var.cluster_name}-ec2" })
}
