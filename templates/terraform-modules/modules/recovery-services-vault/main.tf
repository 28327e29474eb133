# A Recovery Services vault for the service's VM and workload backups (HIPAA §164.308(a)(7)(ii)(A),
# data backup plan), stored geo-redundantly and restorable in the paired region while the primary
# region is down (§164.308(a)(7)(ii)(B), disaster recovery plan).

resource "azurerm_recovery_services_vault" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  location            = var.location
  sku                 = "Standard"

  storage_mode_type            = "GeoRedundant"
  cross_region_restore_enabled = true

  # Deleted backup data stays recoverable for 14 days, and immutability stops recovery points
  # from being deleted or shortened before they expire (ransomware protection).
  soft_delete_enabled = true
  immutability        = var.immutability

  public_network_access_enabled = false

  identity {
    type = "SystemAssigned"
  }

  monitoring {
    alerts_for_all_job_failures_enabled            = true
    alerts_for_critical_operation_failures_enabled = true
  }

  tags = var.tags
}

resource "azurerm_backup_policy_vm" "daily" {
  name                           = "daily-${var.name}"
  resource_group_name            = var.resource_group_name
  recovery_vault_name            = azurerm_recovery_services_vault.this.name
  policy_type                    = "V2"
  timezone                       = var.backup_policy.timezone
  instant_restore_retention_days = 7

  backup {
    frequency = "Daily"
    time      = var.backup_policy.time
  }

  retention_daily {
    count = var.backup_policy.daily_retention_days
  }

  retention_weekly {
    count    = var.backup_policy.weekly_retention_weeks
    weekdays = ["Sunday"]
  }

  retention_monthly {
    count    = var.backup_policy.monthly_retention_months
    weekdays = ["Sunday"]
    weeks    = ["First"]
  }

  # One recovery point a year kept for the HIPAA six-year retention (§164.316(b)(2)(i)).
  retention_yearly {
    count    = var.backup_policy.yearly_retention_years
    weekdays = ["Sunday"]
    weeks    = ["First"]
    months   = ["January"]
  }
}

resource "azurerm_private_endpoint" "this" {
  name                = "pep-${var.name}"
  resource_group_name = var.resource_group_name
  location            = var.location
  subnet_id           = var.private_endpoint_subnet_id
  tags                = var.tags

  private_service_connection {
    name                           = "AzureBackup-${var.name}"
    private_connection_resource_id = azurerm_recovery_services_vault.this.id
    subresource_names              = ["AzureBackup"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "AzureBackup"
    private_dns_zone_ids = var.private_dns_zone_ids
  }
}

# Backup jobs, restores and policy changes, in the resource-specific tables Backup reports use.
module "diagnostics" {
  source = "../diagnostic-settings"

  target_resource_id             = azurerm_recovery_services_vault.this.id
  log_analytics_workspace_id     = var.log_analytics_workspace_id
  log_analytics_destination_type = "Dedicated"
  tags                           = var.tags
}
