variable "name" {
  type        = string
  description = "Name of the Front Door profile (1-90 letters, digits and hyphens). Also names the endpoint (unless endpoint_name is set), the origin group, the route and the WAF policy."

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,88}[A-Za-z0-9]$", var.name))
    error_message = "name must be 2-90 letters, digits and hyphens, starting and ending with a letter or digit."
  }
}

variable "endpoint_name" {
  type        = string
  description = "Name of the endpoint; Azure appends a hash to form <endpoint_name>-<hash>.z01.azurefd.net. Null uses name."
  default     = null

  validation {
    condition     = var.endpoint_name == null ? true : can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,44}[A-Za-z0-9]$", var.endpoint_name))
    error_message = "endpoint_name must be 2-46 letters, digits and hyphens."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group for the profile and its WAF policy (Front Door itself is global)."
}

variable "location" {
  type        = string
  description = "Region of the primary origin (programmatic name such as eastus2)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure programmatic region name such as eastus2 (lowercase letters and digits)."
  }
}

variable "secondary_location" {
  type        = string
  description = "Region of the secondary origin (programmatic name such as centralus)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.secondary_location))
    error_message = "secondary_location must be an Azure programmatic region name such as centralus (lowercase letters and digits)."
  }
}

variable "sku_name" {
  type        = string
  description = "Premium_AzureFrontDoor (default: Private Link origins and managed WAF rule sets) or Standard_AzureFrontDoor."
  default     = "Premium_AzureFrontDoor"

  validation {
    condition     = contains(["Standard_AzureFrontDoor", "Premium_AzureFrontDoor"], var.sku_name)
    error_message = "sku_name must be Standard_AzureFrontDoor or Premium_AzureFrontDoor."
  }
}

variable "primary_origin" {
  type = object({
    host_name = string
    private_link = optional(object({
      target_id   = string
      target_type = optional(string, "sites")
    }))
  })
  description = "Origin in the primary region: its host name (e.g. the app-service module's default_hostname) and, on Premium, the Private Link target (the app's resource ID, target_type sites)."
}

variable "secondary_origin" {
  type = object({
    host_name = string
    private_link = optional(object({
      target_id   = string
      target_type = optional(string, "sites")
    }))
  })
  description = "Origin in the secondary region, shaped like primary_origin."
}

variable "active_active" {
  type        = bool
  description = "Send traffic to both regions (equal priority, lowest latency wins). False (default) keeps the secondary as a standby that receives traffic only when the primary fails its health probes."
  default     = false
}

variable "health_probe_path" {
  type        = string
  description = "Path probed on each origin over HTTPS; an origin answering anything but 200 is taken out of rotation."
  default     = "/healthz"

  validation {
    condition     = startswith(var.health_probe_path, "/")
    error_message = "health_probe_path must start with /."
  }
}

variable "health_probe_interval_in_seconds" {
  type        = number
  description = "Seconds between probes from each Front Door point of presence (5-31536000). With 4 samples and 3 required, a failed origin leaves rotation after about four intervals."
  default     = 30

  validation {
    condition     = var.health_probe_interval_in_seconds >= 5 && var.health_probe_interval_in_seconds <= 31536000
    error_message = "health_probe_interval_in_seconds must be between 5 and 31536000."
  }
}

variable "custom_domains" {
  type = map(object({
    host_name   = string
    dns_zone_id = optional(string)
  }))
  description = "Custom domains keyed by a resource-safe name (e.g. { appointments = { host_name = \"appointments.example.org\" } }), served with Front Door managed certificates and TLS 1.2 minimum. Publish each domain's validation token (custom_domain_validation_tokens output) as _dnsauth TXT record."
  default     = {}

  validation {
    condition     = alltrue([for key in keys(var.custom_domains) : can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,258}[A-Za-z0-9]$", key))])
    error_message = "custom_domains keys must be letters, digits and hyphens; they become resource names."
  }
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "Log Analytics workspace receiving the access, health-probe and WAF logs."
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every taggable resource. Must include `vitals-entity` with the owning Backstage entity ref, for example `component:default/appointments-service`."

  validation {
    condition     = can(regex("^[A-Za-z]+:[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$", lookup(var.tags, "vitals-entity", "")))
    error_message = "tags must include vitals-entity = <kind>:<namespace>/<name>, the Backstage entity ref that owns these resources."
  }
}
