output "id" {
  description = "Resource ID of the storage account."
  value       = azurerm_storage_account.this.id
}

output "name" {
  description = "Name of the storage account."
  value       = azurerm_storage_account.this.name
}

output "primary_blob_endpoint" {
  description = "Blob endpoint in the primary region."
  value       = azurerm_storage_account.this.primary_blob_endpoint
}

output "secondary_blob_endpoint" {
  description = "Read-only blob endpoint in the paired region (RA-GRS and RA-GZRS only; null otherwise)."
  value       = azurerm_storage_account.this.secondary_blob_endpoint
}

output "principal_id" {
  description = "Object ID of the account's system-assigned identity (for customer-managed keys)."
  value       = azurerm_storage_account.this.identity[0].principal_id
}

output "private_endpoint_ids" {
  description = "Private endpoint IDs keyed by storage sub-resource."
  value       = { for subresource, endpoint in azurerm_private_endpoint.this : subresource => endpoint.id }
}
