output "resource_group_name" {
  description = "Resource group of the primary region."
  value       = azurerm_resource_group.this.name
}

output "log_analytics_workspace_id" {
  description = "The workspace every resource of the service sends its logs to."
  value       = module.log_analytics.id
}

output "key_vault_uri" {
  description = "Data-plane URI of the service's Key Vault."
  value       = module.key_vault.vault_uri
}

output "workload_identity_client_ids" {
  description = "Client IDs of the workload identities, keyed primary and secondary."
  value       = { for role, identity in azurerm_user_assigned_identity.workload : role => identity.client_id }
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
  description = "Default host name of the primary web app (reachable through its private endpoint and Front Door only)."
  value       = module.app_service.default_hostname
}
{% else %}
output "aks_private_fqdn" {
  description = "Private FQDN of the primary cluster's API server."
  value       = module.aks.private_fqdn
}
{% endif -%}
