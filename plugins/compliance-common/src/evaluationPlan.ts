import type { CatalogCheck } from './catalogChecks';
import type { ControlDefinition, Framework } from './frameworks/types';
import type { ResourceRule } from './rules/types';

const lower = (s: string) => s.toLowerCase();

/** A check a control names, resolved by its id. */
export type PlannedCheck =
  | { kind: 'rule'; slot: number }
  | { kind: 'catalog'; check: CatalogCheck }
  | { kind: 'undefined'; id: string };

/** A resource rule with the types it judges lower-cased, as the scope is grouped. */
export interface PlannedRule {
  rule: ResourceRule;
  types: readonly string[];
}

export interface PlannedControl {
  control: ControlDefinition;
  checks: readonly PlannedCheck[];
  /** The slot of the control's rule when a single resource rule is all it checks. */
  only: number | undefined;
}

/**
 * The framework's controls with their check ids resolved against the rules
 * and catalog checks (a rule wins over a catalog check of the same id; of
 * rules sharing an id, the last one listed). The same for every entity: an
 * estate resolves it once. Each rule used gets a slot, where an entity's
 * findings of that rule are kept for every control that names it.
 */
export interface EvaluationPlan {
  rules: readonly PlannedRule[];
  controls: readonly PlannedControl[];
  /** The slots of the rules that judge each (lower-case) type. */
  slotsByType: ReadonlyMap<string, readonly number[]>;
}

export const NO_SLOTS: readonly number[] = Object.freeze([]);

export function planEvaluation(
  framework: Framework,
  ruleList: readonly ResourceRule[],
  checkList: readonly CatalogCheck[],
): EvaluationPlan {
  const rulesById = new Map(ruleList.map(rule => [rule.id, rule]));
  const checksById = new Map(checkList.map(check => [check.id, check]));
  const rules: PlannedRule[] = [];
  const slots = new Map<string, number>();
  const resolve = (id: string): PlannedCheck => {
    const rule = rulesById.get(id);
    if (rule) {
      let slot = slots.get(id);
      if (slot === undefined) {
        slot = rules.length;
        slots.set(id, slot);
        rules.push({ rule, types: rule.resourceTypes.map(lower) });
      }
      return { kind: 'rule', slot };
    }
    const check = checksById.get(id);
    return check ? { kind: 'catalog', check } : { kind: 'undefined', id };
  };
  const controls = framework.controls.map((control): PlannedControl => {
    const checks = control.checks.map(resolve);
    const first = checks[0];
    return {
      control,
      checks,
      only:
        checks.length === 1 && first.kind === 'rule' ? first.slot : undefined,
    };
  });
  const slotsByType = new Map<string, number[]>();
  rules.forEach(({ types }, slot) => {
    for (const type of types) {
      const judging = slotsByType.get(type);
      if (!judging) slotsByType.set(type, [slot]);
      else if (!judging.includes(slot)) judging.push(slot);
    }
  });
  return { rules, controls, slotsByType };
}
