# Remote state in the platform's state account, authenticated with Entra ID (no access keys).
# Settings left out here are passed by the shared pipeline with -backend-config.
terraform {
  backend "azurerm" {
{%- if values.state.resourceGroupName or values.state.storageAccountName or values.state.containerName %}
{%- if values.state.resourceGroupName %}
    resource_group_name  = "${{ values.state.resourceGroupName }}"
{%- endif %}
{%- if values.state.storageAccountName %}
    storage_account_name = "${{ values.state.storageAccountName }}"
{%- endif %}
{%- if values.state.containerName %}
    container_name       = "${{ values.state.containerName }}"
{%- endif %}
    key                  = "${{ values.name }}/${{ values.secondaryRegion }}.tfstate"
    use_azuread_auth     = true
{%- else %}
    key              = "${{ values.name }}/${{ values.secondaryRegion }}.tfstate"
    use_azuread_auth = true
{%- endif %}
  }
}
