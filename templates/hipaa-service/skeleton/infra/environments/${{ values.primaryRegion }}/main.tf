# ${{ values.name }} in ${{ values.primaryDisplayName }}, its primary region: the shared Log Analytics
# workspace, the network that holds the private DNS zones, Key Vault and storage (both replicate
# to the Azure pair by themselves), the workload identities and the primary compute.
# Apply this environment first, then ${{ values.secondaryRegion }}, then global.

locals {
  tags = {
    "vitals-entity"       = "${{ values.entityRef }}"
    "data-classification" = "${{ values.dataClassification }}"
    "dr-tier"             = "${{ values.drTier }}"
    "dr-role"             = "primary"
  }

  # Both regions' workload identities live here so Key Vault and storage can grant them access
  # in one place; an identity's location is metadata, its tokens come from Entra ID.
  workload_identities = {
    primary   = { name = "${{ values.names.workloadIdentities.primary }}", location = "${{ values.primaryRegion }}" }
    secondary = { name = "${{ values.names.workloadIdentities.secondary }}", location = "${{ values.secondaryRegion }}" }
  }

  monitor_private_dns_zones = [
    "privatelink.monitor.azure.com",
    "privatelink.oms.opinsights.azure.com",
    "privatelink.ods.opinsights.azure.com",
    "privatelink.agentsvc.azure-automation.net",
    "privatelink.blob.core.windows.net",
  ]
}

# No shared module exists for resource groups or identities.
resource "azurerm_resource_group" "this" {
  name     = "${{ values.names.resourceGroups.primary }}"
  location = "${{ values.primaryRegion }}"
  tags     = local.tags
}

resource "azurerm_user_assigned_identity" "workload" {
  for_each = local.workload_identities

  name                = each.value.name
  resource_group_name = azurerm_resource_group.this.name
  location            = each.value.location
  tags                = local.tags
}

module "log_analytics" {
  source = "${{ values.modules.log_analytics }}"

  name                = "${{ values.names.logAnalyticsWorkspace }}"
  resource_group_name = azurerm_resource_group.this.name
  location            = azurerm_resource_group.this.location

  # HIPAA §164.316(b)(2)(i): audit records kept six years; seven covers the year in progress.
  retention_in_days       = 365
  total_retention_in_days = 2556

  private_link = {
    subnet_id            = module.network.private_endpoint_subnet_id
    private_dns_zone_ids = [for zone in local.monitor_private_dns_zones : module.network.private_dns_zone_ids[zone]]
  }

  tags = local.tags
}

# Query audit (LAQueryLogs) of the workspace itself: who read the audit trail.
module "log_analytics_diagnostics" {
  source = "${{ values.modules.diagnostic_settings }}"

  name                       = "audit-to-self"
  target_resource_id         = module.log_analytics.id
  log_analytics_workspace_id = module.log_analytics.id

  tags = local.tags
}

# Request telemetry of the service in this region (Azure Monitor OpenTelemetry), from which the
# SLOs in slo.yaml are computed.
module "application_insights" {
  source = "${{ values.modules.application_insights }}"

  name                = "${{ values.names.applicationInsights.primary }}"
  resource_group_name = azurerm_resource_group.this.name
  location            = azurerm_resource_group.this.location
{%- if values.telemetry.workspaceResourceId %}
  # The organisation's workspace, which the portal's `${{ values.telemetry.dataSource }}` SLO data source reads.
  workspace_id = "${{ values.telemetry.workspaceResourceId }}"
{%- else %}
  # The service's own workspace: point the portal's `${{ values.telemetry.dataSource }}` SLO data source at it.
  workspace_id = module.log_analytics.id
{%- endif %}
  monitor_private_link = { scope_id = module.log_analytics.private_link_scope_id }

  # Telemetry is accepted from Microsoft Entra identities only: the region's workload identity.
  role_assignments = {
    "workload-primary" = {
      role_definition_name = "Monitoring Metrics Publisher"
      principal_id         = azurerm_user_assigned_identity.workload["primary"].principal_id
    }
  }

  tags = local.tags
}

module "network" {
  source = "${{ values.modules.network }}"

  name                = "${{ values.names.virtualNetworks.primary }}"
  resource_group_name = azurerm_resource_group.this.name
  location            = azurerm_resource_group.this.location
  # Ranges derived from the service name so services can be peered; replace them with ranges
  # from the organisation's IP address management before the first apply.
  address_space = ["${{ values.names.addressSpaces.primary.addressSpace }}"]

  subnets = {
{%- if values.hosting == 'app-service' %}
    "app-integration" = {
      address_prefixes = ["${{ values.names.addressSpaces.primary.workloadSubnet }}"]
      delegation = {
        name    = "app-service"
        service = "Microsoft.Web/serverFarms"
        actions = ["Microsoft.Network/virtualNetworks/subnets/action"]
      }
    }
{%- else %}
    "aks-nodes" = {
      address_prefixes = ["${{ values.names.addressSpaces.primary.workloadSubnet }}"]
    }
{%- endif %}
  }
  private_endpoint_subnet_address_prefixes = ["${{ values.names.addressSpaces.primary.privateEndpointSubnet }}"]

