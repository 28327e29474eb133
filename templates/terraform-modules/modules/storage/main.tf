# A geo-redundant StorageV2 account for a service's documents and exports: private endpoints
# only, Entra ID authentication only, and blob versioning and soft delete so that an overwritten
# or deleted object can be brought back.

locals {
  # Diagnostic logs exist per data service, not on the account itself.
  logged_services = setintersection(keys(var.private_dns_zone_ids), ["blob", "file", "queue", "table"])
}

resource "azurerm_storage_account" "this" {
  name                     = var.name
  resource_group_name      = var.resource_group_name
  location                 = var.location
  account_kind             = "StorageV2"
  account_tier             = "Standard"
  account_replication_type = var.account_replication_type
  access_tier              = "Hot"

  # Transmission security, HIPAA §164.312(e)(1).
  min_tls_version            = "TLS1_2"
  https_traffic_only_enabled = true

  # Access control, §164.312(a)(1): no anonymous containers, no account keys or SAS signed with
  # them, no local SFTP users; every request carries an Entra ID identity that the logs name.
  allow_nested_items_to_be_public  = false
  shared_access_key_enabled        = false
  default_to_oauth_authentication  = true
  local_user_enabled               = false
  cross_tenant_replication_enabled = false
  allowed_copy_scope               = "AAD"
  public_network_access_enabled    = false

  # Encryption at rest, §164.312(a)(2)(iv): a second AES-256 layer at the infrastructure level on
  # top of service-side encryption.
  infrastructure_encryption_enabled = true

  identity {
    type = "SystemAssigned"
  }

  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices"]
  }

  blob_properties {
    versioning_enabled            = true
    change_feed_enabled           = true
    change_feed_retention_in_days = var.change_feed_retention_days

    delete_retention_policy {
      days = var.soft_delete_retention_days
    }

    container_delete_retention_policy {
      days = var.soft_delete_retention_days
    }
  }

  tags = var.tags
}

resource "azurerm_private_endpoint" "this" {
  for_each = var.private_dns_zone_ids

  name                = "pep-${var.name}-${each.key}"
  resource_group_name = var.resource_group_name
  location            = var.location
  subnet_id           = var.private_endpoint_subnet_id
  tags                = var.tags

  private_service_connection {
    name                           = "${each.key}-${var.name}"
    private_connection_resource_id = azurerm_storage_account.this.id
    subresource_names              = [each.key]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = each.key
    private_dns_zone_ids = [each.value]
  }
}

resource "azurerm_role_assignment" "this" {
  for_each = var.role_assignments

  scope                = azurerm_storage_account.this.id
  role_definition_name = each.value.role_definition_name
  principal_id         = each.value.principal_id
  principal_type       = each.value.principal_type
}

# StorageRead/StorageWrite/StorageDelete name the identity behind every access to a blob (§164.312(b)).
module "service_diagnostics" {
  source   = "../diagnostic-settings"
  for_each = local.logged_services

  target_resource_id         = "${azurerm_storage_account.this.id}/${each.value}Services/default"
  log_analytics_workspace_id = var.log_analytics_workspace_id
  tags                       = var.tags
}

# The account itself emits only capacity and transaction metrics.
module "account_diagnostics" {
  source = "../diagnostic-settings"

  name                       = "send-metrics-to-log-analytics"
  target_resource_id         = azurerm_storage_account.this.id
  log_analytics_workspace_id = var.log_analytics_workspace_id
  tags                       = var.tags
}
