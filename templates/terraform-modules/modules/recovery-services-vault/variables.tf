variable "name" {
  type        = string
  description = "Name of the vault (2-50 letters, digits and hyphens, starting with a letter)."

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9-]{1,49}$", var.name))
    error_message = "name must be 2-50 letters, digits and hyphens, starting with a letter."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group for the vault, its policy and its private endpoint."
}

variable "location" {
  type        = string
  description = "Region of the vault (programmatic name such as eastus2); it must be the region of the workloads it protects. Backups are replicated to, and restorable in, the paired region."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure programmatic region name such as eastus2 (lowercase letters and digits)."
  }
}

variable "immutability" {
  type        = string
  description = "Unlocked (default) blocks deleting recovery points before they expire but can still be turned off; Locked makes that irreversible. Disabled is refused."
  default     = "Unlocked"

  validation {
    condition     = contains(["Unlocked", "Locked"], var.immutability)
    error_message = "immutability must be Unlocked or Locked."
  }
}

variable "backup_policy" {
  type = object({
    time                     = optional(string, "23:00")
    timezone                 = optional(string, "UTC")
    daily_retention_days     = optional(number, 30)
    weekly_retention_weeks   = optional(number, 12)
    monthly_retention_months = optional(number, 12)
    yearly_retention_years   = optional(number, 6)
  })
  description = "Daily VM backup policy (Enhanced, V2): backup time and time zone, and how long daily, weekly (Sunday), monthly (first Sunday) and yearly (first Sunday of January) recovery points are kept."
  default     = {}

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):(00|30)$", var.backup_policy.time))
    error_message = "backup_policy.time must be HH:00 or HH:30 (24-hour clock)."
  }

  validation {
    condition     = var.backup_policy.daily_retention_days >= 7 && var.backup_policy.daily_retention_days <= 9999
    error_message = "backup_policy.daily_retention_days must be between 7 and 9999."
  }

  validation {
    condition     = var.backup_policy.yearly_retention_years >= 6 && var.backup_policy.yearly_retention_years <= 99
    error_message = "backup_policy.yearly_retention_years must be at least 6 (HIPAA six-year retention) and at most 99."
  }
}

variable "private_endpoint_subnet_id" {
  type        = string
  description = "Subnet for the vault's private endpoint (the network module's private_endpoint_subnet_id output)."
}

variable "private_dns_zone_ids" {
  type        = list(string)
  description = "Private DNS zones of the AzureBackup sub-resource: privatelink.<geo code>.backup.windowsazure.com for the vault's region, privatelink.blob.core.windows.net and privatelink.queue.core.windows.net."

  validation {
    condition     = anytrue([for id in var.private_dns_zone_ids : can(regex("(?i)/privateDnsZones/privatelink\\.[a-z0-9]+\\.backup\\.windowsazure\\.com$", id))])
    error_message = "private_dns_zone_ids must include the region's privatelink.<geo code>.backup.windowsazure.com zone."
  }
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "Log Analytics workspace receiving backup job, restore and policy events."
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every taggable resource. Must include `vitals-entity` with the owning Backstage entity ref, for example `component:default/appointments-service`."

  validation {
    condition     = can(regex("^[A-Za-z]+:[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$", lookup(var.tags, "vitals-entity", "")))
    error_message = "tags must include vitals-entity = <kind>:<namespace>/<name>, the Backstage entity ref that owns these resources."
  }
}
