# Automated failover for a critical-tier service (RTO 15 minutes, shorter than Azure's 60-minute
# automatic-failover grace period): when Resource Health reports the primary database in eastus2
# Unavailable, a workflow in centralus waits five minutes, looks again and, if it is still down,
# fails the group over to centralus and the on-call list is emailed.

provider "azurerm" {
  features {}
}

variable "secondary_server_id" {
  type        = string
  description = "The sql module's secondary_server_id output."
}

variable "primary_database_ids" {
  type        = map(string)
  description = "The sql module's database_ids output."
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "The log-analytics module's id output."
}

variable "oncall_group_object_id" {
  type        = string
  description = "Object ID of the on-call team's Entra ID group."
}

locals {
  tags = {
    "vitals-entity" = "component:default/appointments-service"
  }
}

# In the secondary region, like the workflow: Resource Manager serves a resource group's metadata
# from the group's region.
resource "azurerm_resource_group" "example" {
  name     = "rg-appointments-dr-centralus"
  location = "centralus"
  tags     = local.tags
}

module "sql_failover_automation" {
  source = "../.."

  name                = "logic-appointments-sql-failover"
  resource_group_name = azurerm_resource_group.example.name
  location            = azurerm_resource_group.example.location
  primary_location    = "eastus2"

  failover_group = {
    name                = "sql-appointments"
    secondary_server_id = var.secondary_server_id
  }
  watched_resource_ids = values(var.primary_database_ids)

  confirmation_minutes = 5
  rto_minutes          = 15
  notify_emails        = ["oncall-appointments@example.com"]

  log_analytics_workspace_id = var.log_analytics_workspace_id

  role_assignments = {
    oncall = {
      role_definition_name = "Logic App Operator"
      principal_id         = var.oncall_group_object_id
      principal_type       = "Group"
    }
  }

  lock = { kind = "CanNotDelete" }

  tags = local.tags
}

output "workflow_id" {
  value = module.sql_failover_automation.id
}

output "workflow_principal_id" {
  value = module.sql_failover_automation.principal_id
}

output "alert_id" {
  value = module.sql_failover_automation.alert_id
}
