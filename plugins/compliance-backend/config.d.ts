import { HumanDuration } from '@backstage/types';

export interface Config {
  vitals?: {
    compliance?: {
      /**
       * Frameworks to evaluate. `hipaa` (the HIPAA Security Rule) is the one
       * built in.
       * @default [hipaa]
       */
      frameworks?: string[];
      /**
       * How often the estate is re-evaluated (the Azure inventory reloaded,
       * the catalog and the DR-readiness summaries read), and how long one
       * evaluation may take. `{ minutes: 15 }` or ISO-8601 `PT15M`.
       */
      refresh?: {
        frequency?: HumanDuration | string;
        timeout?: HumanDuration | string;
      };
      /**
       * How long evaluation runs and past verdicts are kept; verdicts still in
       * force are always kept. Default 6 years, HIPAA's documentation
       * retention (45 CFR 164.316(b)(2)(i)). `{ years: 6 }` or ISO-8601 `P6Y`.
       */
      retention?: HumanDuration | string;
      /** Minimum audit-log retention in days (default 2190, 6 years). */
      minimumLogRetentionDays?: number;
      /** Minimum long-term retention of SQL backups, ISO-8601 (default P6Y). */
      minimumBackupRetention?: string;
      /**
       * Exemptions and attestations loaded at startup when the store has none
       * of that kind (the demo estate). Dates are ISO timestamps
       * (`createdAt`, `expiresAt`, `attestedAt`, `reviewBy`) or days relative
       * to the load (`createdDaysAgo`, `expiresInDays`, `attestedDaysAgo`,
       * `reviewInDays`). Usually `$include`d from a YAML file.
       */
      seed?: {
        exemptions?: Array<{
          id?: string;
          entityRef: string;
          controlId: string;
          resourceId?: string;
          category: 'mitigated' | 'risk-accepted' | 'alternative-measure';
          reason: string;
          alternativeMeasure?: string;
          ticketUrl?: string;
          requester: string;
          approver: string;
          createdAt?: string;
          createdDaysAgo?: number;
          expiresAt?: string;
          expiresInDays?: number;
        }>;
        attestations?: Array<{
          id?: string;
          entityRef: string;
          controlId: string;
          link: string;
          note?: string;
          attestedBy: string;
          attestedAt?: string;
          attestedDaysAgo?: number;
          reviewBy?: string;
          reviewInDays?: number;
        }>;
      };
    };
  };
}
