output "sql_read_write_listener" {
  description = "Host name the service connects to; it follows the primary through failovers."
  value       = module.sql.read_write_listener
}

output "sql_failover_grace_minutes" {
  description = "Grace period of the automatic failover policy, or null in Manual mode."
  value       = module.sql.failover_grace_minutes
}
{% if values.globalRouting == 'front-door' %}
output "endpoint_host_name" {
  description = "Front Door endpoint; CNAME the service's public host name to it."
  value       = module.front_door.endpoint_host_name
}
{% else %}
output "traffic_manager_fqdn" {
  description = "Traffic Manager name; CNAME the service's public host name to it."
  value       = module.traffic_manager.fqdn
}
{% endif -%}
