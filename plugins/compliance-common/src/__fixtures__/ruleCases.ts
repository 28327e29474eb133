/* eslint-disable jest/no-export -- a table runner the rule tests share */
import type { AzureResource } from '@vitals/azure-inventory-common';
import type { ResourceRule, RuleContext } from '../rules/types';
import { ruleContext } from './context';

/** One row of a rule's table of cases: a resource and what the rule says of it. */
export interface RuleCase {
  name: string;
  rule: ResourceRule;
  resource: AzureResource;
  /** Other resources in the inventory: children, linked policies, workspaces. */
  inventory?: AzureResource[];
  context?: Partial<Omit<RuleContext, 'inventory'>>;
  status: 'pass' | 'fail' | 'unknown';
  actual: string | null;
  /** The property the outcome names, when the case pins it. */
  property?: string;
}

/**
 * One test per case: the rule evaluates the resource in an inventory of it
 * and the case's other resources, and answers the case's status and actual
 * value (and property, where the case gives one).
 */
export function itJudgesEachCase(cases: readonly RuleCase[]): void {
  it.each(cases as RuleCase[])(
    '$rule.id: $name → $status',
    ({ rule, resource, inventory = [], context, status, actual, property }) => {
      const outcome = rule.evaluate(
        resource,
        ruleContext([resource, ...inventory], context),
      );
      expect(outcome).toEqual(
        expect.objectContaining({
          status,
          actual,
          ...(property === undefined ? {} : { property }),
        }),
      );
    },
  );
}
