variable "name" {
  type        = string
  description = "Globally unique web app name (2-60 letters, digits and hyphens); the plan is named asp-<name>."

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,58}[A-Za-z0-9]$", var.name))
    error_message = "name must be 2-60 letters, digits and hyphens, not starting or ending with a hyphen."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group for the plan, the web app and its private endpoint."
}

variable "location" {
  type        = string
  description = "Azure region of this regional deployment (programmatic name such as eastus2). Call the module once per region and put Front Door or Traffic Manager in front."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure programmatic region name such as eastus2 (lowercase letters and digits)."
  }
}

variable "sku_name" {
  type        = string
  description = "App Service plan SKU. Zone balancing needs Premium v2, v3 or v4 (P1v3 by default)."
  default     = "P1v3"

  validation {
    condition     = can(regex("^P[0-9]+m?v[234]$", var.sku_name))
    error_message = "sku_name must be a Premium v2, v3 or v4 SKU (e.g. P1v3, P2mv3, P1v4); other tiers cannot balance across availability zones."
  }
}

variable "worker_count" {
  type        = number
  description = "Number of workers. Zone balancing needs at least two; three puts one in each zone."
  default     = 3

  validation {
    condition     = var.worker_count >= 2 && floor(var.worker_count) == var.worker_count
    error_message = "worker_count must be a whole number of at least 2 for a zone-balanced plan."
  }
}

variable "application_stack" {
  type = object({
    node_version        = optional(string)
    python_version      = optional(string)
    dotnet_version      = optional(string)
    java_version        = optional(string)
    java_server         = optional(string)
    java_server_version = optional(string)
    docker_image_name   = optional(string)
    docker_registry_url = optional(string)
  })
  description = "Runtime of the app: set one of node_version (e.g. 20-lts), python_version, dotnet_version, java_version (with java_server and java_server_version) or docker_image_name. Null leaves the stack to the deployment."
  default     = null
}

variable "health_check_path" {
  type        = string
  description = "Path App Service probes on every worker; unhealthy workers are replaced. Front Door and Traffic Manager probe the same path."
  default     = "/healthz"

  validation {
    condition     = startswith(var.health_check_path, "/")
    error_message = "health_check_path must start with /."
  }
}

variable "app_settings" {
  type        = map(string)
  description = "Application settings. Put secrets in Key Vault and reference them as @Microsoft.KeyVault(SecretUri=...); never pass secret values here."
  default     = {}
}

variable "user_assigned_identity_ids" {
  type        = list(string)
  description = "User-assigned identities to attach in addition to the system-assigned one."
  default     = []
}

variable "integration_subnet_id" {
  type        = string
  description = "Subnet delegated to Microsoft.Web/serverFarms for outbound VNet integration; all egress is routed through it."
}

variable "private_endpoint_subnet_id" {
  type        = string
  description = "Subnet for the app's inbound private endpoint (the network module's private_endpoint_subnet_id output)."
}

variable "private_dns_zone_id" {
  type        = string
  description = "ID of the privatelink.azurewebsites.net private DNS zone."

  validation {
    condition     = can(regex("(?i)/privateDnsZones/privatelink\\.azurewebsites\\.net$", var.private_dns_zone_id))
    error_message = "private_dns_zone_id must be the ID of a privatelink.azurewebsites.net zone."
  }
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "Log Analytics workspace receiving the app's HTTP, audit, console and platform logs."
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every taggable resource. Must include `vitals-entity` with the owning Backstage entity ref, for example `component:default/appointments-service`."

  validation {
    condition     = can(regex("^[A-Za-z]+:[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$", lookup(var.tags, "vitals-entity", "")))
    error_message = "tags must include vitals-entity = <kind>:<namespace>/<name>, the Backstage entity ref that owns these resources."
  }
}
