/*
 * The HTTP contract of the DR-readiness backend (`/api/dr-readiness`), shared
 * by the backend and the frontend.
 */
import type {
  CoverageGap,
  EntityCoverage,
  EstateCoverage,
  TypeCoverage,
} from '@vitals/azure-inventory-common';
import type {
  DrillOutcome,
  DrTier,
  EntityReadiness,
  ReadinessStatus,
  RegionImpact,
  RegionRole,
  ServiceImpact,
} from './types';
import type { RegionPairing } from './regions';

export type { CoverageGap, EntityCoverage, EstateCoverage, TypeCoverage };

/** Where the evaluated Azure inventory came from, and how fresh it is. */
export interface InventoryStatus {
  source: 'snapshot' | 'live';
  /** The snapshot file, or the Resource Manager endpoint. */
  origin: string;
  /** When the data was read from Azure (for a snapshot: when it was exported). */
  fetchedAt: string;
  /** When this copy was last loaded successfully. */
  refreshedAt: string;
  /** Seconds since `refreshedAt`. */
  ageSeconds: number;
  resourceCount: number;
  /** The last refresh failed or is overdue. */
  stale: boolean;
  /** Why the last refresh failed, while the previous inventory is served. */
  error?: string;
}

/** A DR annotation that cannot be used, as the API reports it. */
export interface PolicyProblem {
  annotation: string;
  value: string | null;
  reason: string;
  message: string;
}

/** `GET /entities/:namespace/:kind/:name` for an evaluated entity. */
export interface EntityReadinessBody extends EntityReadiness {
  stale: boolean;
  inventory: InventoryStatus | null;
}

/** `GET /entities/:namespace/:kind/:name` when the DR annotations cannot be read. */
export interface EntityPolicyErrorBody {
  entityRef: string;
  policyErrors: PolicyProblem[];
  evaluatedAt: string;
  stale: boolean;
  inventory: InventoryStatus | null;
}

/** `GET /entities/:namespace/:kind/:name` for an entity without DR annotations. */
export interface EntityAnnotationMissingBody {
  entityRef: string;
  annotationMissing: true;
}

/** `GET /entities/:namespace/:kind/:name`. */
export type EntityResponse =
  | EntityReadinessBody
  | EntityPolicyErrorBody
  | EntityAnnotationMissingBody;

export function isAnnotationMissing(
  body: EntityResponse,
): body is EntityAnnotationMissingBody {
  return 'annotationMissing' in body && body.annotationMissing === true;
}

export function hasPolicyErrors(
  body: EntityResponse,
): body is EntityPolicyErrorBody {
  return 'policyErrors' in body;
}

/** One region of an overview row. */
export interface OverviewCell {
  role: RegionRole;
  status: ReadinessStatus;
}

/** One row of the services × regions matrix. */
export interface DrOverviewItem {
  entityRef: string;
  /** Full, lower-case entity refs. */
  owner: string | null;
  system: string | null;
  /** Null when the tier annotation cannot be read. */
  tier: DrTier | null;
  status: ReadinessStatus;
  score: number | null;
  /** False for tier `none`: reported, not required. */
  required: boolean;
  primaryRegion: string | null;
  secondaryRegion: string | null;
  pairing: RegionPairing | null;
  cells: Record<string, OverviewCell>;
  lastDrill: { performedAt: string; outcome: DrillOutcome } | null;
  /** Why the entity could not be evaluated (a bad annotation). */
  policyError: string | null;
}

/** `GET /overview`. */
export interface DrOverviewResponse {
  /** Every region that appears in a row, sorted. */
  regions: string[];
  items: DrOverviewItem[];
  /** When the newest evaluation was made. */
  evaluatedAt: string | null;
  inventory: InventoryStatus | null;
}

/** One service of a region-impact answer, with its owner and system for grouping. */
export interface ServiceImpactItem extends ServiceImpact {
  owner: string | null;
  system: string | null;
}

/** `GET /regions/:region/impact`. */
export interface RegionImpactResponse extends Omit<RegionImpact, 'services'> {
  services: ServiceImpactItem[];
  evaluatedAt: string | null;
  inventory: InventoryStatus | null;
}

/**
 * `GET /coverage`: every resource type of the stored estate, whether a DR
 * check judges it (and which), blind spots first.
 */
export interface DrCoverageResponse extends EstateCoverage {
  inventory: InventoryStatus | null;
}
