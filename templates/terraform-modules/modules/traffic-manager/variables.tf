variable "name" {
  type        = string
  description = "Name of the Traffic Manager profile (1-63 letters, digits, hyphens and periods)."

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9.-]{0,61}[A-Za-z0-9]$", var.name))
    error_message = "name must be 2-63 letters, digits, hyphens and periods, starting and ending with a letter or digit."
  }
}

variable "dns_relative_name" {
  type        = string
  description = "Globally unique label of the profile's DNS name <label>.trafficmanager.net. Null uses name."
  default     = null

  validation {
    condition     = var.dns_relative_name == null ? true : can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.dns_relative_name))
    error_message = "dns_relative_name must be a DNS label: 1-63 lowercase letters, digits and hyphens."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group for the profile (Traffic Manager itself is global)."
}

variable "location" {
  type        = string
  description = "Region of the primary endpoint (programmatic name such as eastus2)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure programmatic region name such as eastus2 (lowercase letters and digits)."
  }
}

variable "secondary_location" {
  type        = string
  description = "Region of the secondary endpoint (programmatic name such as centralus)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.secondary_location))
    error_message = "secondary_location must be an Azure programmatic region name such as centralus (lowercase letters and digits)."
  }
}

variable "primary_endpoint" {
  type = object({
    type   = string
    target = string
  })
  description = "Endpoint answering while healthy. type azure: target is the resource ID of a public IP with a DNS label, an App Service or another Traffic Manager profile. type external: target is an FQDN or IPv4 address."

  validation {
    condition     = contains(["azure", "external"], var.primary_endpoint.type)
    error_message = "primary_endpoint.type must be azure or external."
  }
}

variable "secondary_endpoint" {
  type = object({
    type   = string
    target = string
  })
  description = "Endpoint answering when the primary fails its health checks, shaped like primary_endpoint."

  validation {
    condition     = contains(["azure", "external"], var.secondary_endpoint.type)
    error_message = "secondary_endpoint.type must be azure or external."
  }
}

variable "dns_ttl" {
  type        = number
  description = "TTL in seconds of the DNS answers; resolvers hold on to a failed region for up to this long."
  default     = 30

  validation {
    condition     = var.dns_ttl >= 0 && var.dns_ttl <= 300
    error_message = "dns_ttl must be between 0 and 300 seconds; longer TTLs delay failover past the tighter RTO tiers."
  }
}

variable "health_probe_path" {
  type        = string
  description = "Path probed over HTTPS on port 443; any answer outside 200-299 counts as a failure."
  default     = "/healthz"

  validation {
    condition     = startswith(var.health_probe_path, "/")
    error_message = "health_probe_path must start with /."
  }
}

variable "monitor_host_header" {
  type        = string
  description = "Host header sent with the probes, for endpoints that route by host name (an Application Gateway listener, a Front Door custom domain). Null sends the endpoint's own host name."
  default     = null
}

variable "monitor_interval_in_seconds" {
  type        = number
  description = "Seconds between probes: 30 (standard) or 10 (fast probing, billed extra)."
  default     = 30

  validation {
    condition     = contains([10, 30], var.monitor_interval_in_seconds)
    error_message = "monitor_interval_in_seconds must be 10 or 30."
  }
}

variable "tolerated_number_of_failures" {
  type        = number
  description = "Consecutive failed probes tolerated before an endpoint is declared degraded (0-9)."
  default     = 3

  validation {
    condition     = var.tolerated_number_of_failures >= 0 && var.tolerated_number_of_failures <= 9
    error_message = "tolerated_number_of_failures must be between 0 and 9."
  }
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "Log Analytics workspace receiving the probe health events and endpoint metrics."
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every taggable resource. Must include `vitals-entity` with the owning Backstage entity ref, for example `component:default/appointments-service`."

  validation {
    condition     = can(regex("^[A-Za-z]+:[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$", lookup(var.tags, "vitals-entity", "")))
    error_message = "tags must include vitals-entity = <kind>:<namespace>/<name>, the Backstage entity ref that owns these resources."
  }
}
