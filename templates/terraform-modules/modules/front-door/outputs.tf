output "profile_id" {
  description = "Resource ID of the Front Door profile."
  value       = azurerm_cdn_frontdoor_profile.this.id
}

output "profile_resource_guid" {
  description = "Front Door ID sent in the X-Azure-FDID header; origins that must accept traffic from this profile only compare against it."
  value       = azurerm_cdn_frontdoor_profile.this.resource_guid
}

output "endpoint_host_name" {
  description = "Host name of the endpoint (<endpoint>-<hash>.z01.azurefd.net); the CNAME target of the custom domains."
  value       = azurerm_cdn_frontdoor_endpoint.this.host_name
}

output "origin_group_id" {
  description = "Resource ID of the origin group."
  value       = azurerm_cdn_frontdoor_origin_group.this.id
}

output "origin_ids" {
  description = "Origin IDs keyed primary and secondary."
  value       = { for key, origin in azurerm_cdn_frontdoor_origin.this : key => origin.id }
}

output "firewall_policy_id" {
  description = "Resource ID of the WAF policy."
  value       = azurerm_cdn_frontdoor_firewall_policy.this.id
}

output "custom_domain_validation_tokens" {
  description = "Validation token per custom domain, to publish as TXT record _dnsauth.<host name>."
  value       = { for key, domain in azurerm_cdn_frontdoor_custom_domain.this : key => domain.validation_token }
}
