output "primary_server_id" {
  description = "Resource ID of the primary logical server."
  value       = azurerm_mssql_server.this["primary"].id
}

output "secondary_server_id" {
  description = "Resource ID of the secondary logical server."
  value       = azurerm_mssql_server.this["secondary"].id
}

output "server_principal_ids" {
  description = "Object IDs of the servers' system-assigned identities, keyed primary and secondary."
  value       = { for key, server in azurerm_mssql_server.this : key => server.identity[0].principal_id }
}

output "database_ids" {
  description = "Primary database IDs keyed by database name."
  value       = { for name, database in azurerm_mssql_database.this : name => database.id }
}

output "secondary_database_ids" {
  description = "Geo-secondary database IDs keyed by database name."
  value       = { for name, database in azurerm_mssql_database.secondary : name => database.id }
}

output "failover_group_id" {
  description = "Resource ID of the failover group."
  value       = azurerm_mssql_failover_group.this.id
}

output "read_write_listener" {
  description = "Host name applications connect to for writes; it follows the primary through failovers."
  value       = "${azurerm_mssql_failover_group.this.name}.database.windows.net"
}

output "read_only_listener" {
  description = "Host name for read-only workloads (ApplicationIntent=ReadOnly); it points at the secondary."
  value       = "${azurerm_mssql_failover_group.this.name}.secondary.database.windows.net"
}

output "failover_grace_minutes" {
  description = "Grace period of the automatic failover policy derived from rpo_minutes, or null in Manual mode."
  value       = var.failover_mode == "Automatic" ? local.grace_minutes : null
}
