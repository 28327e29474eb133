variable "name" {
  type        = string
  description = "Name of the Application Insights component (1-260 characters: letters, digits, hyphens, underscores, periods and parentheses, not ending with a period)."

  validation {
    condition     = can(regex("^[A-Za-z0-9_.()-]{0,259}[A-Za-z0-9_()-]$", var.name))
    error_message = "name must be 1-260 characters of letters, digits, hyphens, underscores, periods and parentheses, and must not end with a period."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group that holds the component."
}

variable "location" {
  type        = string
  description = "Azure region of the component (programmatic name such as eastus2). Keep it in the region of the workspace, or one of the same geography, for data residency."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure programmatic region name such as eastus2 (lowercase letters and digits)."
  }
}

variable "workspace_id" {
  type        = string
  description = "Azure resource ID of the Log Analytics workspace the telemetry is stored in (the `id` output of the log-analytics module). Its AppRequests table is what the Vitals SLO plugin queries."

  validation {
    condition     = can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.OperationalInsights/workspaces/[^/]+$", var.workspace_id))
    error_message = "workspace_id must be the resource ID of a Microsoft.OperationalInsights/workspaces resource."
  }
}

variable "internet_ingestion_enabled" {
  type        = bool
  description = "Accept telemetry from public networks. Off by default, as on the workspace; services then send through the private link scope (monitor_private_link)."
  default     = false
}

variable "internet_query_enabled" {
  type        = bool
  description = "Accept queries through the component from public networks. Off by default, as on the workspace; queries then go through the private link scope."
  default     = false
}

variable "monitor_private_link" {
  type = object({
    scope_id = string
  })
  description = "Azure Monitor Private Link Scope to join (the log-analytics module's private_link_scope_id output). Needed when the scope accepts ingestion in PrivateOnly mode, as the log-analytics module's does: otherwise telemetry from the network is refused."
  default     = null

  validation {
    condition     = var.monitor_private_link == null ? true : can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Insights/privateLinkScopes/[^/]+$", var.monitor_private_link.scope_id))
    error_message = "monitor_private_link.scope_id must be a Microsoft.Insights/privateLinkScopes resource ID."
  }
}

variable "role_assignments" {
  type = map(object({
    role_definition_name = string
    principal_id         = string
    principal_type       = optional(string, "ServicePrincipal")
  }))
  description = "Role assignments on the component, keyed by a stable label. Local authentication is disabled, so every identity that sends telemetry needs Monitoring Metrics Publisher, e.g. { app = { role_definition_name = \"Monitoring Metrics Publisher\", principal_id = <managed identity object ID> } }."
  default     = {}

  validation {
    condition     = alltrue([for assignment in values(var.role_assignments) : contains(["User", "Group", "ServicePrincipal"], assignment.principal_type)])
    error_message = "principal_type must be User, Group or ServicePrincipal."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every taggable resource. Must include `vitals-entity` with the owning Backstage entity ref, for example `component:default/appointments-service`."

  validation {
    condition     = can(regex("^[A-Za-z]+:[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$", lookup(var.tags, "vitals-entity", "")))
    error_message = "tags must include vitals-entity = <kind>:<namespace>/<name>, the Backstage entity ref that owns these resources."
  }
}
