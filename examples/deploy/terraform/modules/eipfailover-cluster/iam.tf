# The nodes' instance role. Its only policy is the aws module's least-privilege policy, read from
# examples/deploy/iam-policy.json (a copy of aws/src/main/resources/io/eipfailover/aws/
# iam-policy.json that DeployFilesTest keeps equal) with CLUSTER_NAME replaced: never copied here.

locals {
  iam_policy_file = "${path.module}/../../../iam-policy.json"
  iam_policy      = jsondecode(replace(file(local.iam_policy_file), "CLUSTER_NAME", var.cluster_name))
}

resource "aws_iam_role" "node" {
  name = "${var.cluster_name}-eipfailover-node"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "agent" {
  name   = "eipfailover-agent"
  role   = aws_iam_role.node.id
  policy = jsonencode(local.iam_policy)
}

resource "aws_iam_instance_profile" "node" {
  name = "${var.cluster_name}-eipfailover-node"
  role = aws_iam_role.node.name
  tags = var.tags
}
