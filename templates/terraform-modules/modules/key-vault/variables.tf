variable "name" {
  type        = string
  description = "Globally unique vault name, 3-24 characters: letters, digits and hyphens, starting with a letter."

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$", var.name)) && !strcontains(var.name, "--")
    error_message = "name must be 3-24 characters of letters, digits and single hyphens, start with a letter and end with a letter or digit."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group that holds the vault and its private endpoint."
}

variable "location" {
  type        = string
  description = "Azure region of the vault (programmatic name such as eastus2). Key Vault replicates its contents to the paired region itself; create one vault per region only when each region must run on its own keys."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure programmatic region name such as eastus2 (lowercase letters and digits)."
  }
}

variable "tenant_id" {
  type        = string
  description = "Entra ID tenant that authenticates requests to the vault. Null uses the tenant the provider is signed in to."
  default     = null
}

variable "sku_name" {
  type        = string
  description = "standard, or premium for HSM-protected keys (FIPS 140 Level 3). Premium is the default because customer-managed keys for ePHI stores belong in an HSM."
  default     = "premium"

  validation {
    condition     = contains(["standard", "premium"], var.sku_name)
    error_message = "sku_name must be standard or premium."
  }
}

variable "enabled_for_disk_encryption" {
  type        = bool
  description = "Allow Azure Disk Encryption to retrieve secrets from the vault."
  default     = false
}

variable "role_assignments" {
  type = map(object({
    role_definition_name = string
    principal_id         = string
    principal_type       = optional(string, "ServicePrincipal")
  }))
  description = "Data-plane role assignments on the vault, keyed by a stable label, e.g. { app = { role_definition_name = \"Key Vault Secrets User\", principal_id = <managed identity object ID> } }."
  default     = {}

  validation {
    condition     = alltrue([for assignment in values(var.role_assignments) : contains(["User", "Group", "ServicePrincipal"], assignment.principal_type)])
    error_message = "principal_type must be User, Group or ServicePrincipal."
  }
}

variable "private_endpoint_subnet_id" {
  type        = string
  description = "Subnet for the vault's private endpoint (the network module's private_endpoint_subnet_id output)."
}

variable "private_dns_zone_id" {
  type        = string
  description = "ID of the privatelink.vaultcore.azure.net private DNS zone."

  validation {
    condition     = can(regex("(?i)/privateDnsZones/privatelink\\.vaultcore\\.azure\\.net$", var.private_dns_zone_id))
    error_message = "private_dns_zone_id must be the ID of a privatelink.vaultcore.azure.net zone."
  }
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "Log Analytics workspace receiving the vault's AuditEvent logs and metrics."
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every taggable resource. Must include `vitals-entity` with the owning Backstage entity ref, for example `component:default/appointments-service`."

  validation {
    condition     = can(regex("^[A-Za-z]+:[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$", lookup(var.tags, "vitals-entity", "")))
    error_message = "tags must include vitals-entity = <kind>:<namespace>/<name>, the Backstage entity ref that owns these resources."
  }
}
