output "id" {
  description = "Resource ID of the Logic App workflow that runs the failover; the scope of its role assignments and lock."
  value       = azurerm_logic_app_workflow.this.id
}

output "name" {
  description = "Name of the workflow (its runs are in the workspace's AzureDiagnostics table under this resource)."
  value       = azurerm_logic_app_workflow.this.name
}

output "principal_id" {
  description = "Object ID of the workflow's system-assigned identity, which holds SQL Server Contributor on the secondary server and Reader on the watched databases."
  value       = azurerm_logic_app_workflow.this.identity[0].principal_id
}

output "action_group_id" {
  description = "Resource ID of the action group that starts the workflow and emails notify_emails. Attach it only to alerts meant to start a failover: whatever fires it runs the workflow."
  value       = azurerm_monitor_action_group.this.id
}

output "alert_id" {
  description = "Resource ID of the activity log alert on the watched databases' Resource Health."
  value       = azurerm_monitor_activity_log_alert.this.id
}
