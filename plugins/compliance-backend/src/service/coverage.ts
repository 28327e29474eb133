import { createHash } from 'node:crypto';
import {
  estateCoverage,
  type AzureResource,
} from '@vitals/azure-inventory-common';
import {
  complianceJudgedTypes,
  resourceRules,
  type ComplianceCoverageResponse,
  type Framework,
  type ResourceRule,
} from '@vitals/plugin-compliance-common';
import { ComplianceInventory } from './inventory';

export interface EstateCoverageAnswer {
  body: ComplianceCoverageResponse;
  /** The serialised body and its weak ETag, built once per inventory. */
  json: Buffer;
  etag: string;
}

/**
 * Which resource types of the stored estate the framework's rules judge. The
 * estate changes only when the inventory is refreshed, so the answer is kept
 * until the stored inventory is another one; the inventory itself is read
 * from the database, so every replica answers the same.
 */
export class ComplianceCoverageService {
  private cached?: {
    resources: readonly AzureResource[];
    answer: EstateCoverageAnswer;
  };

  constructor(
    private readonly options: {
      inventory: ComplianceInventory;
      framework: Framework;
      rules?: readonly ResourceRule[];
    },
  ) {}

  /** Undefined until an inventory has been loaded. */
  async estate(): Promise<EstateCoverageAnswer | undefined> {
    const stored = await this.options.inventory.stored();
    if (!stored) return undefined;
    // The inventory hands back the same list while the stored one is unchanged.
    if (this.cached?.resources === stored.resources) {
      return this.cached.answer;
    }
    const { framework, rules = resourceRules } = this.options;
    const body: ComplianceCoverageResponse = estateCoverage(
      stored.resources,
      complianceJudgedTypes(framework, rules),
    );
    const json = Buffer.from(JSON.stringify(body));
    const answer = {
      body,
      json,
      etag: `W/"${createHash('sha1').update(json).digest('base64url')}"`,
    };
    this.cached = { resources: stored.resources, answer };
    return answer;
  }
}
