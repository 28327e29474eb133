# A private AKS cluster whose API server has no public endpoint, whose users authenticate only
# with Entra ID and are authorised with Azure RBAC, and whose node pools span three zones.

locals {
  container_insights_streams = [
    "Microsoft-ContainerLogV2",
    "Microsoft-KubeEvents",
    "Microsoft-KubePodInventory",
    "Microsoft-KubeNodeInventory",
    "Microsoft-InsightsMetrics",
  ]
  private_monitoring = var.monitor_private_link != null
}

resource "azurerm_kubernetes_cluster" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  location            = var.location
  dns_prefix          = var.name
  kubernetes_version  = var.kubernetes_version
  sku_tier            = "Standard"
  node_resource_group = "${var.resource_group_name}-${var.name}-nodes"

  private_cluster_enabled             = true
  private_cluster_public_fqdn_enabled = false
  private_dns_zone_id                 = "System"

  # No static kubeconfig credentials: every kubectl call is an Entra ID identity, authorised with
  # Azure RBAC and recorded in kube-audit (HIPAA §164.312(a)(1), §164.312(d)).
  local_account_disabled            = true
  role_based_access_control_enabled = true

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    tenant_id              = var.tenant_id
    admin_group_object_ids = var.admin_group_object_ids
  }

  oidc_issuer_enabled       = true
  workload_identity_enabled = true
  azure_policy_enabled      = true
  run_command_enabled       = var.run_command_enabled
  image_cleaner_enabled     = true

  image_cleaner_interval_hours = 48
  automatic_upgrade_channel    = "patch"
  node_os_upgrade_channel      = "NodeImage"

  identity {
    type = "SystemAssigned"
  }

  default_node_pool {
    name                         = "system"
    vm_size                      = var.system_node_pool.vm_size
    zones                        = var.zones
    auto_scaling_enabled         = true
    min_count                    = var.system_node_pool.min_count
    max_count                    = var.system_node_pool.max_count
    only_critical_addons_enabled = true
    host_encryption_enabled      = var.host_encryption_enabled
    os_sku                       = "AzureLinux"
    vnet_subnet_id               = var.node_subnet_id
    temporary_name_for_rotation  = "systemtmp"
    tags                         = var.tags

    upgrade_settings {
      max_surge = "33%"
    }
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
    load_balancer_sku   = "standard"
    outbound_type       = var.outbound_type
  }

  oms_agent {
    log_analytics_workspace_id      = var.log_analytics_workspace_id
    msi_auth_for_monitoring_enabled = true
  }

  dynamic "microsoft_defender" {
    for_each = var.defender_enabled ? [var.log_analytics_workspace_id] : []
    content {
      log_analytics_workspace_id = microsoft_defender.value
    }
  }

  key_vault_secrets_provider {
    secret_rotation_enabled = true
  }

  tags = var.tags

  lifecycle {
    ignore_changes = [default_node_pool[0].node_count]
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                    = "user"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.this.id
  mode                    = "User"
  vm_size                 = var.user_node_pool.vm_size
  zones                   = var.zones
  auto_scaling_enabled    = true
  min_count               = var.user_node_pool.min_count
  max_count               = var.user_node_pool.max_count
  host_encryption_enabled = var.host_encryption_enabled
  os_sku                  = "AzureLinux"
  vnet_subnet_id          = var.node_subnet_id
  tags                    = var.tags

  upgrade_settings {
    max_surge = "33%"
  }

  lifecycle {
    ignore_changes = [node_count]
  }
}

# Container Insights authenticates with the cluster's managed identity (the workspace refuses
# shared keys) and collects through a data collection rule associated with the cluster.
resource "azurerm_monitor_data_collection_rule" "container_insights" {
  name                        = "MSCI-${var.location}-${var.name}"
  resource_group_name         = var.resource_group_name
  location                    = var.location
  kind                        = "Linux"
  data_collection_endpoint_id = one(azurerm_monitor_data_collection_endpoint.this[*].id)
  tags                        = var.tags

  destinations {
    log_analytics {
      name                  = "workspace"
      workspace_resource_id = var.log_analytics_workspace_id
    }
  }

  data_flow {
    streams      = local.container_insights_streams
    destinations = ["workspace"]
  }

  data_sources {
    extension {
      name           = "ContainerInsightsExtension"
      extension_name = "ContainerInsights"
      streams        = local.container_insights_streams
      extension_json = jsonencode({
        dataCollectionSettings = {
          interval               = "1m"
          namespaceFilteringMode = "Off"
          enableContainerLogV2   = true
        }
      })
    }
  }
}

resource "azurerm_monitor_data_collection_rule_association" "container_insights" {
  name                    = "ContainerInsightsExtension"
  target_resource_id      = azurerm_kubernetes_cluster.this.id
  data_collection_rule_id = azurerm_monitor_data_collection_rule.container_insights.id
}

# With a private-only workspace the agents reach Azure Monitor through a regional data collection
# endpoint joined to the Azure Monitor Private Link Scope.
resource "azurerm_monitor_data_collection_endpoint" "this" {
  count = local.private_monitoring ? 1 : 0

  name                          = "dce-${var.name}"
  resource_group_name           = var.resource_group_name
  location                      = var.location
  kind                          = "Linux"
  public_network_access_enabled = false
  tags                          = var.tags
}

resource "azurerm_monitor_private_link_scoped_service" "data_collection_endpoint" {
  count = local.private_monitoring ? 1 : 0

  name                = "amplsservice-dce-${var.name}"
  resource_group_name = split("/", var.monitor_private_link.scope_id)[4]
  scope_name          = split("/", var.monitor_private_link.scope_id)[8]
  linked_resource_id  = azurerm_monitor_data_collection_endpoint.this[0].id
}

resource "azurerm_monitor_data_collection_rule_association" "configuration_access" {
  count = local.private_monitoring ? 1 : 0

  # Azure requires this exact name for the endpoint association of a cluster.
  name                        = "configurationAccessEndpoint"
  target_resource_id          = azurerm_kubernetes_cluster.this.id
  data_collection_endpoint_id = azurerm_monitor_data_collection_endpoint.this[0].id
}

# kube-audit and kube-audit-admin are the §164.312(b) record of who did what in the cluster.
module "diagnostics" {
  source = "../diagnostic-settings"

  target_resource_id             = azurerm_kubernetes_cluster.this.id
  log_analytics_workspace_id     = var.log_analytics_workspace_id
  log_analytics_destination_type = "Dedicated"
  tags                           = var.tags
}
