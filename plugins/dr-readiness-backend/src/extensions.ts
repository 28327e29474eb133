import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { InventorySource } from '@vitals/azure-inventory';

/**
 * Lets a backend module replace where the DR-readiness plugin reads the
 * Azure estate from: another export format, a CMDB, or a live source with its
 * own credential. The plugin then reads that source on its own, kept in its
 * own database, instead of the backend's shared inventory. To change the
 * source for DR readiness and compliance together, install
 * `createAzureInventoryServiceFactory({ source })` from
 * `@vitals/azure-inventory` instead.
 */
export interface DrReadinessInventoryExtensionPoint {
  setInventorySource(source: InventorySource): void;
}

export const drReadinessInventoryExtensionPoint =
  createExtensionPoint<DrReadinessInventoryExtensionPoint>({
    id: 'dr-readiness.inventory',
  });
