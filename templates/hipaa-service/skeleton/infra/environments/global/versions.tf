terraform {
  # The shared modules ${{ values.moduleVersion }} need these versions (their README).
  required_version = "${{ values.terraformVersion }}"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "${{ values.azurermVersion }}"
    }
  }
}
