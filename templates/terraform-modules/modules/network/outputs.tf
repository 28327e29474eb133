output "virtual_network_id" {
  description = "Resource ID of the virtual network."
  value       = azurerm_virtual_network.this.id
}

output "virtual_network_name" {
  description = "Name of the virtual network."
  value       = azurerm_virtual_network.this.name
}

output "subnet_ids" {
  description = "Subnet resource IDs keyed like var.subnets, plus private-endpoints."
  value       = { for key, subnet in azurerm_subnet.this : key => subnet.id }
}

output "private_endpoint_subnet_id" {
  description = "Resource ID of the subnet for private endpoints; the private_endpoint_subnet_id input of the service modules."
  value       = azurerm_subnet.this[local.private_endpoint_subnet_key].id
}

output "network_security_group_ids" {
  description = "Network security group IDs keyed like subnet_ids."
  value       = { for key, nsg in azurerm_network_security_group.this : key => nsg.id }
}

output "private_dns_zone_ids" {
  description = "Private DNS zone IDs keyed by zone name: the zones created here and the linked ones. Feed it to the secondary region's linked_private_dns_zone_ids and pick entries for the service modules."
  value       = local.private_dns_zone_ids
}
