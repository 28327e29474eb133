# Priority failover between the public IPs of two regional Application Gateways.

provider "azurerm" {
  features {}
}

variable "gateway_public_ip_ids" {
  type        = map(string)
  description = "Resource IDs of the gateways' public IPs (each with a DNS label), keyed primary and secondary."
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

module "traffic_manager" {
  source = "../.."

  name                = "tm-appointments"
  resource_group_name = azurerm_resource_group.example.name
  location            = "eastus2"
  secondary_location  = "centralus"

  primary_endpoint = {
    type   = "azure"
    target = var.gateway_public_ip_ids["primary"]
  }
  secondary_endpoint = {
    type   = "azure"
    target = var.gateway_public_ip_ids["secondary"]
  }

  monitor_host_header        = "appointments.example.org"
  log_analytics_workspace_id = var.log_analytics_workspace_id
  tags                       = local.tags
}

output "fqdn" {
  value = module.traffic_manager.fqdn
}
