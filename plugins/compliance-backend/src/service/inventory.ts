import type {
  AzureInventoryService,
  AzureInventorySnapshot,
} from '@vitals/azure-inventory';
import type {
  AzureResource,
  InventoryIndex,
  InventoryProvenance,
} from '@vitals/azure-inventory-common';
import { type ComplianceDataSources } from '@vitals/plugin-compliance-common';
import { publicErrorText, publicInventoryOrigin } from '@vitals/backend-http';

/** The inventory an evaluation uses, and whether it is the last good one. */
export interface EvaluatedInventory {
  resources: readonly AzureResource[];
  provenance: InventoryProvenance;
  refreshedAt: number;
  /** Set when the load failed and the last good inventory was used instead. */
  error: string | null;
  /** The snapshot's version: equal versions, equal resources. */
  contentHash: string;
  /** The shared index of `resources`, built once per version for every plugin. */
  index?: InventoryIndex;
}

/** No inventory has ever been loaded, and the source fails now. */
export class InventoryUnavailableError extends Error {
  name = 'InventoryUnavailableError';
}

/**
 * The Azure inventory behind the evaluations: the backend's shared inventory
 * (the same estate DR readiness evaluates, read once for both), seen with the
 * compliance plugin's idea of stale.
 */
export class ComplianceInventory {
  constructor(
    private readonly options: {
      inventory: AzureInventoryService;
      /** Older than this, the inventory is reported stale. */
      maxAgeMs: number;
    },
  ) {}

  /** Brings the shared inventory up to date; on failure falls back to the stored one. */
  async refresh(): Promise<EvaluatedInventory> {
    const outcome = await this.options.inventory.refresh();
    if (!outcome.snapshot) {
      throw new InventoryUnavailableError(
        `The Azure inventory could not be loaded and none is stored yet: ${
          outcome.error ?? 'no load has finished'
        }`,
      );
    }
    return evaluated(outcome.snapshot, outcome.error ?? null);
  }

  /** The last good inventory, parsed once per version. */
  async stored(): Promise<EvaluatedInventory | undefined> {
    const [snapshot, status] = await Promise.all([
      this.options.inventory.current(),
      this.options.inventory.status(),
    ]);
    if (!snapshot) return undefined;
    return evaluated(snapshot, status.lastError ?? null);
  }

  /** How old and how healthy the stored inventory is, judged now. */
  async state(): Promise<ComplianceDataSources['azure']> {
    const { snapshot, ageMs, lastError } =
      await this.options.inventory.status();
    const failing = lastError !== undefined;
    if (!snapshot || ageMs === undefined) {
      return {
        source: null,
        origin: null,
        fetchedAt: null,
        refreshedAt: null,
        ageSeconds: null,
        stale: true,
        error: failing ? publicErrorText(lastError) : null,
      };
    }
    const fetchedAt = Date.parse(snapshot.provenance.fetchedAt);
    return {
      source: snapshot.provenance.source,
      origin: publicInventoryOrigin(snapshot.provenance.origin),
      fetchedAt: new Date(
        Number.isFinite(fetchedAt) ? fetchedAt : snapshot.refreshedAt,
      ).toISOString(),
      refreshedAt: new Date(snapshot.refreshedAt).toISOString(),
      ageSeconds: Math.round(ageMs / 1000),
      stale: failing || ageMs > this.options.maxAgeMs,
      error: failing ? publicErrorText(lastError) : null,
    };
  }
}

function evaluated(
  snapshot: AzureInventorySnapshot,
  error: string | null,
): EvaluatedInventory {
  return {
    resources: snapshot.resources,
    provenance: snapshot.provenance,
    refreshedAt: snapshot.refreshedAt,
    error,
    contentHash: snapshot.contentHash,
    index: snapshot.index,
  };
}
