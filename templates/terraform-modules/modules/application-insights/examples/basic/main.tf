# A component storing a service's request telemetry in the workspace, reachable from the
# service's network through the workspace's Azure Monitor Private Link Scope, to which the
# service's managed identity may send.

provider "azurerm" {
  features {}
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "The log-analytics module's id output."
}

variable "monitor_private_link_scope_id" {
  type        = string
  description = "The log-analytics module's private_link_scope_id output."
}

variable "app_principal_id" {
  type        = string
  description = "Object ID of the service's managed identity (the app-service module's principal_id output)."
}

locals {
  tags = {
    "vitals-entity" = "component:default/appointments-service"
  }
}

resource "azurerm_resource_group" "example" {
  name     = "rg-appointments-monitoring"
  location = "eastus2"
  tags     = local.tags
}

module "application_insights" {
  source = "../.."

  name                 = "appi-appointments-eastus2"
  resource_group_name  = azurerm_resource_group.example.name
  location             = azurerm_resource_group.example.location
  workspace_id         = var.log_analytics_workspace_id
  monitor_private_link = { scope_id = var.monitor_private_link_scope_id }

  role_assignments = {
    app = {
      role_definition_name = "Monitoring Metrics Publisher"
      principal_id         = var.app_principal_id
    }
  }

  tags = local.tags
}

output "app_id" {
  value = module.application_insights.app_id
}

output "connection_string" {
  value     = module.application_insights.connection_string
  sensitive = true
}
