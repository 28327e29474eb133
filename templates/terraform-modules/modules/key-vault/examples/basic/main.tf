# A vault whose secrets the service's managed identity can read.

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

variable "log_analytics_workspace_id" {
  type        = string
  description = "The log-analytics module's id output."
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
  name     = "rg-appointments-eastus2"
  location = "eastus2"
  tags     = local.tags
}

module "key_vault" {
  source = "../.."

  name                       = "kv-appointments-eus2"
  resource_group_name        = azurerm_resource_group.example.name
  location                   = azurerm_resource_group.example.location
  private_endpoint_subnet_id = var.private_endpoint_subnet_id
  private_dns_zone_id        = var.private_dns_zone_ids["privatelink.vaultcore.azure.net"]
  log_analytics_workspace_id = var.log_analytics_workspace_id

  role_assignments = {
    app = {
      role_definition_name = "Key Vault Secrets User"
      principal_id         = var.app_principal_id
    }
  }

  tags = local.tags
}

output "vault_uri" {
  value = module.key_vault.vault_uri
}
