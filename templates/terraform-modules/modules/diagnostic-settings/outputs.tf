output "id" {
  description = "Resource ID of the diagnostic setting."
  value       = azurerm_monitor_diagnostic_setting.this.id
}

output "log_categories" {
  description = "Log categories the setting sends."
  value       = local.log_categories
}

output "metric_categories" {
  description = "Metric categories the setting sends."
  value       = local.metric_categories
}
