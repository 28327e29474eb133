# Routes a resource's platform logs and metrics to Log Analytics.
#
# HIPAA §164.312(b) (audit controls) asks for mechanisms that record and examine activity in
# systems holding ePHI. Every Azure service emits that activity as diagnostic log categories, but
# only once a diagnostic setting sends them somewhere; this module is the one place that does it.

# Categories differ per resource type and grow over time, so they are read from Azure rather than
# listed by hand: a new audit category is picked up on the next plan without a module release.
data "azurerm_monitor_diagnostic_categories" "target" {
  resource_id = var.target_resource_id
}

locals {
  log_categories    = var.log_categories != null ? var.log_categories : data.azurerm_monitor_diagnostic_categories.target.log_category_types
  metric_categories = var.metrics_enabled ? data.azurerm_monitor_diagnostic_categories.target.metrics : []
}

resource "azurerm_monitor_diagnostic_setting" "this" {
  name                           = var.name
  target_resource_id             = var.target_resource_id
  log_analytics_workspace_id     = var.log_analytics_workspace_id
  log_analytics_destination_type = var.log_analytics_destination_type

  dynamic "enabled_log" {
    for_each = toset(local.log_categories)
    content {
      category = enabled_log.value
    }
  }

  dynamic "enabled_metric" {
    for_each = toset(local.metric_categories)
    content {
      category = enabled_metric.value
    }
  }
}
