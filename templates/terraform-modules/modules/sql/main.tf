# Azure SQL for a service that must survive the loss of its region: a primary and a secondary
# logical server in paired regions, zone-redundant databases and their geo-secondaries, and a
# failover group whose listener follows the primary.
#
# Failover grace period: Azure accepts whole hours from 60 minutes. The group waits this long for
# the primary before it fails over with possible loss of the unreplicated tail, so the period is
# sized from the RPO the service declares (rounded up to whole hours, 60-minute floor). For tiers
# whose RTO is no longer than the floor (critical, high) the automatic policy is only a backstop:
# meet the RTO with a customer-initiated failover from the DR runbook; the rto_minutes check
# below says so at plan time.

locals {
  grace_minutes = max(60, ceil(var.rpo_minutes / 60) * 60)

  servers = {
    primary = {
      name                       = var.name
      location                   = var.location
      private_endpoint_subnet_id = var.private_endpoint_subnet_id
    }
    secondary = {
      name                       = coalesce(var.secondary_name, "${var.name}-secondary")
      location                   = var.secondary_location
      private_endpoint_subnet_id = var.secondary_private_endpoint_subnet_id
    }
  }
}

resource "azurerm_mssql_server" "this" {
  for_each = local.servers

  name                = each.value.name
  resource_group_name = var.resource_group_name
  location            = each.value.location
  version             = "12.0"

  minimum_tls_version                  = "1.2"
  public_network_access_enabled        = false
  outbound_network_restriction_enabled = true

  # Entra ID only, no SQL logins (HIPAA §164.312(a)(2)(i), unique user identification; §164.312(d),
  # person or entity authentication). The administrator should be a group, not a person.
  azuread_administrator {
    login_username              = var.entra_admin.login_username
    object_id                   = var.entra_admin.object_id
    tenant_id                   = var.entra_admin.tenant_id
    azuread_authentication_only = true
  }

  identity {
    type = "SystemAssigned"
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = var.secondary_location != var.location
      error_message = "secondary_location must differ from location: a failover group inside one region survives no regional outage."
    }
  }
}

# Encryption at rest, §164.312(a)(2)(iv): service-managed keys, or a Key Vault key that both
# servers' identities may wrap and unwrap with.
resource "azurerm_role_assignment" "tde_key" {
  for_each = { for key, server in azurerm_mssql_server.this : key => server.identity[0].principal_id if var.tde_customer_managed_key != null }

  scope                = var.tde_customer_managed_key.key_vault_id
  role_definition_name = "Key Vault Crypto Service Encryption User"
  principal_id         = each.value
  principal_type       = "ServicePrincipal"
}

resource "azurerm_mssql_server_transparent_data_encryption" "this" {
  for_each = azurerm_mssql_server.this

  server_id             = each.value.id
  key_vault_key_id      = try(var.tde_customer_managed_key.key_vault_key_id, null)
  auto_rotation_enabled = var.tde_customer_managed_key != null

  depends_on = [azurerm_role_assignment.tde_key]
}

resource "azurerm_mssql_server_security_alert_policy" "this" {
  for_each = azurerm_mssql_server.this

  resource_group_name = var.resource_group_name
  server_name         = each.value.name
  state               = "Enabled"
}

# Audit records go to Log Analytics through the master database's SQLSecurityAuditEvents
# category, which the diagnostic setting must enable before auditing is switched on.
module "audit_diagnostics" {
  source   = "../diagnostic-settings"
  for_each = azurerm_mssql_server.this

  target_resource_id         = "${each.value.id}/databases/master"
  log_analytics_workspace_id = var.log_analytics_workspace_id
  log_categories             = ["SQLSecurityAuditEvents", "DevOpsOperationsAudit"]
  metrics_enabled            = false
  tags                       = var.tags
}

resource "azurerm_mssql_server_extended_auditing_policy" "this" {
  for_each = azurerm_mssql_server.this

  server_id              = each.value.id
  enabled                = true
  log_monitoring_enabled = true

  depends_on = [module.audit_diagnostics]
}

resource "azurerm_mssql_database" "this" {
  for_each = var.databases

  name                 = each.key
  server_id            = azurerm_mssql_server.this["primary"].id
  sku_name             = each.value.sku_name
  max_size_gb          = each.value.max_size_gb
  zone_redundant       = true
  storage_account_type = "GeoZone"

  transparent_data_encryption_enabled = true

  short_term_retention_policy {
    retention_days = each.value.point_in_time_restore_days
    # Hyperscale takes storage snapshots and has no differential backup interval.
    backup_interval_in_hours = startswith(each.value.sku_name, "HS_") ? null : 12
  }

  # Yearly backups kept at least six years, the HIPAA documentation retention (§164.316(b)(2)(i)).
  long_term_retention_policy {
    weekly_retention  = each.value.weekly_retention
    monthly_retention = each.value.monthly_retention
    yearly_retention  = each.value.yearly_retention
    week_of_year      = 1
  }

  tags = var.tags
}

# Declaring the geo-secondaries, rather than letting the failover group seed them, keeps their
# zone redundancy and long-term retention policy under review; the policy starts producing
# backups when the secondary becomes primary.
resource "azurerm_mssql_database" "secondary" {
  for_each = var.databases

  name                        = each.key
  server_id                   = azurerm_mssql_server.this["secondary"].id
  create_mode                 = "Secondary"
  creation_source_database_id = azurerm_mssql_database.this[each.key].id
  sku_name                    = each.value.sku_name
  zone_redundant              = true
  storage_account_type        = "GeoZone"

  long_term_retention_policy {
    weekly_retention  = each.value.weekly_retention
    monthly_retention = each.value.monthly_retention
    yearly_retention  = each.value.yearly_retention
    week_of_year      = 1
  }

  tags = var.tags
}

resource "azurerm_mssql_failover_group" "this" {
  name      = coalesce(var.failover_group_name, "${var.name}-fog")
  server_id = azurerm_mssql_server.this["primary"].id
  databases = [for database in azurerm_mssql_database.this : database.id]

  partner_server {
    id = azurerm_mssql_server.this["secondary"].id
  }

  read_write_endpoint_failover_policy {
    mode          = var.failover_mode
    grace_minutes = var.failover_mode == "Automatic" ? local.grace_minutes : null
  }

  readonly_endpoint_failover_policy_enabled = true

  tags = var.tags

  depends_on = [azurerm_mssql_database.secondary]
}

resource "azurerm_private_endpoint" "this" {
  for_each = azurerm_mssql_server.this

  name                = "pep-${each.value.name}"
  resource_group_name = var.resource_group_name
  location            = each.value.location
  subnet_id           = local.servers[each.key].private_endpoint_subnet_id
  tags                = var.tags

  private_service_connection {
    name                           = "sqlServer-${each.value.name}"
    private_connection_resource_id = each.value.id
    subresource_names              = ["sqlServer"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "sqlServer"
    private_dns_zone_ids = [var.private_dns_zone_id]
  }
}

module "database_diagnostics" {
  source   = "../diagnostic-settings"
  for_each = azurerm_mssql_database.this

  target_resource_id         = each.value.id
  log_analytics_workspace_id = var.log_analytics_workspace_id
  tags                       = var.tags
}

check "failover_within_rto" {
  assert {
    condition     = var.rto_minutes == null ? true : var.failover_mode == "Manual" || local.grace_minutes < var.rto_minutes
    error_message = "The automatic failover grace period (${local.grace_minutes} min) leaves no time within the RTO (${var.rto_minutes} min) for the failover itself; the RTO is met only by a customer-initiated failover. Keep the DR runbook's manual failover step."
  }
}
