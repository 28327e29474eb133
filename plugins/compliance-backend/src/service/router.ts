import { createHash, randomUUID } from 'node:crypto';
import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  actorOf,
  auditedWrite,
  entityRefFromPath,
  errorMapping,
  publicErrorText,
  readEntityRef,
  readInstant,
  readInteger,
  readQueryParam,
  readTimeRange,
  sameActor,
} from '@vitals/backend-http';
import {
  attestationState,
  buildEvidencePack,
  buildEvidenceRows,
  complianceExemptionManagePermission,
  evidenceRowsToCsv,
  exemptionState,
  validateExemption,
  type ComplianceAttestationRecord,
  type ComplianceExemptionRecord,
  type ComplianceOverviewResponse,
  type ComplianceStatus,
  type Framework,
  type UnownedResourcesResponse,
} from '@vitals/plugin-compliance-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { DateTime } from 'luxon';
import {
  AttestationRow,
  ComplianceStore,
  ExemptionRow,
} from '../database/ComplianceStore';
import { ComplianceCoverageService } from './coverage';
import {
  ComplianceEvaluator,
  toComplianceExemption,
  toControlAttestation,
} from './evaluator';
import {
  ComplianceReader,
  COMPLIANCE_STATUSES,
  OverviewFilters,
} from './reader';
import {
  readAttestation,
  readExemption,
  readRecordId,
  throwIfInvalid,
} from './validation';

export interface RouterOptions {
  store: ComplianceStore;
  reader: ComplianceReader;
  evaluator: ComplianceEvaluator;
  /** Serves `GET /coverage`; routers built without it (benchmarks) leave the route out. */
  coverage?: ComplianceCoverageService;
  framework: Framework;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  logger: LoggerService;
  refreshFrequencyMs: number;
  /** How far back history may be asked for: the retention period (default 6 years). */
  retentionMs?: number;
  now?: () => number;
}

const DAY = 86_400_000;
const SIX_YEARS = Math.round(6 * 365.25 * DAY);
const CLASSIFICATIONS = ['phi', 'pii', 'confidential', 'internal', 'public'];

/** A value the auditor records as it was sent, bounded so a huge field cannot bloat the audit log. */
const auditValue = (value: unknown) =>
  typeof value === 'string' ? value.slice(0, 255) : null;

const iso = (ms: number | null) =>
  ms === null ? null : new Date(ms).toISOString();

function toExemptionRecord(
  row: ExemptionRow,
  framework: Framework,
  now: number,
): ComplianceExemptionRecord {
  let state: ComplianceExemptionRecord['state'] = 'revoked';
  if (row.revokedAt === null) {
    const control = framework.controls.find(c => c.id === row.controlId);
    state = control
      ? exemptionState(
          toComplianceExemption(row),
          control,
          DateTime.fromMillis(now, { zone: 'utc' }),
        ).state
      : 'invalid';
  }
  return {
    id: row.id,
    entityRef: row.entityRef,
    controlId: row.controlId,
    resourceId: row.resourceId,
    category: row.category,
    reason: row.reason,
    alternativeMeasure: row.alternativeMeasure,
    ticketUrl: row.ticketUrl,
    requester: row.requester,
    approver: row.approver,
    createdAt: iso(row.createdAt)!,
    expiresAt: iso(row.expiresAt)!,
    state,
    revokedAt: iso(row.revokedAt),
    revokedBy: row.revokedBy,
  };
}

function toAttestationRecord(
  row: AttestationRow,
  now: number,
): ComplianceAttestationRecord {
  return {
    id: row.id,
    entityRef: row.entityRef,
    controlId: row.controlId,
    link: row.link,
    note: row.note,
    attestedBy: row.attestedBy,
    attestedAt: iso(row.attestedAt)!,
    reviewBy: iso(row.reviewBy)!,
    state:
      row.revokedAt !== null
        ? 'revoked'
        : attestationState(
            toControlAttestation(row),
            DateTime.fromMillis(now, { zone: 'utc' }),
          ),
    revokedAt: iso(row.revokedAt),
    revokedBy: row.revokedBy,
  };
}

