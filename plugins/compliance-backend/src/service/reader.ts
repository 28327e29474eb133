import {
  COMPLIANCE_AZURE_SELECTOR_ANNOTATION,
  COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION,
  VITALS_ENTITY_TAG,
  type ComplianceDataSources,
  type ComplianceEmptyState,
  type ComplianceOverviewItem,
  type ComplianceStatus,
  type ComplianceStatusSpan,
  type ControlStatus,
  type ControlStatusChange,
  type ControlTeamMatrix,
  type EntityComplianceHistoryResponse,
  type EntityComplianceResponse,
  type EntityComplianceResult,
  type EstateComplianceHistoryResponse,
  type Framework,
} from '@vitals/plugin-compliance-common';
import {
  ComplianceStore,
  EntityVerdictRow,
  RunRecord,
} from '../database/ComplianceStore';
import { ComplianceInventory } from './inventory';
import { coverageRecorded, restoreResult, VerdictHeader } from './verdicts';
import { publicErrorText, publicInventoryOrigin } from '@vitals/backend-http';

export const COMPLIANCE_STATUSES: readonly ComplianceStatus[] = [
  'non-compliant',
  'unknown',
  'exempt',
  'compliant',
  'not-applicable',
];
export const CONTROL_STATUSES: readonly ControlStatus[] = [
  'fail',
  'unknown',
  'exempt',
  'pass',
  'not-applicable',
];

export interface OverviewFilters {
  owner?: string;
  system?: string;
  status?: ComplianceStatus;
  /** Entities failing this control. */
  control?: string;
  /** A classification, or `none` for entities without one. */
  classification?: string;
}

const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

const emptyControlCounts = (): Record<ControlStatus, number> => ({
  pass: 0,
  fail: 0,
  exempt: 0,
  'not-applicable': 0,
  unknown: 0,
});

const emptyStatusCounts = (): Record<ComplianceStatus, number> => ({
  compliant: 0,
  'non-compliant': 0,
  exempt: 0,
  'not-applicable': 0,
  unknown: 0,
});

/** Reads stored verdicts back as the API's shapes, now or as of a past instant. */
export class ComplianceReader {
  constructor(
    private readonly options: {
      store: ComplianceStore;
      inventory: ComplianceInventory;
      framework: Framework;
      refreshFrequencyMs: number;
      now?: () => number;
    },
  ) {}

  private now() {
    return (this.options.now ?? Date.now)();
  }

  /** Where the data of a run came from; for the present, the inventory as it stands now. */
  async dataSources(
    run: RunRecord | undefined,
    asOf: number | null,
  ): Promise<ComplianceDataSources> {
    const drReadiness = {
      available: run ? run.drError === null : false,
      evaluatedAt: iso(run?.drEvaluatedAt),
      error: run ? publicErrorText(run.drError) : 'no evaluation has run yet',
    };
    if (asOf === null) {
      return { azure: await this.options.inventory.state(), drReadiness };
    }
    return {
      azure: {
        source: run?.inventorySource ?? null,
        origin: publicInventoryOrigin(run?.inventoryOrigin),
        fetchedAt: iso(run?.inventoryFetchedAt),
        refreshedAt: iso(run?.inventoryRefreshedAt),
        ageSeconds:
          run && run.inventoryRefreshedAt !== null
            ? Math.round((run.startedAt - run.inventoryRefreshedAt) / 1000)
            : null,
        stale: Boolean(run?.inventoryError),
        error: publicErrorText(run?.inventoryError),
      },
      drReadiness,
    };
  }

  /**
   * Stale: the verdicts rest on data older than they should: the Azure
   * inventory could not be refreshed, the last evaluation failed, or none
   * has finished for three refresh intervals.
   */
  async isStale(azure: ComplianceDataSources['azure']): Promise<boolean> {
    const latest = await this.options.store.latestEstateRun();
    if (!latest) return true;
    if (latest.status === 'failed') return true;
    return (
      azure.stale ||
      this.now() - latest.startedAt > 3 * this.options.refreshFrequencyMs
    );
  }

