variable "name" {
  type        = string
  description = "Name of the virtual network, e.g. vnet-appointments-eastus2. Subnets are named snet-<key>, security groups nsg-<name>-<key>."

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}[A-Za-z0-9_]$", var.name))
    error_message = "name must be 2-64 characters of letters, digits, periods, underscores and hyphens."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group for the network, its security groups and the private DNS zones it creates."
}

variable "location" {
  type        = string
  description = "Azure region of this network (programmatic name such as eastus2). Call the module once per region."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure programmatic region name such as eastus2 (lowercase letters and digits)."
  }
}

variable "address_space" {
  type        = list(string)
  description = "Address space of the virtual network. Regions of one service must not overlap, so the networks can be peered for replication."

  validation {
    condition     = length(var.address_space) > 0 && alltrue([for cidr in var.address_space : can(cidrhost(cidr, 0))])
    error_message = "address_space must contain at least one valid CIDR block."
  }
}

variable "dns_servers" {
  type        = list(string)
  description = "Custom DNS servers (e.g. a hub's DNS private resolver). Empty uses Azure DNS, which resolves the linked private DNS zones."
  default     = []
}

variable "subnets" {
  type = map(object({
    address_prefixes  = list(string)
    service_endpoints = optional(list(string), [])
    delegation = optional(object({
      name    = string
      service = string
      actions = optional(list(string), [])
    }))
    security_rules = optional(list(object({
      name                       = string
      priority                   = number
      direction                  = string
      access                     = string
      protocol                   = string
      source_address_prefix      = string
      destination_port_ranges    = list(string)
      destination_address_prefix = optional(string, "*")
    })), [])
  }))
  description = "Workload subnets keyed by purpose (app-integration, aks-nodes, ...). The private-endpoints subnet is added by the module. Delegate an App Service integration subnet to Microsoft.Web/serverFarms and list the delegation's actions as Azure reports them (Microsoft.Network/virtualNetworks/subnets/action), or every plan shows drift."
  default     = {}

  validation {
    condition     = !contains(keys(var.subnets), "private-endpoints")
    error_message = "The key private-endpoints is reserved for the subnet the module creates from private_endpoint_subnet_address_prefixes."
  }

  validation {
    condition = alltrue(flatten([
      for subnet in values(var.subnets) : [
        for rule in subnet.security_rules :
        contains(["Inbound", "Outbound"], rule.direction) && contains(["Allow", "Deny"], rule.access) && rule.priority >= 100 && rule.priority <= 4096
      ]
    ]))
    error_message = "Every security rule needs direction Inbound or Outbound, access Allow or Deny, and a priority between 100 and 4096."
  }
}

variable "private_endpoint_subnet_address_prefixes" {
  type        = list(string)
  description = "Address prefixes of the subnet that holds the private endpoints of Key Vault, SQL, storage, App Service and the other PaaS services."

  validation {
    condition     = length(var.private_endpoint_subnet_address_prefixes) > 0 && alltrue([for cidr in var.private_endpoint_subnet_address_prefixes : can(cidrhost(cidr, 0))])
    error_message = "private_endpoint_subnet_address_prefixes must contain at least one valid CIDR block."
  }
}

variable "private_dns_zone_names" {
  type        = list(string)
  description = "Private DNS zones to create and link, one per private-link service in use. Set to [] in the secondary region and pass the primary's zones through linked_private_dns_zone_ids. Recovery Services vaults also need privatelink.<geo-code>.backup.windowsazure.com for their region."
  default = [
    "privatelink.vaultcore.azure.net",
    "privatelink.database.windows.net",
    "privatelink.blob.core.windows.net",
    "privatelink.queue.core.windows.net",
    "privatelink.azurewebsites.net",
    "privatelink.monitor.azure.com",
    "privatelink.oms.opinsights.azure.com",
    "privatelink.ods.opinsights.azure.com",
    "privatelink.agentsvc.azure-automation.net",
  ]

  validation {
    condition     = alltrue([for zone in var.private_dns_zone_names : startswith(zone, "privatelink.")])
    error_message = "private_dns_zone_names must be private-link zones (privatelink.*)."
  }
}

variable "linked_private_dns_zone_ids" {
  type        = map(string)
  description = "Existing private DNS zones to link to this network, keyed by zone name, valued by zone resource ID (typically the primary region call's private_dns_zone_ids output)."
  default     = {}

  validation {
    condition     = alltrue([for id in values(var.linked_private_dns_zone_ids) : can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.Network/privateDnsZones/[^/]+$", id))])
    error_message = "linked_private_dns_zone_ids values must be Microsoft.Network/privateDnsZones resource IDs."
  }
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "Log Analytics workspace receiving the security groups' event and rule-counter logs."
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every taggable resource. Must include `vitals-entity` with the owning Backstage entity ref, for example `component:default/appointments-service`."

  validation {
    condition     = can(regex("^[A-Za-z]+:[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$", lookup(var.tags, "vitals-entity", "")))
    error_message = "tags must include vitals-entity = <kind>:<namespace>/<name>, the Backstage entity ref that owns these resources."
  }
}
