variable "sql_admin_group_name" {
  type        = string
  description = "Display name of the Entra ID group administering both SQL servers (repository variable SQL_ADMIN_GROUP_NAME)."
}

variable "sql_admin_group_object_id" {
  type        = string
  description = "Object ID of that group (repository variable SQL_ADMIN_GROUP_OBJECT_ID)."
}
{%- if values.hosting == 'aks' %}

variable "ingress_host_names" {
  type = object({
    primary   = string
    secondary = string
  })
  description = "Host names of the ingress in each cluster, the origins of the global entry point (repository variable INGRESS_HOST_NAMES, a JSON object)."
}
{%- endif %}
