{%- if values.hosting == 'aks' %}
variable "aks_admin_group_object_ids" {
  type        = list(string)
  description = "Entra ID groups granted cluster-admin on the ${{ values.secondaryRegion }} cluster (repository variable AKS_ADMIN_GROUP_OBJECT_IDS, a JSON list)."
}
{%- else %}
# This environment takes no input: every name is derived from the service name and regions.
{%- endif %}
