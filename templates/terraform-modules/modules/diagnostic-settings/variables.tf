variable "name" {
  type        = string
  description = "Name of the diagnostic setting. A resource accepts at most five settings, so the name should say where the data goes."
  default     = "send-to-log-analytics"

  validation {
    condition     = can(regex("^[^*#&+:<>?]{1,260}$", var.name))
    error_message = "name must be 1-260 characters and must not contain * # & + : < > ?."
  }
}

variable "target_resource_id" {
  type        = string
  description = "Azure resource ID of the resource whose logs are collected (a Key Vault, a SQL database, a storage blob service, ...)."

  validation {
    condition     = can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/.+", var.target_resource_id))
    error_message = "target_resource_id must be a full Azure resource ID starting with /subscriptions/."
  }
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "Azure resource ID of the Log Analytics workspace receiving the logs (the `id` output of the log-analytics module)."

  validation {
    condition     = can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.OperationalInsights/workspaces/[^/]+$", var.log_analytics_workspace_id))
    error_message = "log_analytics_workspace_id must be the resource ID of a Microsoft.OperationalInsights/workspaces resource."
  }
}

variable "log_categories" {
  type        = list(string)
  description = "Log categories to send. Null (the default) sends every category the target emits, which is what the audit-controls check expects."
  default     = null

  validation {
    condition     = var.log_categories == null ? true : length(var.log_categories) > 0
    error_message = "log_categories must name at least one category, or be null to send every category the resource emits."
  }
}

variable "metrics_enabled" {
  type        = bool
  description = "Send the target's platform metrics as well as its logs."
  default     = true
}

variable "log_analytics_destination_type" {
  type        = string
  description = "`Dedicated` writes to resource-specific tables (AKSAudit, AzureBackupOperations, ...), `AzureDiagnostics` to the shared legacy table. Set it only for resource types that offer the choice (AKS, Recovery Services): the others accept the value, return null, and Terraform reports drift on every plan."
  default     = null

  validation {
    condition     = var.log_analytics_destination_type == null ? true : contains(["Dedicated", "AzureDiagnostics"], var.log_analytics_destination_type)
    error_message = "log_analytics_destination_type must be Dedicated, AzureDiagnostics or null."
  }
}

variable "tags" {
  type        = map(string)
  description = "Accepted for a uniform module interface. Diagnostic settings are extension resources and carry no tags of their own; they are found through their target, which carries the vitals-entity tag."
  default     = {}
}
