output "id" {
  description = "Resource ID of the web app; the private_link_target_id of a Front Door origin."
  value       = azurerm_linux_web_app.this.id
}

output "name" {
  description = "Name of the web app."
  value       = azurerm_linux_web_app.this.name
}

output "default_hostname" {
  description = "Default host name (<name>.azurewebsites.net); the host_name of a Front Door origin."
  value       = azurerm_linux_web_app.this.default_hostname
}

output "principal_id" {
  description = "Object ID of the app's system-assigned identity, for Key Vault, SQL and storage role assignments."
  value       = azurerm_linux_web_app.this.identity[0].principal_id
}

output "service_plan_id" {
  description = "Resource ID of the App Service plan."
  value       = azurerm_service_plan.this.id
}

output "private_endpoint_id" {
  description = "Resource ID of the app's private endpoint."
  value       = azurerm_private_endpoint.this.id
}
