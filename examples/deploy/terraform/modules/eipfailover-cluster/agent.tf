# The agent's configuration (tag discovery: every node gets the same file apart from the subnet's
# prefix length) and the cloud-init user data that installs the package and writes it.
# TerraformRenderedAgentTest feeds the rendered file to the agent's own parser and `ports` verb.

locals {
  key_file = "/etc/eipfailover/keys/cluster.key"
  agent_settings = {
    for name, n in local.nodes : name => merge(
      {
        "cluster.name"                = var.cluster_name
        "node.id"                     = "discover"
        "topology.source"             = "tags"
        "membership.type"             = var.heartbeat_transport
        "membership.port"             = tostring(local.heartbeat_port)
        "membership.key-file"         = local.key_file
        "strategy"                    = var.strategy
        "failover.tolerated-failures" = tostring(var.tolerated_failures)
        "guard"                       = join(",", var.guards)
        "health.check"                = var.health_check_http_uri == null ? "none" : "http"
        "provision.os-addresses"      = "true"
        "provision.os-device"         = var.os_device
        "provision.os-prefix-length"  = split("/", n.subnet.cidr_block)[1]
      },
      var.strategy == "sticky" ? {} : { "strategy.failback-delay" = var.failback_delay },
      length(var.guards) > 1 ? { "guard.combine" = var.guard_combine } : {},
      contains(var.guards, "reachability") ? { "guard.reachability.targets" = "${local.resolver_ip}:53" } : {},
      var.health_check_http_uri == null ? {} : { "health.http.uri" = var.health_check_http_uri },
      var.extra_agent_settings,
    )
  }
  agent_config = {
    for name, s in local.agent_settings : name => join("", concat(
      ["# Written by Terraform (module eipfailover-cluster) for cluster ${var.cluster_name}.\n",
      "# Keys: examples/README.md, \"Configuration reference\".\n"],
      [for k in sort(keys(s)) : "${k} = ${s[k]}\n"],
    ))
  }
  user_data = {
    for name, config in local.agent_config : name => templatefile("${path.module}/templates/cloud-init.yaml.tftpl", {
      agent_config   = config
      key_line       = "1 ${var.cluster_key}"
      key_file       = local.key_file
      package_url    = var.agent_package_url
      package_sha256 = var.agent_package_sha256
      haproxy_config = var.haproxy_config
    })
  }
}
