# A read-access geo-zone-redundant account with a blob private endpoint, writable by the service.

provider "azurerm" {
  features {}
  # Account keys are disabled, so the provider must reach the data plane with Entra ID.
  storage_use_azuread = true
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
  description = "Object ID of the service's managed identity."
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

module "storage" {
  source = "../.."

  name                       = "stappointmentseus2"
  resource_group_name        = azurerm_resource_group.example.name
  location                   = azurerm_resource_group.example.location
  private_endpoint_subnet_id = var.private_endpoint_subnet_id
  private_dns_zone_ids = {
    blob = var.private_dns_zone_ids["privatelink.blob.core.windows.net"]
  }
  log_analytics_workspace_id = var.log_analytics_workspace_id

  role_assignments = {
    app = {
      role_definition_name = "Storage Blob Data Contributor"
      principal_id         = var.app_principal_id
    }
  }

  tags = local.tags
}

output "primary_blob_endpoint" {
  value = module.storage.primary_blob_endpoint
}
