# DNS-level failover between the two regions of a service: a Traffic Manager profile with
# priority routing answers with the primary endpoint while its health monitor passes and with
# the secondary when it does not. Use it for entry points Front Door does not serve (non-HTTP
# protocols, regional Application Gateways) or as a second layer in front of two Front Door
# endpoints.

locals {
  endpoints = {
    primary = merge(var.primary_endpoint, {
      location = var.location
      priority = 1
    })
    secondary = merge(var.secondary_endpoint, {
      location = var.secondary_location
      priority = 2
    })
  }
}

resource "azurerm_traffic_manager_profile" "this" {
  name                   = var.name
  resource_group_name    = var.resource_group_name
  traffic_routing_method = "Priority"
  profile_status         = "Enabled"

  dns_config {
    relative_name = coalesce(var.dns_relative_name, var.name)
    ttl           = var.dns_ttl
  }

  # The failover delay is roughly interval x (tolerated failures + 1) + TTL; with the defaults
  # (30 s, 3, 30 s) about two and a half minutes, well inside the shortest RTO tier (15 min).
  monitor_config {
    protocol                     = "HTTPS"
    port                         = 443
    path                         = var.health_probe_path
    interval_in_seconds          = var.monitor_interval_in_seconds
    timeout_in_seconds           = var.monitor_interval_in_seconds == 10 ? 5 : 10
    tolerated_number_of_failures = var.tolerated_number_of_failures
    expected_status_code_ranges  = ["200-299"]

    dynamic "custom_header" {
      for_each = var.monitor_host_header == null ? [] : [var.monitor_host_header]
      content {
        name  = "Host"
        value = custom_header.value
      }
    }
  }

  tags = var.tags
}

resource "azurerm_traffic_manager_azure_endpoint" "this" {
  for_each = { for key, endpoint in local.endpoints : key => endpoint if endpoint.type == "azure" }

  name               = "${each.key}-${each.value.location}"
  profile_id         = azurerm_traffic_manager_profile.this.id
  target_resource_id = each.value.target
  priority           = each.value.priority
  enabled            = true
}

resource "azurerm_traffic_manager_external_endpoint" "this" {
  for_each = { for key, endpoint in local.endpoints : key => endpoint if endpoint.type == "external" }

  name              = "${each.key}-${each.value.location}"
  profile_id        = azurerm_traffic_manager_profile.this.id
  target            = each.value.target
  endpoint_location = each.value.location
  priority          = each.value.priority
  enabled           = true
}

# ProbeHealthStatusEvents: when and why an endpoint was declared degraded, the evidence behind a
# failover decision.
module "diagnostics" {
  source = "../diagnostic-settings"

  target_resource_id         = azurerm_traffic_manager_profile.this.id
  log_analytics_workspace_id = var.log_analytics_workspace_id
  tags                       = var.tags
}
