/** What a readiness check is, listed without running it. */
export interface ReadinessCheckInfo {
  /** The check id as results carry it. */
  id: string;
  title: string;
  /** Lower-case ARM types whose resources this check judges (its subjects, not evidence it merely reads). */
  resourceTypes: readonly string[];
  /** Azure Proactive Resiliency Library recommendation ids this check corresponds to. */
  mirrors?: { aprl: readonly string[] };
}

/** The catalog entry of a check: its description without `evaluate`. */
export function readinessCheckInfo(
  check: ReadinessCheckInfo,
): ReadinessCheckInfo {
  const info: ReadinessCheckInfo = {
    id: check.id,
    title: check.title,
    resourceTypes: check.resourceTypes,
  };
  if (check.mirrors) {
    info.mirrors = check.mirrors;
  }
  return info;
}
