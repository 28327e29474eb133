import { createHash } from 'node:crypto';
import {
  catalogChecks,
  resourceRules,
  type CatalogCheck,
  type Framework,
  type ResourceRule,
} from '@vitals/plugin-compliance-common';

/**
 * Identifies the rule set a verdict was produced by: the framework's version
 * and a digest of every rule and check, their metadata and their code, so a
 * changed rule gives stored verdicts a different version than the ones it
 * produces from then on.
 */
export function computeRuleVersion(
  framework: Framework,
  rules: readonly ResourceRule[] = resourceRules,
  checks: readonly CatalogCheck[] = catalogChecks,
): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(framework));
  for (const rule of rules) {
    hash.update(
      JSON.stringify({
        id: rule.id,
        resourceTypes: rule.resourceTypes,
        mirrors: rule.mirrors,
        remediation: rule.remediation,
      }),
    );
    hash.update(rule.evaluate.toString());
    hash.update(rule.appliesTo?.toString() ?? '');
  }
  for (const check of checks) {
    hash.update(`${check.id}\u0000${check.source}\u0000${check.remediation}`);
    hash.update(check.evaluate.toString());
  }
  return `${framework.id}@${framework.version}+${hash
    .digest('hex')
    .slice(0, 12)}`;
}