  log_analytics_workspace_id = module.log_analytics.id

  tags = local.tags
}

module "key_vault" {
  source = "${{ values.modules.key_vault }}"

  name                = "${{ values.names.keyVault }}"
  resource_group_name = azurerm_resource_group.this.name
  location            = azurerm_resource_group.this.location

  role_assignments = {
    for role, identity in azurerm_user_assigned_identity.workload : "workload-${role}" => {
      role_definition_name = "Key Vault Secrets User"
      principal_id         = identity.principal_id
    }
  }

  private_endpoint_subnet_id = module.network.private_endpoint_subnet_id
  private_dns_zone_id        = module.network.private_dns_zone_ids["privatelink.vaultcore.azure.net"]
  log_analytics_workspace_id = module.log_analytics.id

  tags = local.tags
}

module "storage" {
  source = "${{ values.modules.storage }}"

  name                = "${{ values.names.storageAccount }}"
  resource_group_name = azurerm_resource_group.this.name
  location            = azurerm_resource_group.this.location

  role_assignments = {
    for role, identity in azurerm_user_assigned_identity.workload : "workload-${role}" => {
      role_definition_name = "Storage Blob Data Contributor"
      principal_id         = identity.principal_id
    }
  }

  private_endpoint_subnet_id = module.network.private_endpoint_subnet_id
  private_dns_zone_ids = {
    blob  = module.network.private_dns_zone_ids["privatelink.blob.core.windows.net"]
    queue = module.network.private_dns_zone_ids["privatelink.queue.core.windows.net"]
  }
  log_analytics_workspace_id = module.log_analytics.id

  tags = local.tags
}
{% if values.hosting == 'app-service' %}
module "app_service" {
  source = "${{ values.modules.app_service }}"

  name                = "${{ values.names.webApps.primary }}"
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

  # Connection details only: secrets stay in Key Vault and access goes through the identity.
  app_settings = {
    "SERVICE_NAME"          = "${{ values.name }}"
    "AZURE_REGION"          = "${{ values.primaryRegion }}"
    "AZURE_CLIENT_ID"       = azurerm_user_assigned_identity.workload["primary"].client_id
    "KEY_VAULT_URI"         = module.key_vault.vault_uri
    "SQL_SERVER"            = "${{ values.names.sqlFailoverGroup }}.database.windows.net"
    "SQL_DATABASE"          = "${{ values.names.sqlDatabase }}"
    "STORAGE_BLOB_ENDPOINT" = module.storage.primary_blob_endpoint
    # Where the service sends request telemetry (not a credential: the component takes Entra
    # tokens only).
    "APPLICATIONINSIGHTS_CONNECTION_STRING" = module.application_insights.connection_string
{%- if values.runtime == 'java' %}
    # App Service's Java agent, configured by the repository's applicationinsights.json and signed
    # in with the workload identity.
    "ApplicationInsightsAgent_EXTENSION_VERSION" = "~3"
    "APPLICATIONINSIGHTS_CONFIGURATION_CONTENT"  = file("${path.root}/../../../applicationinsights.json")
    "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"  = "Authorization=AAD;ClientId=${azurerm_user_assigned_identity.workload["primary"].client_id}"
{%- endif %}
  }
  user_assigned_identity_ids = [azurerm_user_assigned_identity.workload["primary"].id]

  integration_subnet_id      = module.network.subnet_ids["app-integration"]
  private_endpoint_subnet_id = module.network.private_endpoint_subnet_id
  private_dns_zone_id        = module.network.private_dns_zone_ids["privatelink.azurewebsites.net"]
  log_analytics_workspace_id = module.log_analytics.id

  tags = local.tags
}
{% else %}
module "aks" {
  source = "${{ values.modules.aks }}"

  name                       = "${{ values.names.aksClusters.primary }}"
  resource_group_name        = azurerm_resource_group.this.name
  location                   = azurerm_resource_group.this.location
  admin_group_object_ids     = var.aks_admin_group_object_ids
  node_subnet_id             = module.network.subnet_ids["aks-nodes"]
  log_analytics_workspace_id = module.log_analytics.id
  monitor_private_link       = { scope_id = module.log_analytics.private_link_scope_id }

  tags = local.tags
}

# Workload identity: pods of the service account ${{ values.name }}/${{ values.name }} get the
# identity's tokens. No shared module exists for federated credentials.
resource "azurerm_federated_identity_credential" "workload" {
  name                = "${{ values.names.aksClusters.primary }}"
  resource_group_name = azurerm_resource_group.this.name
  parent_id           = azurerm_user_assigned_identity.workload["primary"].id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = module.aks.oidc_issuer_url
  subject             = "system:serviceaccount:${{ values.name }}:${{ values.name }}"
}
{% endif -%}
