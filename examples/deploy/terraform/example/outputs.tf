output "dns_records" {
  description = "Publish these as A records of your service name."
  value       = module.cluster.dns_records
}

output "eips" {
  description = "The EIPs with their home nodes."
  value       = module.cluster.eips
}

output "nodes" {
  description = "The nodes: instance, ENIs, home and reserved IPs."
  value       = module.cluster.nodes
}
