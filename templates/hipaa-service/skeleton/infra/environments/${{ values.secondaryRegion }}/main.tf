# ${{ values.name }} in ${{ values.secondaryDisplayName }}, its secondary region: a network linked to
# the primary's private DNS zones and peered with the primary network, and compute that runs warm
# so a failover only moves traffic and the database. Apply after ${{ values.primaryRegion }}.

locals {
  tags = {
    "vitals-entity"       = "${{ values.entityRef }}"
    "data-classification" = "${{ values.dataClassification }}"
    "dr-tier"             = "${{ values.drTier }}"
    "dr-role"             = "secondary"
  }

  primary_resource_group = "${{ values.names.resourceGroups.primary }}"

  # The primary's Azure Monitor Private Link Scope (the log-analytics module names it
  # ampls-<workspace>), reached through the peering.
  primary_monitor_private_link_scope_id = "${data.azurerm_subscription.current.id}/resourceGroups/${local.primary_resource_group}/providers/Microsoft.Insights/privateLinkScopes/ampls-${{ values.names.logAnalyticsWorkspace }}"

  # The zones the primary network created; names follow the shared network module's defaults.
  private_dns_zones = [
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
}

# What the primary environment created, found by the names both environments derive.
data "azurerm_log_analytics_workspace" "shared" {
  name                = "${{ values.names.logAnalyticsWorkspace }}"
  resource_group_name = local.primary_resource_group
}

data "azurerm_private_dns_zone" "shared" {
  for_each = toset(local.private_dns_zones)

  name                = each.key
  resource_group_name = local.primary_resource_group
}

data "azurerm_virtual_network" "primary" {
  name                = "${{ values.names.virtualNetworks.primary }}"
  resource_group_name = local.primary_resource_group
}

data "azurerm_user_assigned_identity" "workload" {
  name                = "${{ values.names.workloadIdentities.secondary }}"
  resource_group_name = local.primary_resource_group
}
{% if values.hosting == 'app-service' %}
data "azurerm_key_vault" "shared" {
  name                = "${{ values.names.keyVault }}"
  resource_group_name = local.primary_resource_group
}

data "azurerm_storage_account" "shared" {
  name                = "${{ values.names.storageAccount }}"
  resource_group_name = local.primary_resource_group
}
{% else %}
data "azurerm_subscription" "current" {}
{% endif %}
# No shared module exists for resource groups or network peering.
resource "azurerm_resource_group" "this" {
  name     = "${{ values.names.resourceGroups.secondary }}"
  location = "${{ values.secondaryRegion }}"
  tags     = local.tags
}

# Request telemetry of the service in this region (Azure Monitor OpenTelemetry), from which the
# SLOs in slo.yaml are computed.
module "application_insights" {
  source = "${{ values.modules.application_insights }}"

  name                = "${{ values.names.applicationInsights.secondary }}"
  resource_group_name = azurerm_resource_group.this.name
  location            = azurerm_resource_group.this.location
{%- if values.telemetry.workspaceResourceId %}
  # The organisation's workspace, which the portal's `${{ values.telemetry.dataSource }}` SLO data source reads.
  workspace_id = "${{ values.telemetry.workspaceResourceId }}"
{%- else %}
  # The service's own workspace: point the portal's `${{ values.telemetry.dataSource }}` SLO data source at it.
  workspace_id = data.azurerm_log_analytics_workspace.shared.id
{%- endif %}
  monitor_private_link = { scope_id = local.primary_monitor_private_link_scope_id }

  # Telemetry is accepted from Microsoft Entra identities only: the region's workload identity.
  role_assignments = {
    "workload-secondary" = {
      role_definition_name = "Monitoring Metrics Publisher"
      principal_id         = data.azurerm_user_assigned_identity.workload.principal_id
    }
  }

  tags = local.tags
}

module "network" {
  source = "${{ values.modules.network }}"

  name                = "${{ values.names.virtualNetworks.secondary }}"
  resource_group_name = azurerm_resource_group.this.name
  location            = azurerm_resource_group.this.location
  address_space       = ["${{ values.names.addressSpaces.secondary.addressSpace }}"]

  subnets = {
{%- if values.hosting == 'app-service' %}
    "app-integration" = {
      address_prefixes = ["${{ values.names.addressSpaces.secondary.workloadSubnet }}"]
      delegation = {
        name    = "app-service"
        service = "Microsoft.Web/serverFarms"
        actions = ["Microsoft.Network/virtualNetworks/subnets/action"]
      }
    }
{%- else %}
    "aks-nodes" = {
      address_prefixes = ["${{ values.names.addressSpaces.secondary.workloadSubnet }}"]
    }
{%- endif %}
  }
  private_endpoint_subnet_address_prefixes = ["${{ values.names.addressSpaces.secondary.privateEndpointSubnet }}"]

  # Private DNS zones are global: link the primary's instead of creating a second set.
  private_dns_zone_names      = []
  linked_private_dns_zone_ids = { for name, zone in data.azurerm_private_dns_zone.shared : name => zone.id }

  log_analytics_workspace_id = data.azurerm_log_analytics_workspace.shared.id

  tags = local.tags
}

# Replication and the private endpoints in the primary network (Key Vault, storage, Azure
# Monitor) are reached through the peering.
resource "azurerm_virtual_network_peering" "to_primary" {
  name                      = "peer-${{ values.secondaryRegion }}-to-${{ values.primaryRegion }}"
  resource_group_name       = azurerm_resource_group.this.name
  virtual_network_name      = module.network.virtual_network_name
  remote_virtual_network_id = data.azurerm_virtual_network.primary.id
  allow_forwarded_traffic   = true
}

resource "azurerm_virtual_network_peering" "from_primary" {
  name                      = "peer-${{ values.primaryRegion }}-to-${{ values.secondaryRegion }}"
  resource_group_name       = local.primary_resource_group
  virtual_network_name      = data.azurerm_virtual_network.primary.name
  remote_virtual_network_id = module.network.virtual_network_id
  allow_forwarded_traffic   = true
}
{% if values.hosting == 'app-service' %}
module "app_service" {
  source = "${{ values.modules.app_service }}"

  name                = "${{ values.names.webApps.secondary }}"
  resource_group_name = azurerm_resource_group.this.name
  location            = azurerm_resource_group.this.location

  application_stack = {
{%- if values.runtime == 'node' %}
    node_version = "20-lts"
{%- elif values.runtime == 'dotnet' %}
    dotnet_version = "8.0"
{%- elif values.runtime == 'python' %}
    python_version = "3.12"
{%- else %}
    java_version        = "21"
    java_server         = "JAVA"
    java_server_version = "21"
{%- endif %}
  }
  health_check_path = "/healthz"

  app_settings = {
    "SERVICE_NAME"          = "${{ values.name }}"
    "AZURE_REGION"          = "${{ values.secondaryRegion }}"
    "AZURE_CLIENT_ID"       = data.azurerm_user_assigned_identity.workload.client_id
    "KEY_VAULT_URI"         = data.azurerm_key_vault.shared.vault_uri
    "SQL_SERVER"            = "${{ values.names.sqlFailoverGroup }}.database.windows.net"
    "SQL_DATABASE"          = "${{ values.names.sqlDatabase }}"
    "STORAGE_BLOB_ENDPOINT" = data.azurerm_storage_account.shared.primary_blob_endpoint
    # Where the service sends request telemetry (not a credential: the component takes Entra
    # tokens only).
    "APPLICATIONINSIGHTS_CONNECTION_STRING" = module.application_insights.connection_string
{%- if values.runtime == 'java' %}
    # App Service's Java agent, configured by the repository's applicationinsights.json and signed
    # in with the workload identity.
    "ApplicationInsightsAgent_EXTENSION_VERSION" = "~3"
    "APPLICATIONINSIGHTS_CONFIGURATION_CONTENT"  = file("${path.root}/../../../applicationinsights.json")
    "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"  = "Authorization=AAD;ClientId=${data.azurerm_user_assigned_identity.workload.client_id}"
{%- endif %}
  }
  user_assigned_identity_ids = [data.azurerm_user_assigned_identity.workload.id]

  integration_subnet_id      = module.network.subnet_ids["app-integration"]
  private_endpoint_subnet_id = module.network.private_endpoint_subnet_id
  private_dns_zone_id        = data.azurerm_private_dns_zone.shared["privatelink.azurewebsites.net"].id
  log_analytics_workspace_id = data.azurerm_log_analytics_workspace.shared.id

  tags = local.tags
}
{% else %}
module "aks" {
  source = "${{ values.modules.aks }}"

  name                       = "${{ values.names.aksClusters.secondary }}"
  resource_group_name        = azurerm_resource_group.this.name
  location                   = azurerm_resource_group.this.location
  admin_group_object_ids     = var.aks_admin_group_object_ids
  node_subnet_id             = module.network.subnet_ids["aks-nodes"]
  log_analytics_workspace_id = data.azurerm_log_analytics_workspace.shared.id
  monitor_private_link       = { scope_id = local.primary_monitor_private_link_scope_id }

  tags = local.tags
}

resource "azurerm_federated_identity_credential" "workload" {
  name                = "${{ values.names.aksClusters.secondary }}"
  resource_group_name = local.primary_resource_group
  parent_id           = data.azurerm_user_assigned_identity.workload.id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = module.aks.oidc_issuer_url
  subject             = "system:serviceaccount:${{ values.name }}:${{ values.name }}"
}
{% endif -%}
