# The Application Insights component a service's OpenTelemetry request telemetry goes to (Azure
# Monitor OpenTelemetry distro), stored in the Log Analytics workspace, where the Vitals SLO
# plugin computes SLIs with KQL over the AppRequests table.
#
# The component is workspace-based: telemetry lands in the workspace's App* tables (AppRequests,
# AppDependencies, AppExceptions, ...) under the workspace's access control and retention, next
# to the audit trail, instead of in a classic store of its own. The component therefore sets no
# retention: the App* tables keep the workspace's retention_in_days, and the log-analytics
# module's long_term_retention_tables can keep any of them longer.

locals {
  private_monitoring = var.monitor_private_link != null
}

resource "azurerm_application_insights" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  location            = var.location
  application_type    = "web"

  # Workspace-based (Vitals compliance rule appinsights.workspace-based): classic components keep
  # telemetry outside any workspace's access control and retention.
  workspace_id = var.workspace_id

  # Telemetry is accepted only with an Entra ID token of an identity holding Monitoring Metrics
  # Publisher on the component (HIPAA §164.312(d)); the instrumentation key in the connection
  # string no longer lets anyone who has it write requests into the workspace and the SLIs
  # (Vitals compliance rule appinsights.local-auth-disabled, which checks DisableLocalAuth).
  local_authentication_disabled = true

  # Ingestion sampling keeps a share of the records and weights each kept one with ItemCount. The
  # SLO plugin sums ItemCount, but the good/bad split then becomes an estimate: the few failures
  # of a quiet window may all be dropped or each count many times over, and latency percentiles
  # come from a sample. Error budgets must be spent on the failures that happened, so every
  # request is kept.
  sampling_percentage = 100

  # Client IP addresses are identifiers under HIPAA (§164.514(b)(2)(i)(O)); Application Insights
  # keeps only the location derived from them and stores no address.
  disable_ip_masking = false

  internet_ingestion_enabled = var.internet_ingestion_enabled
  internet_query_enabled     = var.internet_query_enabled

  tags = var.tags
}

resource "azurerm_role_assignment" "this" {
  for_each = var.role_assignments

  scope                = azurerm_application_insights.this.id
  role_definition_name = each.value.role_definition_name
  principal_id         = each.value.principal_id
  principal_type       = each.value.principal_type
}

# The log-analytics module's private link scope accepts ingestion in PrivateOnly mode: a network
# that reaches Azure Monitor through it may send only to the resources in the scope, so telemetry
# from the service's network is refused unless the component joins the scope too.
resource "azurerm_monitor_private_link_scoped_service" "this" {
  count = local.private_monitoring ? 1 : 0

  name                = "amplsservice-${var.name}"
  resource_group_name = split("/", var.monitor_private_link.scope_id)[4]
  scope_name          = split("/", var.monitor_private_link.scope_id)[8]
  linked_resource_id  = azurerm_application_insights.this.id
}

# No diagnostic setting: a component's log categories are its telemetry tables, which the
# workspace already receives; a setting to the same workspace would write every request twice.
# Changes to the component itself are in AzureActivity.

check "telemetry_reachable" {
  assert {
    condition     = local.private_monitoring || (var.internet_ingestion_enabled && var.internet_query_enabled)
    error_message = "Internet ingestion or query is disabled and no monitor_private_link is configured: services cannot send telemetry and queries through the component fail outside Azure. Join the component to the workspace's private link scope with monitor_private_link."
  }
}
