# What spans both regions of ${{ values.name }}: the SQL failover group (${{ values.primaryRegion }} →
# ${{ values.secondaryRegion }}) and the global entry point. Apply after both regional environments.

locals {
  tags = {
    "vitals-entity"       = "${{ values.entityRef }}"
    "data-classification" = "${{ values.dataClassification }}"
    "dr-tier"             = "${{ values.drTier }}"
    "dr-role"             = "global"
  }

  regions = {
    primary = {
      location       = "${{ values.primaryRegion }}"
      resource_group = "${{ values.names.resourceGroups.primary }}"
      network        = "${{ values.names.virtualNetworks.primary }}"
{%- if values.hosting == 'app-service' %}
      web_app        = "${{ values.names.webApps.primary }}"
{%- endif %}
    }
    secondary = {
      location       = "${{ values.secondaryRegion }}"
      resource_group = "${{ values.names.resourceGroups.secondary }}"
      network        = "${{ values.names.virtualNetworks.secondary }}"
{%- if values.hosting == 'app-service' %}
      web_app        = "${{ values.names.webApps.secondary }}"
{%- endif %}
    }
  }
}

# What the regional environments created, found by the names all environments derive.
data "azurerm_log_analytics_workspace" "shared" {
  name                = "${{ values.names.logAnalyticsWorkspace }}"
  resource_group_name = local.regions.primary.resource_group
}

data "azurerm_subnet" "private_endpoints" {
  for_each = local.regions

  name                 = "snet-private-endpoints"
  virtual_network_name = each.value.network
  resource_group_name  = each.value.resource_group
}

data "azurerm_private_dns_zone" "sql" {
  name                = "privatelink.database.windows.net"
  resource_group_name = local.regions.primary.resource_group
}
{% if values.hosting == 'app-service' %}
data "azurerm_linux_web_app" "regional" {
  for_each = local.regions

  name                = each.value.web_app
  resource_group_name = each.value.resource_group
}
{% endif %}
# No shared module exists for resource groups.
resource "azurerm_resource_group" "this" {
  name     = "${{ values.names.resourceGroups.global }}"
  location = "${{ values.primaryRegion }}"
  tags     = local.tags
}

module "sql" {
  source = "${{ values.modules.sql }}"

  name                = "${{ values.names.sqlServers.primary }}"
  secondary_name      = "${{ values.names.sqlServers.secondary }}"
  failover_group_name = "${{ values.names.sqlFailoverGroup }}"
  resource_group_name = azurerm_resource_group.this.name
  location            = "${{ values.primaryRegion }}"
  secondary_location  = "${{ values.secondaryRegion }}"

  entra_admin = {
    login_username = var.sql_admin_group_name
    object_id      = var.sql_admin_group_object_id
  }

  databases = {
    "${{ values.names.sqlDatabase }}" = {
      sku_name    = "GP_Gen5_2"
      max_size_gb = 32
    }
  }

  # Tier ${{ values.drTier }}{% if values.rto %}: RPO ${{ values.rpo }}, RTO ${{ values.rto }}{% else %}: no objectives, so the databases replicate with the module's one-day ceiling and fail over by hand{% endif %}.
  rpo_minutes   = ${{ values.sqlRpoMinutes }}
{%- if values.rtoMinutes %}
  rto_minutes   = ${{ values.rtoMinutes }}
{%- endif %}
{%- if values.sqlFailoverMode == 'Manual' and values.rto %}
  # Customer-managed: automatic failover waits out a grace period of at least 60 minutes, beyond
  # the ${{ values.rtoMinutes }}-minute RTO. The DR runbook's step 3 fails over, and the DR drill proves it.
{%- endif %}
  failover_mode = "${{ values.sqlFailoverMode }}"

  private_endpoint_subnet_id           = data.azurerm_subnet.private_endpoints["primary"].id
  secondary_private_endpoint_subnet_id = data.azurerm_subnet.private_endpoints["secondary"].id
  private_dns_zone_id                  = data.azurerm_private_dns_zone.sql.id
  log_analytics_workspace_id           = data.azurerm_log_analytics_workspace.shared.id

  tags = local.tags
}
{% if values.globalRouting == 'front-door' %}
module "front_door" {
  source = "${{ values.modules.front_door }}"

  name                = "${{ values.names.frontDoor }}"
  resource_group_name = azurerm_resource_group.this.name
  location            = "${{ values.primaryRegion }}"
  secondary_location  = "${{ values.secondaryRegion }}"

{%- if values.hosting == 'app-service' %}
  # Premium reaches the apps through Private Link; their public network access is off.
  primary_origin = {
    host_name    = data.azurerm_linux_web_app.regional["primary"].default_hostname
    private_link = { target_id = data.azurerm_linux_web_app.regional["primary"].id }
  }
  secondary_origin = {
    host_name    = data.azurerm_linux_web_app.regional["secondary"].default_hostname
    private_link = { target_id = data.azurerm_linux_web_app.regional["secondary"].id }
  }
{%- else %}
  primary_origin   = { host_name = var.ingress_host_names.primary }
  secondary_origin = { host_name = var.ingress_host_names.secondary }
{%- endif %}
  health_probe_path = "/healthz"

  log_analytics_workspace_id = data.azurerm_log_analytics_workspace.shared.id

  tags = local.tags
}
{% else %}
module "traffic_manager" {
  source = "${{ values.modules.traffic_manager }}"

  name                = "${{ values.names.trafficManager }}"
  dns_relative_name   = "${{ values.names.trafficManagerDnsLabel }}"
  resource_group_name = azurerm_resource_group.this.name
  location            = "${{ values.primaryRegion }}"
  secondary_location  = "${{ values.secondaryRegion }}"

  primary_endpoint   = { type = "external", target = var.ingress_host_names.primary }
  secondary_endpoint = { type = "external", target = var.ingress_host_names.secondary }
  health_probe_path  = "/healthz"
{%- if values.drTier == 'critical' %}
  # Fast probing: a failed region leaves DNS answers within the critical tier's RTO.
  monitor_interval_in_seconds = 10
{%- endif %}

  log_analytics_workspace_id = data.azurerm_log_analytics_workspace.shared.id

  tags = local.tags
}
{% endif -%}
