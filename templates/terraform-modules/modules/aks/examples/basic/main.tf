# A private cluster in the primary region, administered by one Entra ID group.

provider "azurerm" {
  features {}
}

variable "subnet_ids" {
  type        = map(string)
  description = "The network module's subnet_ids output (with aks-nodes)."
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "The log-analytics module's id output."
}

variable "monitor_private_link_scope_id" {
  type        = string
  description = "The log-analytics module's private_link_scope_id output."
}

variable "aks_admin_group_object_id" {
  type        = string
  description = "Object ID of the Entra ID group administering the cluster."
}

locals {
  tags = {
    "vitals-entity" = "component:default/appointments-service"
  }
}

resource "azurerm_resource_group" "example" {
  name     = "rg-appointments-aks-eastus2"
  location = "eastus2"
  tags     = local.tags
}

module "aks" {
  source = "../.."

  name                       = "aks-appointments-eus2"
  resource_group_name        = azurerm_resource_group.example.name
  location                   = azurerm_resource_group.example.location
  admin_group_object_ids     = [var.aks_admin_group_object_id]
  node_subnet_id             = var.subnet_ids["aks-nodes"]
  log_analytics_workspace_id = var.log_analytics_workspace_id
  monitor_private_link       = { scope_id = var.monitor_private_link_scope_id }

  user_node_pool = {
    vm_size   = "Standard_D8ds_v5"
    max_count = 6
  }

  tags = local.tags
}

output "private_fqdn" {
  value = module.aks.private_fqdn
}
