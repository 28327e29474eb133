output "id" {
  description = "Resource ID of the component; the scope of its role assignments."
  value       = azurerm_application_insights.this.id
}

output "name" {
  description = "Name of the component."
  value       = azurerm_application_insights.this.name
}

output "app_id" {
  description = "Application ID of the component (a GUID), used by the Application Insights query API."
  value       = azurerm_application_insights.this.app_id
}

output "connection_string" {
  description = "Connection string services set as APPLICATIONINSIGHTS_CONNECTION_STRING. With local authentication disabled it identifies the component and its ingestion endpoint and is not a credential: telemetry is accepted only with an Entra ID token of an identity holding Monitoring Metrics Publisher. Sensitive because the provider marks it so."
  value       = azurerm_application_insights.this.connection_string
  sensitive   = true
}
