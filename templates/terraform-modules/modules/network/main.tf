# One regional spoke: a virtual network, its subnets (always including a subnet for private
# endpoints), a network security group per subnet, and the private DNS zones that let the
# private endpoints of the other modules resolve inside the network.
#
# Call it once per region. Private DNS zones are global: create them with the primary region's
# call and pass that call's private_dns_zone_ids output to the secondary's
# linked_private_dns_zone_ids, so both networks resolve the same private endpoints.

locals {
  private_endpoint_subnet_key = "private-endpoints"

  subnets = merge(var.subnets, {
    (local.private_endpoint_subnet_key) = {
      address_prefixes  = var.private_endpoint_subnet_address_prefixes
      service_endpoints = []
      delegation        = null
      security_rules    = []
    }
  })

  security_rules = merge([
    for subnet_key, subnet in local.subnets : {
      for rule in subnet.security_rules : "${subnet_key}/${rule.name}" => merge(rule, { subnet_key = subnet_key })
    }
  ]...)

  created_private_dns_zone_ids = { for zone_name, zone in azurerm_private_dns_zone.this : zone_name => zone.id }
  private_dns_zone_ids         = merge(var.linked_private_dns_zone_ids, local.created_private_dns_zone_ids)
}

resource "azurerm_virtual_network" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  location            = var.location
  address_space       = var.address_space
  dns_servers         = var.dns_servers
  tags                = var.tags
}

resource "azurerm_subnet" "this" {
  for_each = local.subnets

  name                 = "snet-${each.key}"
  resource_group_name  = var.resource_group_name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = each.value.address_prefixes
  service_endpoints    = each.value.service_endpoints

  # Explicit egress only (NAT gateway, firewall, load balancer): Azure is retiring implicit
  # outbound internet access, and HIPAA §164.312(e)(1) wants transmission paths that are known.
  default_outbound_access_enabled = false

  # Lets the subnet's NSG and route table apply to private endpoint traffic too.
  private_endpoint_network_policies = "Enabled"

  dynamic "delegation" {
    for_each = each.value.delegation == null ? [] : [each.value.delegation]
    content {
      name = delegation.value.name
      service_delegation {
        name    = delegation.value.service
        actions = delegation.value.actions
      }
    }
  }
}

resource "azurerm_network_security_group" "this" {
  for_each = local.subnets

  name                = "nsg-${var.name}-${each.key}"
  resource_group_name = var.resource_group_name
  location            = var.location
  tags                = var.tags
}

resource "azurerm_network_security_rule" "this" {
  for_each = local.security_rules

  name                        = each.value.name
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.this[each.value.subnet_key].name
  priority                    = each.value.priority
  direction                   = each.value.direction
  access                      = each.value.access
  protocol                    = each.value.protocol
  source_port_range           = "*"
  source_address_prefix       = each.value.source_address_prefix
  destination_port_ranges     = each.value.destination_port_ranges
  destination_address_prefix  = each.value.destination_address_prefix
}

resource "azurerm_subnet_network_security_group_association" "this" {
  for_each = local.subnets

  subnet_id                 = azurerm_subnet.this[each.key].id
  network_security_group_id = azurerm_network_security_group.this[each.key].id
}

resource "azurerm_private_dns_zone" "this" {
  for_each = toset(var.private_dns_zone_names)

  name                = each.value
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

resource "azurerm_private_dns_zone_virtual_network_link" "created" {
  for_each = azurerm_private_dns_zone.this

  name                  = "link-${var.name}"
  resource_group_name   = each.value.resource_group_name
  private_dns_zone_name = each.value.name
  virtual_network_id    = azurerm_virtual_network.this.id
  registration_enabled  = false
  tags                  = var.tags
}

# Zones created by another call (usually the primary region's) are addressed through their ID:
# /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/<zone>.
resource "azurerm_private_dns_zone_virtual_network_link" "linked" {
  for_each = var.linked_private_dns_zone_ids

  name                  = "link-${var.name}"
  resource_group_name   = split("/", each.value)[4]
  private_dns_zone_name = split("/", each.value)[8]
  virtual_network_id    = azurerm_virtual_network.this.id
  registration_enabled  = false
  tags                  = var.tags
}

module "nsg_diagnostics" {
  source   = "../diagnostic-settings"
  for_each = local.subnets

  target_resource_id         = azurerm_network_security_group.this[each.key].id
  log_analytics_workspace_id = var.log_analytics_workspace_id
  metrics_enabled            = false
  tags                       = var.tags
}
