variable "name" {
  type        = string
  description = "Globally unique storage account name: 3-24 lowercase letters and digits."

  validation {
    condition     = can(regex("^[a-z0-9]{3,24}$", var.name))
    error_message = "name must be 3-24 lowercase letters and digits."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group that holds the account and its private endpoints."
}

variable "location" {
  type        = string
  description = "Primary Azure region of the account (programmatic name such as eastus2). Geo-redundant replication copies the data to the region's pair."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure programmatic region name such as eastus2 (lowercase letters and digits)."
  }
}

variable "account_replication_type" {
  type        = string
  description = "Replication: RAGZRS (default: three zones in the primary region, a readable copy in the paired region), GZRS, RAGRS or GRS. Locally and zone-redundant options are refused because they lose the data with the region."
  default     = "RAGZRS"

  validation {
    condition     = contains(["GRS", "RAGRS", "GZRS", "RAGZRS"], var.account_replication_type)
    error_message = "account_replication_type must be geo-redundant: GRS, RAGRS, GZRS or RAGZRS."
  }
}

variable "soft_delete_retention_days" {
  type        = number
  description = "Days a deleted blob or container stays recoverable (1-365)."
  default     = 35

  validation {
    condition     = var.soft_delete_retention_days >= 7 && var.soft_delete_retention_days <= 365
    error_message = "soft_delete_retention_days must be between 7 and 365; below a week an accidental deletion is often noticed too late."
  }
}

variable "change_feed_retention_days" {
  type        = number
  description = "Days the blob change feed (the ordered log of every create, update and delete) is kept. Null keeps it forever."
  default     = null

  validation {
    condition     = var.change_feed_retention_days == null ? true : var.change_feed_retention_days >= 1 && var.change_feed_retention_days <= 146000
    error_message = "change_feed_retention_days must be between 1 and 146000, or null."
  }
}

variable "role_assignments" {
  type = map(object({
    role_definition_name = string
    principal_id         = string
    principal_type       = optional(string, "ServicePrincipal")
  }))
  description = "Data-plane role assignments on the account (shared keys are disabled, so every reader and writer needs one), e.g. { app = { role_definition_name = \"Storage Blob Data Contributor\", principal_id = <managed identity object ID> } }."
  default     = {}

  validation {
    condition     = alltrue([for assignment in values(var.role_assignments) : contains(["User", "Group", "ServicePrincipal"], assignment.principal_type)])
    error_message = "principal_type must be User, Group or ServicePrincipal."
  }
}

variable "private_endpoint_subnet_id" {
  type        = string
  description = "Subnet for the account's private endpoints (the network module's private_endpoint_subnet_id output)."
}

variable "private_dns_zone_ids" {
  type        = map(string)
  description = "One private endpoint per entry: storage sub-resource (blob, file, queue, table, dfs, web) to the ID of its privatelink.<sub-resource>.core.windows.net zone. Defaults to nothing, so at least blob must be given."

  validation {
    condition     = length(var.private_dns_zone_ids) > 0 && alltrue([for subresource in keys(var.private_dns_zone_ids) : contains(["blob", "file", "queue", "table", "dfs", "web"], subresource)])
    error_message = "private_dns_zone_ids needs at least one entry, keyed by blob, file, queue, table, dfs or web."
  }
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "Log Analytics workspace receiving the data services' read, write and delete logs and the account's metrics."
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every taggable resource. Must include `vitals-entity` with the owning Backstage entity ref, for example `component:default/appointments-service`."

  validation {
    condition     = can(regex("^[A-Za-z]+:[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$", lookup(var.tags, "vitals-entity", "")))
    error_message = "tags must include vitals-entity = <kind>:<namespace>/<name>, the Backstage entity ref that owns these resources."
  }
}
