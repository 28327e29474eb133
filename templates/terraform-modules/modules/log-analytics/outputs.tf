output "id" {
  description = "Azure resource ID of the workspace; pass it to diagnostic settings and the other modules' log_analytics_workspace_id."
  value       = azurerm_log_analytics_workspace.this.id
}

output "name" {
  description = "Name of the workspace."
  value       = azurerm_log_analytics_workspace.this.name
}

output "workspace_id" {
  description = "Workspace (customer) GUID used by agents and the query API."
  value       = azurerm_log_analytics_workspace.this.workspace_id
}

output "retention_in_days" {
  description = "Interactive retention of the workspace."
  value       = azurerm_log_analytics_workspace.this.retention_in_days
}

output "long_term_retention" {
  description = "Total retention in days per audit table."
  value       = { for name, table in azurerm_log_analytics_workspace_table.long_term : name => table.total_retention_in_days }
}

output "private_link_scope_id" {
  description = "ID of the Azure Monitor Private Link Scope, or null when private_link is not configured."
  value       = one(azurerm_monitor_private_link_scope.this[*].id)
}
