# Global HTTPS entry point for a service deployed in two regions: a Front Door Standard/Premium
# profile with one endpoint, an origin group that probes both regional origins, a route that
# accepts HTTPS only, and a WAF policy in prevention mode on every domain.
#
# Premium reaches origins over Private Link, so the regional apps keep public access disabled;
# each private link connection must be approved on the origin (az network private-endpoint-connection
# approve) before traffic flows.

locals {
  premium = var.sku_name == "Premium_AzureFrontDoor"

  origins = {
    primary = merge(var.primary_origin, {
      location = var.location
      priority = 1
    })
    secondary = merge(var.secondary_origin, {
      location = var.secondary_location
      priority = var.active_active ? 1 : 2
    })
  }

  # Managed rule sets are a Premium feature; a Standard policy keeps custom rules only.
  managed_rule_sets = {
    for rule_set, version in {
      Microsoft_DefaultRuleSet    = "2.1"
      Microsoft_BotManagerRuleSet = "1.1"
    } : rule_set => version if local.premium
  }
}

resource "azurerm_cdn_frontdoor_profile" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  sku_name            = var.sku_name
  tags                = var.tags
}

resource "azurerm_cdn_frontdoor_endpoint" "this" {
  name                     = coalesce(var.endpoint_name, var.name)
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.this.id
  tags                     = var.tags
}

resource "azurerm_cdn_frontdoor_origin_group" "this" {
  name                     = "og-${var.name}"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.this.id
  session_affinity_enabled = false

  health_probe {
    protocol            = "Https"
    request_type        = "GET"
    path                = var.health_probe_path
    interval_in_seconds = var.health_probe_interval_in_seconds
  }

  load_balancing {
    sample_size                        = 4
    successful_samples_required        = 3
    additional_latency_in_milliseconds = 50
  }
}

resource "azurerm_cdn_frontdoor_origin" "this" {
  for_each = local.origins

  name                           = "origin-${each.key}-${each.value.location}"
  cdn_frontdoor_origin_group_id  = azurerm_cdn_frontdoor_origin_group.this.id
  enabled                        = true
  host_name                      = each.value.host_name
  origin_host_header             = each.value.host_name
  certificate_name_check_enabled = true
  https_port                     = 443
  http_port                      = 80
  priority                       = each.value.priority
  weight                         = 1000

  dynamic "private_link" {
    for_each = each.value.private_link == null ? [] : [each.value.private_link]
    content {
      location               = each.value.location
      private_link_target_id = private_link.value.target_id
      target_type            = private_link.value.target_type
      request_message        = "Front Door ${var.name} origin ${each.key}"
    }
  }
}

resource "azurerm_cdn_frontdoor_custom_domain" "this" {
  for_each = var.custom_domains

  name                     = each.key
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.this.id
  host_name                = each.value.host_name
  dns_zone_id              = each.value.dns_zone_id

  tls {
    certificate_type    = "ManagedCertificate"
    minimum_tls_version = "TLS12"
  }
}

resource "azurerm_cdn_frontdoor_route" "this" {
  name                            = "route-${var.name}"
  cdn_frontdoor_endpoint_id       = azurerm_cdn_frontdoor_endpoint.this.id
  cdn_frontdoor_origin_group_id   = azurerm_cdn_frontdoor_origin_group.this.id
  cdn_frontdoor_origin_ids        = [for origin in azurerm_cdn_frontdoor_origin.this : origin.id]
  cdn_frontdoor_custom_domain_ids = [for domain in azurerm_cdn_frontdoor_custom_domain.this : domain.id]
  link_to_default_domain          = true
  patterns_to_match               = ["/*"]

  # Plain HTTP is only ever answered with a redirect, and Front Door talks to the origins over
  # HTTPS only (HIPAA §164.312(e)(1), transmission security).
  supported_protocols    = ["Http", "Https"]
  https_redirect_enabled = true
  forwarding_protocol    = "HttpsOnly"
}

resource "azurerm_cdn_frontdoor_firewall_policy" "this" {
  name                       = "waf${replace(var.name, "/[^0-9A-Za-z]/", "")}"
  resource_group_name        = var.resource_group_name
  sku_name                   = var.sku_name
  enabled                    = true
  mode                       = "Prevention"
  request_body_check_enabled = true
  tags                       = var.tags

  dynamic "managed_rule" {
    for_each = local.managed_rule_sets
    content {
      type    = managed_rule.key
      version = managed_rule.value
      action  = "Block"
    }
  }
}

resource "azurerm_cdn_frontdoor_security_policy" "this" {
  name                     = "waf-${var.name}"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.this.id

  security_policies {
    firewall {
      cdn_frontdoor_firewall_policy_id = azurerm_cdn_frontdoor_firewall_policy.this.id

      association {
        patterns_to_match = ["/*"]

        domain {
          cdn_frontdoor_domain_id = azurerm_cdn_frontdoor_endpoint.this.id
        }

        dynamic "domain" {
          for_each = azurerm_cdn_frontdoor_custom_domain.this
          content {
            cdn_frontdoor_domain_id = domain.value.id
          }
        }
      }
    }
  }
}

# Access, health-probe and WAF logs: every request that reached or was refused entry (§164.312(b)).
module "diagnostics" {
  source = "../diagnostic-settings"

  target_resource_id         = azurerm_cdn_frontdoor_profile.this.id
  log_analytics_workspace_id = var.log_analytics_workspace_id
  tags                       = var.tags
}
