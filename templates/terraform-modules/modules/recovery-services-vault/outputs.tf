output "id" {
  description = "Resource ID of the vault."
  value       = azurerm_recovery_services_vault.this.id
}

output "name" {
  description = "Name of the vault."
  value       = azurerm_recovery_services_vault.this.name
}

output "principal_id" {
  description = "Object ID of the vault's system-assigned identity."
  value       = azurerm_recovery_services_vault.this.identity[0].principal_id
}

output "vm_backup_policy_id" {
  description = "Resource ID of the daily VM backup policy, for azurerm_backup_protected_vm."
  value       = azurerm_backup_policy_vm.daily.id
}
