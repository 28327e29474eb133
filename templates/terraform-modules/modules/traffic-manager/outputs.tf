output "id" {
  description = "Resource ID of the Traffic Manager profile."
  value       = azurerm_traffic_manager_profile.this.id
}

output "fqdn" {
  description = "DNS name clients resolve (<dns_relative_name>.trafficmanager.net); CNAME the service's host name to it."
  value       = azurerm_traffic_manager_profile.this.fqdn
}

output "endpoint_ids" {
  description = "Endpoint resource IDs keyed primary and secondary."
  value = merge(
    { for key, endpoint in azurerm_traffic_manager_azure_endpoint.this : key => endpoint.id },
    { for key, endpoint in azurerm_traffic_manager_external_endpoint.this : key => endpoint.id },
  )
}
