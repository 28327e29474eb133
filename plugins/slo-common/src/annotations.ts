import { Entity } from '@backstage/catalog-model';

/**
 * Where an entity's OpenSLO documents are: a path relative to the entity's
 * source location (`./slo.yaml`) or a URL the backend's UrlReader can read.
 * Several references may be given, comma-separated.
 */
export const ANNOTATION_SLO_REF = 'vitals.dev/slo-ref';

/**
 * In the metadata annotations of an OpenSLO indicator (inline or an `SLI`):
 * the catalog entity it measures, e.g. `component:default/identity-gateway`.
 * The components of a composite (journey) SLO link to it.
 */
export const INDICATOR_ANNOTATION_ENTITY_REF = 'vitals.dev/entity-ref';

/** True when the entity declares SLO documents. */
export function isSloAvailable(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[ANNOTATION_SLO_REF]?.trim());
}

/**
 * True for a System that declares SLO documents: its composite (journey)
 * SLOs are shown on its page.
 */
export function isJourneySloAvailable(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'system' &&
    isSloAvailable(entity)
  );
}

/** The references listed in `vitals.dev/slo-ref`. */
export function getSloRefs(entity: Entity): string[] {
  const raw = entity.metadata.annotations?.[ANNOTATION_SLO_REF] ?? '';
  return raw
    .split(',')
    .map(ref => ref.trim())
    .filter(Boolean);
}

/** A minimal `slo.yaml`, shown in empty states so a team can start from it. */
export const MINIMAL_SLO_YAML = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
  displayName: Availability
spec:
  service: my-service
  indicator:
    metadata:
      name: successful-requests
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            metricSourceRef: prometheus
            spec:
              query: http_requests_total{service="my-service",code!~"5.."}
        total:
          metricSource:
            metricSourceRef: prometheus
            spec:
              query: http_requests_total{service="my-service"}
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: 99.9% of requests succeed
      target: 0.999
`;
