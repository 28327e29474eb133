variable "name" {
  type        = string
  description = "Name of the cluster (2-54 letters, digits and hyphens); also its DNS prefix, which admits no underscores."

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,52}[A-Za-z0-9]$", var.name))
    error_message = "name must be 2-54 letters, digits and hyphens, starting and ending with a letter or digit."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the cluster. Nodes go to <resource_group_name>-<name>-nodes."
}

variable "location" {
  type        = string
  description = "Azure region of the cluster (programmatic name such as eastus2); it must offer three availability zones. Call the module once per region."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure programmatic region name such as eastus2 (lowercase letters and digits)."
  }
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version (e.g. 1.33). Null takes the region's default; patches are applied by the patch upgrade channel."
  default     = null
}

variable "tenant_id" {
  type        = string
  description = "Entra ID tenant for cluster authentication. Null uses the tenant the provider is signed in to."
  default     = null
}

variable "admin_group_object_ids" {
  type        = list(string)
  description = "Entra ID groups granted cluster-admin. Everyone else needs an Azure Kubernetes Service RBAC role assignment."

  validation {
    condition     = length(var.admin_group_object_ids) > 0 && alltrue([for id in var.admin_group_object_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))])
    error_message = "admin_group_object_ids must list at least one group object ID (GUID); with local accounts disabled nobody could administer the cluster otherwise."
  }
}

variable "zones" {
  type        = list(string)
  description = "Availability zones of both node pools."
  default     = ["1", "2", "3"]

  validation {
    condition     = length(var.zones) >= 2 && alltrue([for zone in var.zones : contains(["1", "2", "3"], zone)])
    error_message = "zones must list at least two of 1, 2 and 3; a single zone does not survive a zone outage."
  }
}

variable "system_node_pool" {
  type = object({
    vm_size   = optional(string, "Standard_D4ds_v5")
    min_count = optional(number, 3)
    max_count = optional(number, 5)
  })
  description = "System pool (critical add-ons only). min_count of 3 keeps one node per zone."
  default     = {}

  validation {
    condition     = var.system_node_pool.min_count >= 2 && var.system_node_pool.max_count >= var.system_node_pool.min_count
    error_message = "system_node_pool needs min_count of at least 2 and max_count no lower than min_count."
  }
}

variable "user_node_pool" {
  type = object({
    vm_size   = optional(string, "Standard_D4ds_v5")
    min_count = optional(number, 3)
    max_count = optional(number, 10)
  })
  description = "User pool running the workloads."
  default     = {}

  validation {
    condition     = var.user_node_pool.min_count >= 1 && var.user_node_pool.max_count >= var.user_node_pool.min_count
    error_message = "user_node_pool needs min_count of at least 1 and max_count no lower than min_count."
  }
}

variable "host_encryption_enabled" {
  type        = bool
  description = "Encrypt temporary disks and OS disk caches at the host (Azure Policy: AKS agent node pools should be encrypted at host). Needs the EncryptionAtHost feature registered on the subscription."
  default     = true
}

variable "node_subnet_id" {
  type        = string
  description = "Subnet for the nodes (pods use the overlay network and take no subnet addresses)."
}

variable "outbound_type" {
  type        = string
  description = "Egress path of the nodes: loadBalancer, managedNATGateway, userAssignedNATGateway or userDefinedRouting (through a hub firewall)."
  default     = "loadBalancer"

  validation {
    condition     = contains(["loadBalancer", "managedNATGateway", "userAssignedNATGateway", "userDefinedRouting"], var.outbound_type)
    error_message = "outbound_type must be loadBalancer, managedNATGateway, userAssignedNATGateway or userDefinedRouting."
  }
}

variable "run_command_enabled" {
  type        = bool
  description = "Allow az aks command invoke. Off by default: it bypasses the private network path that operators otherwise take."
  default     = false
}

variable "defender_enabled" {
  type        = bool
  description = "Turn on the Microsoft Defender for Containers sensor, reporting to the workspace."
  default     = true
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "Log Analytics workspace for Container Insights, Defender and the control-plane logs (kube-audit, kube-apiserver, guard, ...)."
}

variable "monitor_private_link" {
  type = object({
    scope_id = string
  })
  description = "Azure Monitor Private Link Scope to join (the log-analytics module's private_link_scope_id output). Needed when the workspace refuses internet ingestion; null sends agent data over the public Azure Monitor endpoints."
  default     = null

  validation {
    condition     = var.monitor_private_link == null ? true : can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.Insights/privateLinkScopes/[^/]+$", var.monitor_private_link.scope_id))
    error_message = "monitor_private_link.scope_id must be a Microsoft.Insights/privateLinkScopes resource ID."
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
