# The primary-region deployment of a Node.js service.

provider "azurerm" {
  features {}
}

variable "subnet_ids" {
  type        = map(string)
  description = "The network module's subnet_ids output (with app-integration and private-endpoints)."
}

variable "private_dns_zone_ids" {
  type        = map(string)
  description = "The network module's private_dns_zone_ids output."
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

module "app_service" {
  source = "../.."

  name                = "app-appointments-eus2"
  resource_group_name = azurerm_resource_group.example.name
  location            = azurerm_resource_group.example.location

  application_stack = {
    node_version = "20-lts"
  }
  app_settings = {
    "DB_SECRET" = "@Microsoft.KeyVault(SecretUri=https://kv-appointments-eus2.vault.azure.net/secrets/db-connection/)"
  }

  integration_subnet_id      = var.subnet_ids["app-integration"]
  private_endpoint_subnet_id = var.subnet_ids["private-endpoints"]
  private_dns_zone_id        = var.private_dns_zone_ids["privatelink.azurewebsites.net"]
  log_analytics_workspace_id = var.log_analytics_workspace_id

  tags = local.tags
}

output "default_hostname" {
  value = module.app_service.default_hostname
}
