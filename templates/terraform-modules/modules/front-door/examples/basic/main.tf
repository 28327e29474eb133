# Active-passive Front Door in front of the eastus2 and centralus deployments of a web app,
# reaching both over Private Link.

provider "azurerm" {
  features {}
}

variable "app_ids" {
  type        = map(string)
  description = "id outputs of the app-service module, keyed primary and secondary."
}

variable "app_hostnames" {
  type        = map(string)
  description = "default_hostname outputs of the app-service module, keyed primary and secondary."
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
  name     = "rg-appointments-global"
  location = "eastus2"
  tags     = local.tags
}

module "front_door" {
  source = "../.."

  name                = "afd-appointments"
  resource_group_name = azurerm_resource_group.example.name
  location            = "eastus2"
  secondary_location  = "centralus"

  primary_origin = {
    host_name    = var.app_hostnames["primary"]
    private_link = { target_id = var.app_ids["primary"] }
  }
  secondary_origin = {
    host_name    = var.app_hostnames["secondary"]
    private_link = { target_id = var.app_ids["secondary"] }
  }

  custom_domains = {
    appointments = { host_name = "appointments.example.org" }
  }

  log_analytics_workspace_id = var.log_analytics_workspace_id
  tags                       = local.tags
}

output "endpoint_host_name" {
  value = module.front_door.endpoint_host_name
}