const sha256 = (canonical: string) =>
  createHash('sha256').update(canonical, 'utf8').digest('hex');

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    store,
    reader,
    evaluator,
    coverage,
    framework,
    httpAuth,
    permissions,
    auditor,
    catalog,
  } = options;
  const now = options.now ?? Date.now;
  const retentionMs = options.retentionMs ?? SIX_YEARS;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  const retryAfter = () => String(Math.ceil(options.refreshFrequencyMs / 1000));

  /**
   * `asOf`: an instant, or a date meaning the end of that day in UTC, so
   * `asOf=<day>` answers what held when the day closed; today's date is
   * still "now".
   */
  const parseAsOf = (req: Request): number | null => {
    const t = now();
    const asOf = readInstant(req.query.asOf, 'asOf', {
      now: t,
      max: t + DAY - 1,
      dateOnly: 'end',
    });
    if (asOf === undefined || asOf > t) return null;
    return asOf;
  };

  const parseFilters = (req: Request): OverviewFilters => {
    const query = req.query as Record<string, unknown>;
    const owner = readEntityRef(readQueryParam(query, 'owner'), 'owner', {
      defaultKind: 'group',
    });
    const system = readEntityRef(readQueryParam(query, 'system'), 'system', {
      defaultKind: 'system',
    });
    const status = readQueryParam(query, 'status', { max: 32 });
    const control = readQueryParam(query, 'control', { max: 64 });
    const classification = readQueryParam(query, 'classification', {
      max: 32,
    });
    if (status && !COMPLIANCE_STATUSES.includes(status as ComplianceStatus)) {
      throw new InputError(
        `status must be one of ${COMPLIANCE_STATUSES.join(', ')}`,
      );
    }
    if (control && !framework.controls.some(c => c.id === control)) {
      throw new InputError(
        `control ${JSON.stringify(control)} is not a control of ${
          framework.id
        }`,
      );
    }
    if (
      classification &&
      ![...CLASSIFICATIONS, 'none'].includes(classification)
    ) {
      throw new InputError(
        `classification must be one of ${CLASSIFICATIONS.join(', ')} or none`,
      );
    }
    return {
      owner,
      system,
      status: status as ComplianceStatus | undefined,
      control,
      classification,
    };
  };

  /** Runs a write behind the exemption permission, recording it with the auditor. */
  const audited = <T>(
    req: Request,
    eventId: string,
    meta: Record<string, string | null>,
    write: (
      credentials: BackstageCredentials<BackstageUserPrincipal>,
    ) => Promise<T>,
  ): Promise<T> =>
    auditedWrite(
      { auditor, httpAuth, permissions },
      {
        request: req,
        eventId,
        meta,
        allow: ['user'],
        permission: complianceExemptionManagePermission,
        refusal: actor =>
          `${actor} may not manage compliance exemptions and attestations (permission ${complianceExemptionManagePermission.name})`,
      },
      write,
    );

  const requireEntity = async (
    entityRef: string,
    credentials: BackstageCredentials,
  ) => {
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    return stringifyEntityRef(entity);
  };

  /**
   * The requester as the catalog knows them, read with the caller's
   * credentials: a person the approver can see, not a free-text name.
   */
  const requireUser = async (
    userRef: string,
    credentials: BackstageCredentials,
  ) => {
    const entity = await catalog.getEntityByRef(userRef, { credentials });
    if (!entity || entity.kind.toLocaleLowerCase('en-US') !== 'user') {
      throw new InputError(
        `requester: ${userRef} is not a User in the catalog`,
      );
    }
    return stringifyEntityRef(entity);
  };

  /** Answers 503 with Retry-After until an evaluation of the estate has succeeded. */
  const requireEvaluation = async (res: express.Response) => {
    if (await store.latestEstateRun({ okOnly: true })) return;
    const failed = await store.latestEstateRun();
    res.setHeader('Retry-After', retryAfter());
    throw new ServiceUnavailableError(
      failed?.error
        ? `Compliance has not been evaluated yet: ${publicErrorText(
            failed.error,
          )}`
        : 'Compliance has not been evaluated yet; the first evaluation runs shortly after start',
    );
  };

  /** Entities already being evaluated on demand, so concurrent readers share one evaluation. */
  const onDemand = new Map<string, Promise<unknown>>();

  router.get('/entities/:namespace/:kind/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = entityRefFromPath(req.params);
    const asOf = parseAsOf(req);
    const stored = await reader.entity(entityRef, asOf);
    if (stored) {
      res.json(stored);
      return;
    }
    await requireEntity(entityRef, credentials);
    if (asOf !== null) {
      throw new NotFoundError(
        `No compliance verdict of ${entityRef} is stored as of ${iso(asOf)}`,
      );
    }
    // A catalog entity added since the last evaluation: evaluate it now with
    // the stored inventory rather than make the reader wait for the schedule.
    let pending = onDemand.get(entityRef);
    if (!pending) {
      pending = evaluator
        .evaluateEntity(entityRef, 'on-demand')
        .finally(() => onDemand.delete(entityRef));
      onDemand.set(entityRef, pending);
    }
    const evaluated = await pending;
    const fresh = evaluated ? await reader.entity(entityRef, null) : undefined;
    if (!fresh) {
      res.setHeader('Retry-After', retryAfter());
      throw new ServiceUnavailableError(
        'No Azure inventory has been loaded yet, so compliance has not been evaluated; the next evaluation will',
      );
    }
    res.json(fresh);
  });

  /**
   * The overview changes only when a run finishes; its body is kept per
   * filter until then (and for a minute, for the freshness flags). Each
   * replica keeps its own copy; nothing here is needed by the others.
   */
  const overviewCache = new Map<
    string,
    { marker: string; minute: number; body: Buffer; etag: string }
  >();

  router.get('/overview', async (req, res) => {
    await httpAuth.credentials(req);
    const filters = parseFilters(req);
    const asOf = parseAsOf(req);
    const key = JSON.stringify({ filters, asOf });
    const marker = await store.runMarker();
    const minute = Math.floor(now() / 60_000);
    let cached = overviewCache.get(key);
    if (!cached || cached.marker !== marker || cached.minute !== minute) {
      if (asOf === null) await requireEvaluation(res);
      const { rows, items, run } = await reader.overviewItems(filters, asOf);
      const { matrix, totals } = reader.matrix(items, rows);
      const dataSources = await reader.dataSources(run, asOf);
      const details = run
        ? await store.getRunDetails(run.id)
        : { unowned: null };
      const body: ComplianceOverviewResponse = {
        items,
        totals,
        matrix,
        evaluatedAt: iso(run?.startedAt ?? null),
        stale: asOf === null ? await reader.isStale(dataSources.azure) : false,
        asOf: iso(asOf),
        dataSources,
        unownedResources: details.unowned?.total ?? 0,
      };
      const buffer = Buffer.from(JSON.stringify(body));
      cached = {
        marker,
        minute,
        body: buffer,
        etag: `W/"${createHash('sha1').update(buffer).digest('base64url')}"`,
      };
      if (overviewCache.size > 100) overviewCache.clear();
      overviewCache.set(key, cached);
    }
    res.setHeader('ETag', cached.etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    if (req.headers['if-none-match'] === cached.etag) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(cached.body);
  });

  router.get('/unowned', async (req, res) => {
    await httpAuth.credentials(req);
    const asOf = parseAsOf(req);
    const run = await store.latestEstateRun({ at: asOf, okOnly: true });
    if (!run) {
      res.setHeader('Retry-After', retryAfter());
      throw new ServiceUnavailableError(
        'Compliance has not been evaluated yet, so unowned resources are not known',
      );
    }
    const { unowned } = await store.getRunDetails(run.id);
    const body: UnownedResourcesResponse = {
      items: unowned?.items ?? [],
      total: unowned?.total ?? 0,
      evaluatedAt: iso(run.startedAt),
    };
    res.json(body);
  });

  /** Takes no parameters; any sent are ignored. */
  router.get('/coverage', async (req, res, next) => {
    if (!coverage) {
      next();
      return;
    }
    await httpAuth.credentials(req);
    const answer = await coverage.estate();
    if (!answer) {
      res.setHeader('Retry-After', retryAfter());
      throw new ServiceUnavailableError(
        'No Azure inventory has been loaded yet, so its coverage is not known',
      );
    }
    res.setHeader('ETag', answer.etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    if (req.headers['if-none-match'] === answer.etag) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(answer.json);
  });

  router.get('/history', async (req, res) => {
    await httpAuth.credentials(req);
    const query = req.query as Record<string, unknown>;
    const t = now();
    const range = readTimeRange(query, {
      now: t,
      defaultSpanMs: 90 * DAY,
      maxSpanMs: retentionMs,
    });
    const { to } = range;
    const rawRef = readQueryParam(query, 'entityRef');
    // Without `from`: the last 90 days, or since the first verdict when the
    // history is shorter, so a young estate's trend is not a sliver.
    const explicitFrom = query.from !== undefined && query.from !== '';
    const rangeFrom = async (entityRef?: string) => {
      if (explicitFrom) return range.from;
      const earliest = await store.earliestVerdict(entityRef);
      return earliest !== null && earliest > range.from && earliest < to
        ? earliest
        : range.from;
    };
    if (rawRef) {
      const entityRef = readEntityRef(rawRef, 'entityRef', {
        defaultKind: 'component',
        required: true,
      });
      const from = await rangeFrom(entityRef);
      const history = await reader.entityHistory(entityRef, from, to);
      if (
        history.spans.length === 0 &&
        !(await store.entityVerdict(entityRef, null))
      ) {
        throw new NotFoundError(
          `No compliance history is stored for ${entityRef}`,
        );
      }
      res.json(history);
      return;
    }
    const points =
      readInteger(readQueryParam(query, 'points', { max: 16 }), 'points', {
        min: 2,
        max: 500,
      }) ?? 60;
    const filters = parseFilters(req);
    const from = await rangeFrom();
    res.json(await reader.estateHistory(from, to, filters, points));
  });

  router.get('/report', async (req, res) => {
    await httpAuth.credentials(req);
    const format =
      readQueryParam(req.query as Record<string, unknown>, 'format', {
        max: 8,
      }) ?? 'csv';
    if (format !== 'csv' && format !== 'json') {
      throw new InputError('format must be csv or json');
    }
    const filters = parseFilters(req);
    const asOf = parseAsOf(req);
    if (asOf === null) await requireEvaluation(res);
    const { results } = await reader.results(filters, asOf);
    const generatedAt = new Date(now()).toISOString();
    const stamp = (asOf === null ? generatedAt : iso(asOf)!)
      .slice(0, 19)
      .replace(/[:]/g, '')
      .replace('T', '-');
    const filename = `hipaa-evidence-${asOf === null ? '' : 'as-of-'}${stamp}`;
    // The frontend reads the file name and digest from a cross-origin fetch
    // when the app and backend are served from different origins.
    res.setHeader(
      'Access-Control-Expose-Headers',
      'Content-Disposition, X-Evidence-Digest',
    );
    if (format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${filename}.csv"`,
      );
      res.send(evidenceRowsToCsv(buildEvidenceRows(results)));
      return;
    }
    const pack = buildEvidencePack({ framework, results, generatedAt }, sha256);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${filename}.json"`,
    );
    res.setHeader('X-Evidence-Digest', `sha-256=${pack.digest.value}`);
    res.json({
      ...pack,
      query: { ...filters, asOf: iso(asOf) },
    });
  });

  router.get('/exemptions', async (req, res) => {
    await httpAuth.credentials(req);
    const entityRef = readEntityRef(
      readQueryParam(req.query as Record<string, unknown>, 'entityRef'),
      'entityRef',
      { defaultKind: 'component' },
    );
    const rows = await store.listExemptions({
      entityRef,
      includeRevoked: true,
    });
    const t = now();
    res.json({ items: rows.map(r => toExemptionRecord(r, framework, t)) });
  });

  router.post('/exemptions', async (req, res) => {
    const body = req.body ?? {};
    const record = await audited(
      req,
      'exemption-create',
      {
        entityRef: auditValue(body.entityRef),
        controlId: auditValue(body.controlId),
      },
      async credentials => {
        const approver = actorOf(credentials);
        const t = now();
        const input = readExemption(body, { now: t, framework });
        if (sameActor(input.requester, approver)) {
          throw new InputError(
            'approver: the approver must be someone other than the requester',
          );
        }
        const requester = await requireUser(input.requester, credentials);
        if (sameActor(requester, approver)) {
          throw new InputError(
            'approver: the approver must be someone other than the requester',
          );
        }
        // The rules the evaluator applies to stored exemptions, on the
        // values exactly as they will be stored.
        throwIfInvalid(
          validateExemption(
            {
              ...input,
              requester,
              approver,
              createdAt: iso(t),
              expiresAt: iso(input.expiresAt),
            },
            new Date(t),
            framework,
          ),
        );
        const entityRef = await requireEntity(input.entityRef, credentials);
        const row: ExemptionRow = {
          id: randomUUID(),
          entityRef,
          controlId: input.controlId,
          resourceId: input.resourceId,
          category: input.category,
          reason: input.reason,
          alternativeMeasure:
            input.category === 'alternative-measure'
              ? input.alternativeMeasure
              : null,
          ticketUrl: input.ticketUrl,
          requester,
          approver,
          createdAt: t,
          expiresAt: input.expiresAt,
          revokedAt: null,
          revokedBy: null,
        };
        await store.insertExemption(row);
        await evaluator.evaluateEntity(entityRef, 'exemption');
        return toExemptionRecord(row, framework, now());
      },
    );
    res.status(201).json(record);
  });

  router.delete('/exemptions/:id', async (req, res) => {
    const record = await audited(
      req,
      'exemption-revoke',
      { exemptionId: auditValue(req.params.id) },
      async credentials => {
        const id = readRecordId(req.params.id);
        const existing = await store.getExemption(id);
        if (!existing) {
          throw new NotFoundError(`No exemption ${id}`);
        }
        const revoked = await store.revokeExemption(
          existing.id,
          actorOf(credentials),
          now(),
        );
        await evaluator.evaluateEntity(existing.entityRef, 'exemption');
        return toExemptionRecord(revoked!, framework, now());
      },
    );
    res.json(record);
  });

  router.get('/attestations', async (req, res) => {
    await httpAuth.credentials(req);
    const entityRef = readEntityRef(
      readQueryParam(req.query as Record<string, unknown>, 'entityRef'),
      'entityRef',
      { defaultKind: 'component' },
    );
    const rows = await store.listAttestations({
      entityRef,
      includeRevoked: true,
    });
    const t = now();
    res.json({ items: rows.map(r => toAttestationRecord(r, t)) });
  });

  router.post('/attestations', async (req, res) => {
    const body = req.body ?? {};
    const record = await audited(
      req,
      'attestation-create',
      {
        entityRef: auditValue(body.entityRef),
        controlId: auditValue(body.controlId),
      },
      async credentials => {
        const t = now();
        const input = readAttestation(body, { now: t, framework });
        const entityRef = await requireEntity(input.entityRef, credentials);
        const row: AttestationRow = {
          id: randomUUID(),
          entityRef,
          controlId: input.controlId,
          link: input.link,
          note: input.note,
          // The attesting person is whoever is signed in; the body cannot name one.
          attestedBy: actorOf(credentials),
          attestedAt: t,
          reviewBy: input.reviewBy,
          revokedAt: null,
          revokedBy: null,
        };
        await store.insertAttestation(row);
        await evaluator.evaluateEntity(entityRef, 'attestation');
        return toAttestationRecord(row, now());
      },
    );
    res.status(201).json(record);
  });

  router.delete('/attestations/:id', async (req, res) => {
    const record = await audited(
      req,
      'attestation-revoke',
      { attestationId: auditValue(req.params.id) },
      async credentials => {
        const id = readRecordId(req.params.id);
        const existing = await store.getAttestation(id);
        if (!existing) {
          throw new NotFoundError(`No attestation ${id}`);
        }
        const revoked = await store.revokeAttestation(
          existing.id,
          actorOf(credentials),
          now(),
        );
        await evaluator.evaluateEntity(existing.entityRef, 'attestation');
        return toAttestationRecord(revoked!, now());
      },
    );
    res.json(record);
  });

  router.use(errorMapping({ logger: options.logger }));
  return router;
}
