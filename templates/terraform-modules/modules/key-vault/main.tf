# A Key Vault for a service's secrets, keys and certificates, reachable only through a private
# endpoint, authorised only through Azure RBAC, and unrecoverable-deletion proof.

data "azurerm_client_config" "current" {}

resource "azurerm_key_vault" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  location            = var.location
  tenant_id           = coalesce(var.tenant_id, data.azurerm_client_config.current.tenant_id)
  sku_name            = var.sku_name

  # Data-plane access is granted with role assignments, audited with the rest of Azure RBAC,
  # instead of per-vault access policies (Azure Policy: Azure Key Vault should use RBAC
  # permission model).
  rbac_authorization_enabled = true

  # HIPAA §164.308(a)(7)(ii)(A) (data backup plan) and §164.312(c)(1) (integrity): a deleted
  # vault or key stays recoverable for 90 days and cannot be purged early, not even by an owner.
  purge_protection_enabled   = true
  soft_delete_retention_days = 90

  public_network_access_enabled   = false
  enabled_for_disk_encryption     = var.enabled_for_disk_encryption
  enabled_for_deployment          = false
  enabled_for_template_deployment = false

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }

  tags = var.tags
}

resource "azurerm_role_assignment" "this" {
  for_each = var.role_assignments

  scope                = azurerm_key_vault.this.id
  role_definition_name = each.value.role_definition_name
  principal_id         = each.value.principal_id
  principal_type       = each.value.principal_type
}

resource "azurerm_private_endpoint" "this" {
  name                = "pep-${var.name}"
  resource_group_name = var.resource_group_name
  location            = var.location
  subnet_id           = var.private_endpoint_subnet_id
  tags                = var.tags

  private_service_connection {
    name                           = "vault-${var.name}"
    private_connection_resource_id = azurerm_key_vault.this.id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "vault"
    private_dns_zone_ids = [var.private_dns_zone_id]
  }
}

# AuditEvent records every secret, key and certificate read: who touched which credential that
# guards ePHI (§164.312(b)).
module "diagnostics" {
  source = "../diagnostic-settings"

  target_resource_id         = azurerm_key_vault.this.id
  log_analytics_workspace_id = var.log_analytics_workspace_id
  tags                       = var.tags
}