  private emptyState(
    result: EntityComplianceResult,
    selectorErrors: string[],
  ): ComplianceEmptyState | null {
    const classificationFinding = result.controls
      .flatMap(c => c.findings)
      .find(f => f.rule === 'catalog.data-classification');
    const classificationMissing =
      result.classification === null &&
      (classificationFinding?.actual ?? null) === null;
    const classificationInvalid =
      result.classification === null && classificationFinding?.actual
        ? classificationFinding.actual
        : null;
    const noAzureResources = result.controls.some(c =>
      c.findings.some(f => f.rule === 'inventory.resources'),
    );
    if (
      !classificationMissing &&
      !classificationInvalid &&
      !noAzureResources &&
      selectorErrors.length === 0
    ) {
      return null;
    }
    return {
      classificationMissing,
      classificationInvalid,
      annotation: COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION,
      noAzureResources,
      tag: VITALS_ENTITY_TAG,
      selectorAnnotation: COMPLIANCE_AZURE_SELECTOR_ANNOTATION,
      selectorErrors,
    };
  }

  /** The stored verdict of one entity; undefined when none held at that time. */
  async entity(
    entityRef: string,
    asOf: number | null,
  ): Promise<EntityComplianceResponse | undefined> {
    const { store, framework } = this.options;
    const row = await store.entityVerdict(entityRef, asOf);
    if (!row) return undefined;
    const [controls, run, estateRun] = await Promise.all([
      store.controlVerdicts(asOf, [entityRef]),
      store.latestRunFor(entityRef, asOf),
      store.latestEstateRun({ at: asOf, okOnly: true }),
    ]);
    const result = restoreResult(framework, row, controls, run);
    const details = estateRun
      ? await store.getRunDetails(estateRun.id)
      : { selectorErrors: [] };
    const selectorErrors =
      details.selectorErrors.find(e => e.entityRef === entityRef)?.invalid ??
      [];
    const dataSources = await this.dataSources(run, asOf);
    return {
      ...result,
      coverageRecorded: coverageRecorded(row.header),
      stale: asOf === null ? await this.isStale(dataSources.azure) : false,
      asOf: iso(asOf),
      dataSources,
      emptyState: this.emptyState(result, selectorErrors),
    };
  }

  private toItem(
    row: EntityVerdictRow,
    evaluatedAt: number | null,
  ): ComplianceOverviewItem {
    const header = row.header as VerdictHeader;
    const by = (status: ControlStatus) =>
      Object.entries(row.controlStatuses)
        .filter(([, s]) => s === status)
        .map(([id]) => id);
    return {
      entityRef: row.entityRef,
      owner: row.owner,
      system: row.system,
      classification: header.classification,
      enforced: header.enforced,
      status: row.status,
      statusReason: header.statusReason,
      score: row.score,
      counts: header.counts,
      failingControls: by('fail'),
      unknownControls: by('unknown'),
      exemptControls: by('exempt'),
      evaluatedAt: iso(
        evaluatedAt === null
          ? row.validFrom
          : Math.max(evaluatedAt, row.validFrom),
      ),
    };
  }

  /** The verdict rows matching the filters at `asOf`, with the last estate run. */
  async filteredVerdicts(
    filters: OverviewFilters,
    asOf: number | null,
  ): Promise<{ rows: EntityVerdictRow[]; run: RunRecord | undefined }> {
    const { store } = this.options;
    const [rows, run] = await Promise.all([
      store.entityVerdicts(asOf, {
        owner: filters.owner,
        system: filters.system,
        status: filters.status,
        classification:
          filters.classification && filters.classification !== 'none'
            ? filters.classification
            : undefined,
      }),
      store.latestEstateRun({ at: asOf, okOnly: true }),
    ]);
    return {
      rows: rows.filter(
        r =>
          (filters.classification !== 'none' || r.classification === null) &&
          (!filters.control || r.controlStatuses[filters.control] === 'fail'),
      ),
      run,
    };
  }

  matrix(items: readonly ComplianceOverviewItem[], rows: EntityVerdictRow[]) {
    const { framework } = this.options;
    const byOwner = new Map<string | null, ControlTeamMatrix['rows'][number]>();
    for (const row of rows) {
      // Services the framework does not apply to (no PHI) are listed, not
      // counted: their findings are nobody's compliance gap.
      if (row.status === 'not-applicable') continue;
      let team = byOwner.get(row.owner);
      if (!team) {
        team = {
          owner: row.owner,
          services: 0,
          cells: Object.fromEntries(
            framework.controls.map(c => [c.id, emptyControlCounts()]),
          ),
        };
        byOwner.set(row.owner, team);
      }
      team.services++;
      for (const [controlId, status] of Object.entries(row.controlStatuses)) {
        const cell = team.cells[controlId];
        if (cell) cell[status]++;
      }
    }
    const matrix: ControlTeamMatrix = {
      controls: framework.controls.map(c => ({
        id: c.id,
        title: c.title,
        citation: c.citation,
        safeguard: c.safeguard,
      })),
      rows: [...byOwner.values()].sort((a, b) =>
        (a.owner ?? '\uffff').localeCompare(b.owner ?? '\uffff'),
      ),
    };
    const totals = emptyStatusCounts();
    for (const item of items) totals[item.status]++;
    return { matrix, totals };
  }

