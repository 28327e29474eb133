# One database replicated from eastus2 to its pair, centralus, sized for the standard DR tier
# (RTO 4 h, RPO 1 h).

provider "azurerm" {
  features {}
}

variable "private_endpoint_subnet_ids" {
  type        = map(string)
  description = "private_endpoint_subnet_id outputs of the network module, keyed primary and secondary."
}

variable "private_dns_zone_ids" {
  type        = map(string)
  description = "The primary network module's private_dns_zone_ids output."
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "The log-analytics module's id output."
}

variable "sql_admin_group_object_id" {
  type        = string
  description = "Object ID of the Entra ID group administering the servers."
}

locals {
  tags = {
    "vitals-entity" = "component:default/appointments-service"
  }
}

resource "azurerm_resource_group" "example" {
  name     = "rg-appointments-data"
  location = "eastus2"
  tags     = local.tags
}

module "sql" {
  source = "../.."

  name                = "sql-appointments-eus2"
  secondary_name      = "sql-appointments-cus"
  failover_group_name = "sql-appointments"
  resource_group_name = azurerm_resource_group.example.name
  location            = "eastus2"
  secondary_location  = "centralus"

  entra_admin = {
    login_username = "sql-admins-appointments"
    object_id      = var.sql_admin_group_object_id
  }

  databases = {
    appointments = {
      sku_name    = "GP_Gen5_2"
      max_size_gb = 64
    }
  }

  rpo_minutes = 60
  rto_minutes = 240

  private_endpoint_subnet_id           = var.private_endpoint_subnet_ids["primary"]
  secondary_private_endpoint_subnet_id = var.private_endpoint_subnet_ids["secondary"]
  private_dns_zone_id                  = var.private_dns_zone_ids["privatelink.database.windows.net"]
  log_analytics_workspace_id           = var.log_analytics_workspace_id

  tags = local.tags
}

output "read_write_listener" {
  value = module.sql.read_write_listener
}
