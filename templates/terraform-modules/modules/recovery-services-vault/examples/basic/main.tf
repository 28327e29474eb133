# A geo-redundant vault with cross-region restore for the eastus2 workloads.

provider "azurerm" {
  features {}
}

variable "private_endpoint_subnet_id" {
  type        = string
  description = "The network module's private_endpoint_subnet_id output."
}

variable "private_dns_zone_ids" {
  type        = map(string)
  description = "The network module's private_dns_zone_ids output, created with privatelink.eus2.backup.windowsazure.com added to its private_dns_zone_names."
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "The log-analytics module's id output."
}

locals {
  tags = {
    "vitals-entity" = "component:default/appointments-service"
  }
}

resource "azurerm_resource_group" "example" {
  name     = "rg-appointments-eastus2"
  location = "eastus2"
  tags     = local.tags
}

module "recovery_services_vault" {
  source = "../.."

  name                       = "rsv-appointments-eus2"
  resource_group_name        = azurerm_resource_group.example.name
  location                   = azurerm_resource_group.example.location
  private_endpoint_subnet_id = var.private_endpoint_subnet_id
  private_dns_zone_ids = [
    var.private_dns_zone_ids["privatelink.eus2.backup.windowsazure.com"],
    var.private_dns_zone_ids["privatelink.blob.core.windows.net"],
    var.private_dns_zone_ids["privatelink.queue.core.windows.net"],
  ]
  log_analytics_workspace_id = var.log_analytics_workspace_id

  backup_policy = {
    time                   = "02:00"
    yearly_retention_years = 7
  }

  tags = local.tags
}

output "vm_backup_policy_id" {
  value = module.recovery_services_vault.vm_backup_policy_id
}
