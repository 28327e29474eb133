# A zone-balanced Linux App Service plan and one web app, reachable only through its private
# endpoint (Front Door Premium reaches it over Private Link), sending all egress into the network.

resource "azurerm_service_plan" "this" {
  name                = "asp-${var.name}"
  resource_group_name = var.resource_group_name
  location            = var.location
  os_type             = "Linux"
  sku_name            = var.sku_name
  worker_count        = var.worker_count

  # Spreads the workers over the region's availability zones; needs a Premium v2+ SKU and at
  # least two workers.
  zone_balancing_enabled = true

  tags = var.tags
}

resource "azurerm_linux_web_app" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  location            = var.location
  service_plan_id     = azurerm_service_plan.this.id

  https_only                    = true
  public_network_access_enabled = false
  virtual_network_subnet_id     = var.integration_subnet_id
  client_affinity_enabled       = false

  # Deployments authenticate with Entra ID; publishing profiles with basic credentials cannot be
  # traced to a person (§164.312(a)(2)(i)).
  ftp_publish_basic_authentication_enabled       = false
  webdeploy_publish_basic_authentication_enabled = false

  # The identity reads Key Vault references and connects to SQL and storage without secrets.
  identity {
    type         = length(var.user_assigned_identity_ids) > 0 ? "SystemAssigned, UserAssigned" : "SystemAssigned"
    identity_ids = length(var.user_assigned_identity_ids) > 0 ? var.user_assigned_identity_ids : null
  }

  app_settings = var.app_settings

  site_config {
    always_on                         = true
    http2_enabled                     = true
    minimum_tls_version               = "1.2"
    scm_minimum_tls_version           = "1.2"
    ftps_state                        = "Disabled"
    remote_debugging_enabled          = false
    vnet_route_all_enabled            = true
    health_check_path                 = var.health_check_path
    health_check_eviction_time_in_min = 5
    ip_restriction_default_action     = "Deny"
    scm_ip_restriction_default_action = "Deny"

    dynamic "application_stack" {
      for_each = var.application_stack == null ? [] : [var.application_stack]
      content {
        node_version        = application_stack.value.node_version
        python_version      = application_stack.value.python_version
        dotnet_version      = application_stack.value.dotnet_version
        java_version        = application_stack.value.java_version
        java_server         = application_stack.value.java_server
        java_server_version = application_stack.value.java_server_version
        docker_image_name   = application_stack.value.docker_image_name
        docker_registry_url = application_stack.value.docker_registry_url
      }
    }
  }

  tags = var.tags
}

resource "azurerm_private_endpoint" "this" {
  name                = "pep-${var.name}"
  resource_group_name = var.resource_group_name
  location            = var.location
  subnet_id           = var.private_endpoint_subnet_id
  tags                = var.tags

  private_service_connection {
    name                           = "sites-${var.name}"
    private_connection_resource_id = azurerm_linux_web_app.this.id
    subresource_names              = ["sites"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "sites"
    private_dns_zone_ids = [var.private_dns_zone_id]
  }
}

# AppServiceHTTPLogs, AppServiceAuditLogs (who signed in to Kudu/FTP) and the console and
# platform logs. App Service writes resource-specific tables only and answers a requested
# destination type with null, so none is set (it would show as drift on every plan).
module "diagnostics" {
  source = "../diagnostic-settings"

  target_resource_id         = azurerm_linux_web_app.this.id
  log_analytics_workspace_id = var.log_analytics_workspace_id
  tags                       = var.tags
}

module "plan_diagnostics" {
  source = "../diagnostic-settings"

  target_resource_id         = azurerm_service_plan.this.id
  log_analytics_workspace_id = var.log_analytics_workspace_id
  tags                       = var.tags
}
