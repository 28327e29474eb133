variable "name" {
  type        = string
  description = "Globally unique name of the primary logical server: 1-63 lowercase letters, digits and hyphens."

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.name))
    error_message = "name must be 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen."
  }
}

variable "secondary_name" {
  type        = string
  description = "Name of the secondary logical server. Null uses <name>-secondary."
  default     = null

  validation {
    condition     = var.secondary_name == null ? true : can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.secondary_name))
    error_message = "secondary_name must be 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen."
  }
}

variable "failover_group_name" {
  type        = string
  description = "Name of the failover group, which is also the listener host name <name>.database.windows.net the application connects to. Null uses <name>-fog."
  default     = null

  validation {
    condition     = var.failover_group_name == null ? true : can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.failover_group_name))
    error_message = "failover_group_name must be 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group for both servers, the databases, the failover group and the private endpoints."
}

variable "location" {
  type        = string
  description = "Primary Azure region (programmatic name such as eastus2)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure programmatic region name such as eastus2 (lowercase letters and digits)."
  }
}

variable "secondary_location" {
  type        = string
  description = "Region of the secondary server, normally the primary's pair in the same geography (data residency)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.secondary_location))
    error_message = "secondary_location must be an Azure programmatic region name such as centralus (lowercase letters and digits)."
  }
}

variable "entra_admin" {
  type = object({
    login_username = string
    object_id      = string
    tenant_id      = optional(string)
  })
  description = "Entra ID administrator of both servers, preferably a group (e.g. { login_username = \"sql-admins-appointments\", object_id = \"<group object ID>\" }). SQL authentication is disabled."

  validation {
    condition     = can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", var.entra_admin.object_id))
    error_message = "entra_admin.object_id must be the object ID (a GUID) of an Entra ID user, group or service principal."
  }
}

variable "databases" {
  type = map(object({
    sku_name                   = optional(string, "GP_Gen5_2")
    max_size_gb                = optional(number, 32)
    point_in_time_restore_days = optional(number, 35)
    weekly_retention           = optional(string, "P12W")
    monthly_retention          = optional(string, "P12M")
    yearly_retention           = optional(string, "P6Y")
  }))
  description = "Databases keyed by name. All are zone-redundant, geo-zone-redundant for backups, and replicated to the secondary by the failover group."

  validation {
    condition     = length(var.databases) > 0
    error_message = "databases must define at least one database; a failover group without databases protects nothing."
  }

  validation {
    # Basic and Standard (DTU) tiers cannot be zone-redundant.
    condition     = alltrue([for database in values(var.databases) : can(regex("^(GP_|BC_|HS_|P[0-9]+$)", database.sku_name))])
    error_message = "sku_name must be a zone-redundant-capable SKU: General Purpose (GP_*), Business Critical (BC_*), Hyperscale (HS_*) or Premium (P*)."
  }

  validation {
    condition     = alltrue([for database in values(var.databases) : database.point_in_time_restore_days >= 7 && database.point_in_time_restore_days <= 35])
    error_message = "point_in_time_restore_days must be between 7 and 35."
  }

  validation {
    condition     = alltrue([for database in values(var.databases) : can(regex("^P[0-9]+Y$", database.yearly_retention)) && try(contains(range(6, 11), tonumber(trimsuffix(trimprefix(database.yearly_retention, "P"), "Y"))), false)])
    error_message = "yearly_retention must be an ISO 8601 period of at least six years (P6Y to P10Y), the HIPAA retention for required documentation."
  }
}

variable "rpo_minutes" {
  type        = number
  description = "Recovery point objective of the service in minutes (critical 5, high 15, standard 60 in Vitals' DR tiers). Sizes the automatic failover grace period: rounded up to whole hours, at least 60 minutes."

  validation {
    condition     = var.rpo_minutes > 0 && var.rpo_minutes <= 1440
    error_message = "rpo_minutes must be between 1 and 1440 (one day)."
  }
}

variable "rto_minutes" {
  type        = number
  description = "Recovery time objective in minutes. Optional; when set, plan warns if the automatic failover would come later than the RTO allows."
  default     = null
}

variable "failover_mode" {
  type        = string
  description = "Automatic: Azure fails the group over after the grace period. Manual: only a customer-initiated failover moves it."
  default     = "Automatic"

  validation {
    condition     = contains(["Automatic", "Manual"], var.failover_mode)
    error_message = "failover_mode must be Automatic or Manual."
  }
}

variable "tde_customer_managed_key" {
  type = object({
    key_vault_id     = string
    key_vault_key_id = string
  })
  description = "Key Vault key protecting the TDE encryption keys of both servers (a versionless key ID enables automatic rotation). Null uses service-managed keys."
  default     = null
}

variable "private_endpoint_subnet_id" {
  type        = string
  description = "Private endpoint subnet in the primary region's network."
}

variable "secondary_private_endpoint_subnet_id" {
  type        = string
  description = "Private endpoint subnet in the secondary region's network."
}

variable "private_dns_zone_id" {
  type        = string
  description = "ID of the privatelink.database.windows.net zone, linked to both regions' networks."

  validation {
    condition     = can(regex("(?i)/privateDnsZones/privatelink\\.database\\.windows\\.net$", var.private_dns_zone_id))
    error_message = "private_dns_zone_id must be the ID of a privatelink.database.windows.net zone."
  }
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "Log Analytics workspace receiving the server audit trail and the databases' logs and metrics."
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every taggable resource. Must include `vitals-entity` with the owning Backstage entity ref, for example `component:default/appointments-service`."

  validation {
    condition     = can(regex("^[A-Za-z]+:[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$", lookup(var.tags, "vitals-entity", "")))
    error_message = "tags must include vitals-entity = <kind>:<namespace>/<name>, the Backstage entity ref that owns these resources."
  }
}