  async overviewItems(filters: OverviewFilters, asOf: number | null) {
    const { rows, run } = await this.filteredVerdicts(filters, asOf);
    const items = rows.map(r => this.toItem(r, run?.startedAt ?? null));
    return { rows, items, run };
  }

  /** Full results for the evidence export. */
  async results(
    filters: OverviewFilters,
    asOf: number | null,
  ): Promise<{
    results: EntityComplianceResult[];
    run: RunRecord | undefined;
  }> {
    const { store, framework } = this.options;
    const { rows, run } = await this.filteredVerdicts(filters, asOf);
    const refs = rows.map(r => r.entityRef);
    const controls = await store.controlVerdicts(
      asOf,
      rows.length > 500 ? undefined : refs,
    );
    const wanted = new Set(refs);
    const byEntity = new Map<string, typeof controls>();
    for (const c of controls) {
      if (!wanted.has(c.entityRef)) continue;
      const list = byEntity.get(c.entityRef);
      if (list) list.push(c);
      else byEntity.set(c.entityRef, [c]);
    }
    const runs = await store.getRuns(rows.map(r => r.runId));
    const results = rows.map(row => {
      const own = runs.get(row.runId);
      const effective =
        own && (!run || own.startedAt > run.startedAt) ? own : run;
      return restoreResult(
        framework,
        row,
        byEntity.get(row.entityRef) ?? [],
        effective,
      );
    });
    return { results, run };
  }

  async entityHistory(
    entityRef: string,
    from: number,
    to: number,
  ): Promise<EntityComplianceHistoryResponse> {
    const { store, framework } = this.options;
    const { entity, controls } = await store.entityHistory(entityRef, from, to);
    const spans: ComplianceStatusSpan[] = entity.map(row => ({
      from: iso(Math.max(row.validFrom, from))!,
      to: row.validTo === null || row.validTo >= to ? null : iso(row.validTo),
      status: row.status,
      score: row.score,
      counts: (row.header as VerdictHeader).counts,
    }));
    const titles = new Map(framework.controls.map(c => [c.id, c.title]));
    const changes: ControlStatusChange[] = [];
    let previous: (typeof controls)[number] | undefined;
    for (const row of controls) {
      const prior =
        previous &&
        previous.controlId === row.controlId &&
        previous.validTo === row.validFrom
          ? previous
          : undefined;
      previous = row;
      if (row.validFrom < from) continue;
      if (prior && prior.status === row.status) continue;
      changes.push({
        at: iso(row.validFrom)!,
        controlId: row.controlId,
        title: titles.get(row.controlId) ?? row.result?.title ?? row.controlId,
        from: prior ? prior.status : null,
        to: row.status,
        summary: row.result?.summary ?? '',
      });
    }
    // Newest first; changes at the same instant by control id.
    changes.sort((a, b) => {
      if (a.at === b.at) return a.controlId.localeCompare(b.controlId);
      return a.at < b.at ? 1 : -1;
    });
    return {
      entityRef,
      from: iso(from)!,
      to: iso(to)!,
      spans,
      changes,
    };
  }

  async estateHistory(
    from: number,
    to: number,
    filters: OverviewFilters,
    points = 60,
  ): Promise<EstateComplianceHistoryResponse> {
    const spans = await this.options.store.estateSpans(from, to, filters);
    const step = Math.max(1, (to - from) / Math.max(1, points - 1));
    const out: EstateComplianceHistoryResponse['points'] = [];
    for (let i = 0; i < points; i++) {
      const t = Math.round(i === points - 1 ? to : from + i * step);
      const counts = emptyStatusCounts();
      let scoreSum = 0;
      let scored = 0;
      for (const span of spans) {
        if (
          span.validFrom <= t &&
          (span.validTo === null || span.validTo > t)
        ) {
          counts[span.status]++;
          if (span.score !== null) {
            scoreSum += span.score;
            scored++;
          }
        }
      }
      out.push({
        t: iso(t)!,
        counts,
        averageScore: scored ? Math.round((10 * scoreSum) / scored) / 10 : null,
      });
    }
    return { from: iso(from)!, to: iso(to)!, points: out };
  }
}
