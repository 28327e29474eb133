variable "name" {
  type        = string
  description = "Name of the Logic App workflow that runs the failover (1-80 letters, digits, hyphens, underscores, periods and parentheses). The action group and the alert are named after it (ag-<name>, alert-<name>)."

  validation {
    condition     = can(regex("^[A-Za-z0-9_.()-]{1,80}$", var.name))
    error_message = "name must be 1-80 characters of letters, digits, hyphens, underscores, periods and parentheses."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group that holds the workflow, the action group and the alert. Keep it in the secondary region: Resource Manager serves a resource group's metadata from the group's region."
}

variable "location" {
  type        = string
  description = "Azure region of the workflow: the failover group's SECONDARY region (programmatic name such as centralus), so the automation survives the loss of the primary region it acts on."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure programmatic region name such as centralus (lowercase letters and digits)."
  }
}

variable "primary_location" {
  type        = string
  description = "Region of the failover group's primary server (the sql module's location). The workflow refuses to be placed there."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.primary_location))
    error_message = "primary_location must be an Azure programmatic region name such as eastus2 (lowercase letters and digits)."
  }
}

variable "failover_group" {
  type = object({
    name                = string
    secondary_server_id = string
  })
  description = "The failover group to fail over: its name (the sql module's failover_group_name) and the resource ID of its secondary server (the sql module's secondary_server_id output), which is where a failover is issued and which becomes the primary."

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.failover_group.name))
    error_message = "failover_group.name must be 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen."
  }

  validation {
    condition     = can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Sql/servers/[^/]+$", var.failover_group.secondary_server_id))
    error_message = "failover_group.secondary_server_id must be the resource ID of a Microsoft.Sql/servers logical server."
  }
}

variable "watched_resource_ids" {
  type        = list(string)
  description = "Resource IDs of the failover group's databases on the PRIMARY server (the sql module's database_ids output). Resource Health reporting any of them Unavailable for a platform reason starts the workflow, which fails over only if one of them is still Unavailable after confirmation_minutes."

  validation {
    condition     = length(var.watched_resource_ids) > 0
    error_message = "watched_resource_ids must name at least one primary database: with none, nothing ever starts the failover."
  }

  validation {
    condition     = alltrue([for id in var.watched_resource_ids : can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Sql/servers/[^/]+/databases/[^/]+$", id))])
    error_message = "watched_resource_ids must be resource IDs of Microsoft.Sql/servers/databases databases."
  }

  validation {
    condition     = length(distinct([for id in var.watched_resource_ids : lower(id)])) == length(var.watched_resource_ids)
    error_message = "watched_resource_ids must not name a database twice."
  }
}

variable "trigger_on_degraded" {
  type        = bool
  description = "Also fail over when Resource Health reports a primary database Degraded (not only Unavailable). Off by default: a degraded database still serves, and a forced failover loses the writes not yet replicated."
  default     = false
}

variable "confirmation_minutes" {
  type        = number
  description = "Minutes the workflow waits after the alert before it reads Resource Health again and fails over only if the database is still down, so that a blip does not move production (and lose the unreplicated writes). 0 to 30, whole minutes."
  default     = 5

  validation {
    condition     = var.confirmation_minutes >= 0 && var.confirmation_minutes <= 30 && floor(var.confirmation_minutes) == var.confirmation_minutes
    error_message = "confirmation_minutes must be a whole number of minutes from 0 to 30: longer waits use up RTOs shorter than Azure's 60-minute automatic-failover grace period, which is what this module is for."
  }
}

variable "rto_minutes" {
  type        = number
  description = "Recovery time objective of the service in minutes. Optional; when set, plan warns if confirmation_minutes plus outage detection leaves no time within it for the failover."
  default     = null

  validation {
    condition     = var.rto_minutes == null ? true : var.rto_minutes > 0
    error_message = "rto_minutes must be a positive number of minutes, or null."
  }
}

variable "notify_emails" {
  type        = list(string)
  description = "Email addresses (preferably distribution lists of the on-call team) told by the action group, with the common alert schema, whenever the alert fires and starts the workflow."
  default     = []

  validation {
    condition     = alltrue([for email in var.notify_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", email))])
    error_message = "notify_emails must be email addresses such as oncall-appointments@example.com."
  }
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "Azure resource ID of the Log Analytics workspace receiving the workflow's run history (WorkflowRuntime) and metrics (the `id` output of the log-analytics module)."

  validation {
    condition     = can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.OperationalInsights/workspaces/[^/]+$", var.log_analytics_workspace_id))
    error_message = "log_analytics_workspace_id must be the resource ID of a Microsoft.OperationalInsights/workspaces resource."
  }
}

variable "role_assignments" {
  type = map(object({
    role_definition_name = string
    principal_id         = string
    principal_type       = optional(string, "ServicePrincipal")
  }))
  description = "Role assignments on the workflow, keyed by a stable label, e.g. { oncall = { role_definition_name = \"Logic App Operator\", principal_id = <group object ID>, principal_type = \"Group\" } } so the on-call team can read and resubmit runs. The workflow's own identity gets its roles from the module."
  default     = {}

  validation {
    condition     = alltrue([for assignment in values(var.role_assignments) : contains(["User", "Group", "ServicePrincipal"], assignment.principal_type)])
    error_message = "principal_type must be User, Group or ServicePrincipal."
  }
}

variable "lock" {
  type = object({
    kind = string
    name = optional(string)
  })
  description = "Management lock on the workflow. CanNotDelete keeps the automation from being deleted while it is the DR plan; ReadOnly also blocks the POST Terraform reads the trigger's callback URL with, so later plans fail (a check warns). Null for no lock."
  default     = null

  validation {
    condition     = var.lock == null ? true : contains(["CanNotDelete", "ReadOnly"], var.lock.kind)
    error_message = "lock.kind must be CanNotDelete or ReadOnly."
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
