# Credentials come from the environment, never from this repository: the pipelines sign in with
# OpenID Connect (ARM_USE_OIDC, ARM_CLIENT_ID, ARM_TENANT_ID, ARM_SUBSCRIPTION_ID).
provider "azurerm" {
  features {}

  # The storage module disables shared keys, so data-plane calls must use Entra ID.
  storage_use_azuread = true
}
