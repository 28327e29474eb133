import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { InventorySource } from '@vitals/azure-inventory';

/**
 * Lets a backend module replace where the DR-readiness plugin reads the
 * Azure estate from (by default `vitals.azure`: a snapshot file or Azure
 * itself): another export format, a CMDB, or a live source with its own
 * credential.
 */
export interface DrReadinessInventoryExtensionPoint {
  setInventorySource(source: InventorySource): void;
}

export const drReadinessInventoryExtensionPoint =
  createExtensionPoint<DrReadinessInventoryExtensionPoint>({
    id: 'dr-readiness.inventory',
  });
