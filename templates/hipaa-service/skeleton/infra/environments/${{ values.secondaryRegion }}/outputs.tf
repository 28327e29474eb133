output "resource_group_name" {
  description = "Resource group of the secondary region."
  value       = azurerm_resource_group.this.name
}

output "virtual_network_id" {
  description = "The secondary network, peered with the primary."
  value       = module.network.virtual_network_id
}
output "application_insights_id" {
  description = "The region's Application Insights component."
  value       = module.application_insights.id
}

output "application_insights_connection_string" {
  description = "Where the service in this region sends telemetry; AKS deployments read it from the telemetry ConfigMap (docs/infrastructure.md)."
  value       = module.application_insights.connection_string
  sensitive   = true
}
{% if values.hosting == 'app-service' %}
output "web_app_default_hostname" {
  description = "Default host name of the secondary web app (reachable through its private endpoint and Front Door only)."
  value       = module.app_service.default_hostname
}
{% else %}
output "aks_private_fqdn" {
  description = "Private FQDN of the secondary cluster's API server."
  value       = module.aks.private_fqdn
}
{% endif -%}
