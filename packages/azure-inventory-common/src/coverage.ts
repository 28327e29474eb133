import { isUnderId, type AzureResource } from './model';

/**
 * Coverage: every resource that belongs to an entity is either judged by a
 * check (or rule) or named as not judged, so nothing passes silently.
 */

/**
 * Types that hold and process no data of their own: plumbing, identities,
 * alert definitions. Leaving one unjudged does not cap a verdict; each entry
 * says why it is inert. Anything else that nobody judges does.
 */
export const INERT_RESOURCE_TYPES: Readonly<Record<string, string>> =
  Object.freeze({
    'microsoft.network/publicipaddresses':
      'an address; the services behind it are judged',
    'microsoft.network/networksecuritygroups':
      'packet-filter rules; they hold no data',
    'microsoft.network/networkinterfaces':
      "a VM's network attachment; the VM is judged",
    'microsoft.network/routetables': 'routing rules; they hold no data',
    'microsoft.network/virtualnetworks':
      'carries traffic but stores none; the firewall, gateways and private endpoints on it are judged',
    'microsoft.network/virtualnetworks/subnets':
      'part of a virtual network; it stores no data',
    'microsoft.network/virtualnetworks/virtualnetworkpeerings':
      'connects two virtual networks; it stores no data',
    'microsoft.network/privateendpoints':
      'a private address for another service, which is judged',
    'microsoft.network/privatednszones':
      'name resolution for private endpoints; it holds no data',
    'microsoft.network/privatednszones/virtualnetworklinks':
      'links a private DNS zone to a network; it holds no data',
    'microsoft.network/dnszones': 'public name records; they hold no data',
    'microsoft.network/networkwatchers': 'network diagnostics; no data',
    'microsoft.network/bastionhosts':
      'an administrative jump host with no storage of its own',
    'microsoft.network/natgateways': 'outbound addressing; it holds no data',
    'microsoft.authorization/roleassignments':
      'an access grant; it holds no data',
    'microsoft.authorization/locks': 'a delete lock; it holds no data',
    'microsoft.managedidentity/userassignedidentities':
      'an identity; it holds no data',
    'microsoft.insights/actiongroups': 'alert recipients; no data',
    'microsoft.insights/metricalerts': 'an alert rule; no data',
    'microsoft.insights/activitylogalerts': 'an alert rule; no data',
    'microsoft.insights/scheduledqueryrules': 'an alert rule; no data',
    'microsoft.portal/dashboards': 'a dashboard definition; no data',
    'microsoft.web/serverfarms':
      'an App Service plan: compute capacity for the apps on it, which are judged',
  });

/** Why a type is inert, or undefined when it may hold or process data. */
export function inertReason(type: string): string | undefined {
  return INERT_RESOURCE_TYPES[type.toLowerCase()];
}

/** What judges each resource type: lower-case type → the ids of its checks or rules. */
export type JudgedTypes = ReadonlyMap<string, readonly string[]>;

/** Builds {@link JudgedTypes} from checks or rules that name their subject types. */
export function judgedTypesOf(
  judges: readonly { id: string; resourceTypes: readonly string[] }[],
): JudgedTypes {
  const map = new Map<string, string[]>();
  for (const judge of judges) {
    for (const type of judge.resourceTypes) {
      const key = type.toLowerCase();
      const ids = map.get(key);
      if (!ids) map.set(key, [judge.id]);
      else if (!ids.includes(judge.id)) ids.push(judge.id);
    }
  }
  return map;
}

/** A resource of the entity that no check judged. */
export interface CoverageGap {
  resourceId: string;
  type: string;
  reason: string;
  /**
   * True when the gap keeps the verdict from passing (the type may hold or
   * process data); false for inert types.
   */
  blocking: boolean;
}

/** How much of an entity's estate was judged. */
export interface EntityCoverage {
  /** Resources judged by a check, directly or as part of a judged parent. */
  evaluated: number;
  notEvaluated: CoverageGap[];
}

/** How each resource of an entity's scope was (or was not) judged. */
export type Judgement =
  | { kind: 'checked'; checks: readonly string[] }
  | { kind: 'parent'; parentId: string }
  | { kind: 'inert'; reason: string }
  | { kind: 'not-judged' };

/**
 * Whether `id` lies under one of the judged resources. Children are listed
 * under their parent's id as Azure spells it, so the exact-case comparison
 * with the ids as given settles nearly every case without lower-casing the id
 * (a new string per resource of every entity); ids in another case are then
 * compared lower-cased.
 */
function isUnderAny(id: string, parents: readonly string[]): boolean {
  for (const parent of parents) {
    if (isUnderId(id, parent)) return true;
  }
  const lowered = id.toLowerCase();
  for (const parent of parents) {
    if (isUnderId(lowered, parent.toLowerCase())) return true;
  }
  return false;
}

/**
 * A resource's type, lower-cased. Types are lower-cased when the inventory
 * is read, so a type the judges name is taken as it is; only another one is
 * lower-cased, which makes a new string for every resource.
 */
function judgedType(type: string, judged: JudgedTypes): string {
  return judged.has(type) ? type : type.toLowerCase();
}

/** An id without trailing slashes. */
function trimmed(id: string): string {
  return id.charCodeAt(id.length - 1) === 47 ? id.replace(/\/+$/, '') : id;
}

/**
 * Coverage of one entity's resources (its selection plus their children).
 * `subject` names what is judging, for the gap's reason ("no DR check",
 * "no HIPAA rule").
 */
