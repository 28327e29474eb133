# A workspace keeping one year hot and seven years in total for the audit tables, reachable
# from the service's network through an Azure Monitor Private Link Scope.

provider "azurerm" {
  features {}
}

variable "private_endpoint_subnet_id" {
  type        = string
  description = "The network module's private_endpoint_subnet_id output."
}

variable "private_dns_zone_ids" {
  type        = map(string)
  description = "The network module's private_dns_zone_ids output."
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

module "log_analytics" {
  source = "../.."

  name                    = "log-appointments-eastus2"
  resource_group_name     = azurerm_resource_group.example.name
  location                = azurerm_resource_group.example.location
  retention_in_days       = 365
  total_retention_in_days = 2556

  private_link = {
    subnet_id = var.private_endpoint_subnet_id
    private_dns_zone_ids = [
      var.private_dns_zone_ids["privatelink.monitor.azure.com"],
      var.private_dns_zone_ids["privatelink.oms.opinsights.azure.com"],
      var.private_dns_zone_ids["privatelink.ods.opinsights.azure.com"],
      var.private_dns_zone_ids["privatelink.agentsvc.azure-automation.net"],
      var.private_dns_zone_ids["privatelink.blob.core.windows.net"],
    ]
  }

  tags = local.tags
}

output "workspace_id" {
  value = module.log_analytics.id
}

output "private_link_scope_id" {
  value = module.log_analytics.private_link_scope_id
}
