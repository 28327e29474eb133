# A primary-region network that creates the private DNS zones, and a secondary-region network
# that links to them.

provider "azurerm" {
  features {}
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "The `id` output of the log-analytics module."
}

locals {
  tags = {
    "vitals-entity" = "component:default/appointments-service"
  }
}

resource "azurerm_resource_group" "primary" {
  name     = "rg-appointments-eastus2"
  location = "eastus2"
  tags     = local.tags
}

module "network" {
  source = "../.."

  name                                     = "vnet-appointments-eastus2"
  resource_group_name                      = azurerm_resource_group.primary.name
  location                                 = azurerm_resource_group.primary.location
  address_space                            = ["10.20.0.0/16"]
  private_endpoint_subnet_address_prefixes = ["10.20.0.0/24"]
  log_analytics_workspace_id               = var.log_analytics_workspace_id

  subnets = {
    app-integration = {
      address_prefixes = ["10.20.1.0/24"]
      delegation = {
        name    = "app-service"
        service = "Microsoft.Web/serverFarms"
        actions = ["Microsoft.Network/virtualNetworks/subnets/action"]
      }
    }
    aks-nodes = {
      address_prefixes = ["10.20.16.0/20"]
      security_rules = [
        {
          name                       = "allow-front-door-https"
          priority                   = 100
          direction                  = "Inbound"
          access                     = "Allow"
          protocol                   = "Tcp"
          source_address_prefix      = "AzureFrontDoor.Backend"
          destination_port_ranges    = ["443"]
          destination_address_prefix = "VirtualNetwork"
        },
      ]
    }
  }

  tags = local.tags
}

resource "azurerm_resource_group" "secondary" {
  name     = "rg-appointments-centralus"
  location = "centralus"
  tags     = local.tags
}

module "network_secondary" {
  source = "../.."

  name                                     = "vnet-appointments-centralus"
  resource_group_name                      = azurerm_resource_group.secondary.name
  location                                 = azurerm_resource_group.secondary.location
  address_space                            = ["10.21.0.0/16"]
  private_endpoint_subnet_address_prefixes = ["10.21.0.0/24"]
  private_dns_zone_names                   = []
  linked_private_dns_zone_ids              = module.network.private_dns_zone_ids
  log_analytics_workspace_id               = var.log_analytics_workspace_id
  tags                                     = local.tags
}

output "private_endpoint_subnet_id" {
  value = module.network.private_endpoint_subnet_id
}

output "private_dns_zone_ids" {
  value = module.network.private_dns_zone_ids
}
