# Sends every log category and metric of an existing resource to the service's workspace.

provider "azurerm" {
  features {}
}

variable "target_resource_id" {
  type        = string
  description = "Resource whose logs are collected, e.g. a network security group."
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "The `id` output of the log-analytics module."
}

module "diagnostics" {
  source = "../.."

  target_resource_id         = var.target_resource_id
  log_analytics_workspace_id = var.log_analytics_workspace_id
  tags = {
    "vitals-entity" = "component:default/appointments-service"
  }
}

output "log_categories" {
  value = module.diagnostics.log_categories
}
