terraform {
  required_version = ">= 1.6"

  required_providers {
    azurerm = {
      source = "hashicorp/azurerm"
      # Any 4.x from 4.42, the first release with every argument the set uses (Key Vault's
      # rbac_authorization_enabled; diagnostic settings' enabled_metric and Log Analytics'
      # local_authentication_enabled arrived earlier in 4.x).
      version = "~> 4.42"
    }
  }
}
