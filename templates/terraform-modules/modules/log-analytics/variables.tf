variable "name" {
  type        = string
  description = "Name of the Log Analytics workspace (4-63 characters: letters, digits and hyphens)."

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$", var.name))
    error_message = "name must be 4-63 characters of letters, digits and hyphens, starting and ending with a letter or digit."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group that holds the workspace."
}

variable "location" {
  type        = string
  description = "Azure region of the workspace (programmatic name such as eastus2). Keep it in the service's primary region or a region of the same geography for data residency."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure programmatic region name such as eastus2 (lowercase letters and digits)."
  }
}

variable "retention_in_days" {
  type        = number
  description = "Interactive (analytics) retention for every table, 30-730 days. Data older than this and younger than total_retention_in_days stays in long-term retention for the tables listed in long_term_retention_tables."
  default     = 365

  validation {
    condition     = var.retention_in_days >= 30 && var.retention_in_days <= 730 && floor(var.retention_in_days) == var.retention_in_days
    error_message = "retention_in_days must be a whole number of days between 30 and 730 (the workspace maximum for interactive retention)."
  }
}

variable "total_retention_in_days" {
  type        = number
  description = "Total retention (interactive plus long-term) of the audit tables. HIPAA §164.316(b)(2)(i) requires six years; past two years Azure accepts only whole years: 2191 (6), 2556 (7), 2922 (8), 3288 (9), 3653 (10), 4018 (11) or 4383 (12)."
  default     = 2556

  validation {
    condition     = contains([2191, 2556, 2922, 3288, 3653, 4018, 4383], var.total_retention_in_days)
    error_message = "total_retention_in_days must be at least six years (2191 days) and one of 2191, 2556, 2922, 3288, 3653, 4018 or 4383, the only values above 730 that Azure accepts."
  }
}

variable "long_term_retention_tables" {
  type        = list(string)
  description = "Tables kept for total_retention_in_days: the audit trail of the services these modules create."
  default = [
    "AzureActivity",
    "AzureDiagnostics",
    "AKSAudit",
    "AKSAuditAdmin",
    "AKSControlPlane",
    "AppServiceAuditLogs",
    "AppServiceHTTPLogs",
    "AppServicePlatformLogs",
    "SQLSecurityAuditEvents",
    "StorageBlobLogs",
    "LAQueryLogs",
  ]

  validation {
    condition     = length(var.long_term_retention_tables) > 0
    error_message = "long_term_retention_tables must list at least one table; without one nothing is kept for six years."
  }
}

variable "daily_quota_gb" {
  type        = number
  description = "Daily ingestion cap in GB; -1 means no cap. A cap drops audit data once reached, so keep -1 for workspaces holding audit trails."
  default     = -1
}

variable "internet_ingestion_enabled" {
  type        = bool
  description = "Accept ingestion from public networks. Off by default (Azure Policy: Log Analytics workspaces should block log ingestion and querying from public networks)."
  default     = false
}

variable "internet_query_enabled" {
  type        = bool
  description = "Accept queries from public networks. Off by default; queries then go through the private link scope."
  default     = false
}

variable "private_link" {
  type = object({
    subnet_id            = string
    private_dns_zone_ids = list(string)
  })
  description = "Creates an Azure Monitor Private Link Scope with a private endpoint in subnet_id. private_dns_zone_ids must cover privatelink.monitor.azure.com, privatelink.oms.opinsights.azure.com, privatelink.ods.opinsights.azure.com, privatelink.agentsvc.azure-automation.net and privatelink.blob.core.windows.net (the network module creates them all)."
  default     = null
}

variable "archive_export" {
  type = object({
    storage_account_id = string
    table_names        = optional(list(string))
  })
  description = "Continuously exports tables (default: long_term_retention_tables) to a storage account, for an immutable copy outside the workspace. Null disables the export."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every taggable resource. Must include `vitals-entity` with the owning Backstage entity ref, for example `component:default/appointments-service`."

  validation {
    condition     = can(regex("^[A-Za-z]+:[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$", lookup(var.tags, "vitals-entity", "")))
    error_message = "tags must include vitals-entity = <kind>:<namespace>/<name>, the Backstage entity ref that owns these resources."
  }
}