export function entityCoverage(
  resources: readonly AzureResource[],
  judged: JudgedTypes,
  subject: string,
): EntityCoverage {
  // Each resource's type is lower-cased once; each judged resource's id is
  // kept, without trailing slashes, as the prefix its children's ids start with.
  const types: string[] = new Array(resources.length);
  const checked: boolean[] = new Array(resources.length);
  let parents: string[] | undefined;
  for (let i = 0; i < resources.length; i++) {
    const type = judgedType(resources[i].type, judged);
    types[i] = type;
    checked[i] = (judged.get(type)?.length ?? 0) > 0;
    if (checked[i]) {
      const parent = trimmed(resources[i].id);
      (parents ??= []).push(parent);
    }
  }
  let evaluated = 0;
  const notEvaluated: CoverageGap[] = [];
  for (let i = 0; i < resources.length; i++) {
    if (checked[i]) {
      evaluated++;
      continue;
    }
    // Child and extension resources (a database's encryption setting, a
    // diagnostic setting) are evidence read with their parent.
    if (parents && isUnderAny(resources[i].id, parents)) {
      evaluated++;
      continue;
    }
    const type = types[i];
    const reason = INERT_RESOURCE_TYPES[type];
    notEvaluated.push(
      reason
        ? {
            resourceId: resources[i].id,
            type,
            reason: `Inert: ${reason}.`,
            blocking: false,
          }
        : {
            resourceId: resources[i].id,
            type,
            reason: `No ${subject} judges ${type}; it may hold or process data, so it needs a review.`,
            blocking: true,
          },
    );
  }
  if (notEvaluated.length > 1) {
    notEvaluated.sort(
      (a, b) =>
        Number(b.blocking) - Number(a.blocking) ||
        a.resourceId.localeCompare(b.resourceId),
    );
  }
  return { evaluated, notEvaluated };
}

/** The gaps that keep a verdict from passing. */
export function blockingGaps(coverage: EntityCoverage): CoverageGap[] {
  return coverage.notEvaluated.filter(gap => gap.blocking);
}

/** One resource type across the estate. */
export interface TypeCoverage {
  type: string;
  resources: number;
  /** True when every resource of the type is judged, by its own checks or as part of a judged parent. */
  judged: boolean;
  /** The checks or rules that judge the type itself. */
  checks: string[];
  /**
   * How the type is covered: its own checks, its parents' checks, inert, or
   * not at all. A type some of whose resources sit under judged parents and
   * some not is `not-judged`; the counts say how many of each.
   */
  judgement: 'checked' | 'parent' | 'inert' | 'not-judged';
  /**
   * Resources of the type judged by its own checks or as part of a judged
   * parent. Absent from answers of backends that predate the counts.
   */
  judgedResources?: number;
  /**
   * Resources of the type that nothing judges: for a child type, only those
   * whose parents are judged by nothing either (inert ones, for an inert
   * type). Absent from answers of backends that predate the counts.
   */
  notJudgedResources?: number;
  /** Why the type is inert, for inert types. */
  inertReason?: string;
}

export interface EstateCoverage {
  types: TypeCoverage[];
}

const JUDGEMENT_ORDER: Record<TypeCoverage['judgement'], number> = {
  'not-judged': 0,
  inert: 1,
  parent: 2,
  checked: 3,
};

/**
 * Coverage over the whole estate, one row per type, blind spots first (the
 * most unjudged resources first). A resource of a type without checks of its
 * own is judged when it sits under a judged resource; the type is judged
 * through its parents only when all of its resources are.
 */
export function estateCoverage(
  resources: readonly AzureResource[],
  judged: JudgedTypes,
): EstateCoverage {
  const checkedIds = new Set<string>();
  for (const r of resources) {
    if ((judged.get(r.type.toLowerCase())?.length ?? 0) > 0) {
      checkedIds.add(r.id.toLowerCase());
    }
  }
  const hasCheckedAncestor = (id: string): boolean => {
    let path = id.toLowerCase();
    for (;;) {
      const cut = path.lastIndexOf('/');
      if (cut <= 0) return false;
      path = path.slice(0, cut);
      if (checkedIds.has(path)) return true;
    }
  };
  const byType = new Map<string, { count: number; orphans: number }>();
  for (const r of resources) {
    const type = r.type.toLowerCase();
    let row = byType.get(type);
    if (!row) {
      row = { count: 0, orphans: 0 };
      byType.set(type, row);
    }
    row.count++;
    if (!judged.get(type)?.length && !hasCheckedAncestor(r.id)) row.orphans++;
  }
  const types: TypeCoverage[] = [...byType].map(([type, row]) => {
    const checks = [...(judged.get(type) ?? [])];
    const inert = inertReason(type);
    let judgement: TypeCoverage['judgement'];
    if (checks.length > 0) judgement = 'checked';
    else if (row.orphans === 0) judgement = 'parent';
    else if (inert) judgement = 'inert';
    else judgement = 'not-judged';
    return {
      type,
      resources: row.count,
      judged: judgement === 'checked' || judgement === 'parent',
      checks,
      judgement,
      judgedResources: row.count - row.orphans,
      notJudgedResources: row.orphans,
      ...(judgement === 'inert' ? { inertReason: inert } : {}),
    };
  });
  types.sort(
    (a, b) =>
      JUDGEMENT_ORDER[a.judgement] - JUDGEMENT_ORDER[b.judgement] ||
      (b.notJudgedResources ?? 0) - (a.notJudgedResources ?? 0) ||
      b.resources - a.resources ||
      a.type.localeCompare(b.type),
  );
  return { types };
}

/** Resources of a type row that nothing judges, for answers with or without the counts. */
export function notJudgedResourcesOf(row: TypeCoverage): number {
  if (row.notJudgedResources !== undefined) return row.notJudgedResources;
  return row.judged ? 0 : row.resources;
}
