# The workspace every module's diagnostic settings write to.
#
# HIPAA §164.316(b)(2)(i) keeps required documentation, which includes audit records of activity
# on ePHI systems, for six years. A Log Analytics workspace keeps data interactively for at most
# 730 days, so the six years are met per table: the workspace keeps `retention_in_days` of hot,
# queryable data, and each audit table listed in `long_term_retention_tables` keeps
# `total_retention_in_days` in all, the remainder in low-cost long-term retention that a search
# job or restore brings back. `archive_export` adds a continuous copy to a storage account for
# teams whose records policy wants an immutable copy outside the workspace.

locals {
  private_link_enabled = var.private_link != null
}

resource "azurerm_log_analytics_workspace" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  location            = var.location
  sku                 = "PerGB2018"
  retention_in_days   = var.retention_in_days
  daily_quota_gb      = var.daily_quota_gb

  # Shared-key ingestion is an identity nobody can attribute; agents and diagnostic settings
  # authenticate with Entra ID instead.
  local_authentication_enabled = false
  internet_ingestion_enabled   = var.internet_ingestion_enabled
  internet_query_enabled       = var.internet_query_enabled

  tags = var.tags
}

resource "azurerm_log_analytics_workspace_table" "long_term" {
  for_each = toset(var.long_term_retention_tables)

  workspace_id            = azurerm_log_analytics_workspace.this.id
  name                    = each.value
  total_retention_in_days = var.total_retention_in_days
}

resource "azurerm_log_analytics_data_export_rule" "archive" {
  count = var.archive_export == null ? 0 : 1

  name                    = "export-${var.name}"
  resource_group_name     = var.resource_group_name
  workspace_resource_id   = azurerm_log_analytics_workspace.this.id
  destination_resource_id = var.archive_export.storage_account_id
  table_names             = coalesce(var.archive_export.table_names, var.long_term_retention_tables)
  enabled                 = true
}

# With internet ingestion and query off, agents (AKS Container Insights) and people reach the
# workspace only through an Azure Monitor Private Link Scope.
resource "azurerm_monitor_private_link_scope" "this" {
  count = local.private_link_enabled ? 1 : 0

  name                  = "ampls-${var.name}"
  resource_group_name   = var.resource_group_name
  ingestion_access_mode = "PrivateOnly"
  query_access_mode     = "PrivateOnly"
  tags                  = var.tags
}

resource "azurerm_monitor_private_link_scoped_service" "workspace" {
  count = local.private_link_enabled ? 1 : 0

  name                = "amplsservice-${var.name}"
  resource_group_name = var.resource_group_name
  scope_name          = azurerm_monitor_private_link_scope.this[0].name
  linked_resource_id  = azurerm_log_analytics_workspace.this.id
}

resource "azurerm_private_endpoint" "ampls" {
  count = local.private_link_enabled ? 1 : 0

  name                = "pep-ampls-${var.name}"
  resource_group_name = var.resource_group_name
  location            = var.location
  subnet_id           = var.private_link.subnet_id
  tags                = var.tags

  private_service_connection {
    name                           = "ampls-${var.name}"
    private_connection_resource_id = azurerm_monitor_private_link_scope.this[0].id
    subresource_names              = ["azuremonitor"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "azuremonitor"
    private_dns_zone_ids = var.private_link.private_dns_zone_ids
  }

  depends_on = [azurerm_monitor_private_link_scoped_service.workspace]
}

check "workspace_reachable" {
  assert {
    condition     = local.private_link_enabled || (var.internet_ingestion_enabled && var.internet_query_enabled)
    error_message = "Internet ingestion or query is disabled and no private_link is configured: diagnostic settings still arrive, but agents (AKS Container Insights) cannot send data and queries fail outside Azure. Configure private_link."
  }
}
