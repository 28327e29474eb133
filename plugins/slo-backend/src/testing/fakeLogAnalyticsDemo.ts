import type { FakeRequestRecord } from './fakeLogAnalyticsKql';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The demo estate's services (`AppRoleName`) and their request names. */
export const DEMO_SERVICES: Record<string, string[]> = {
  'appointments-service': ['GET /appointments', 'POST /appointments'],
  'patient-portal': ['GET /', 'GET /records'],
  'billing-api': ['POST /invoices', 'GET /invoices/{id}'],
};

export interface DemoOptions {
  /** The end of the history, epoch ms (default now). */
  now?: number;
  /** Days of history (default 30). */
  days?: number;
  /** Requests per minute per service (default 2). */
  requestsPerMinute?: number;
  /** Services (`AppRoleName`), default {@link DEMO_SERVICES}' names. */
  services?: string[];
}

/** A small deterministic generator, so every run serves the same history. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Requests of a few services over `days` days: a daily rhythm, a background
 * of 0.2% failures and latencies around 120 ms, and one incident: three
 * days before `now`, `appointments-service` fails 30% of requests and slows
 * to seconds for 90 minutes.
 */
export function demoRequestRecords(
  options: DemoOptions = {},
): FakeRequestRecord[] {
  const now = Math.floor((options.now ?? Date.now()) / MINUTE) * MINUTE;
  const days = options.days ?? 30;
  const perMinute = options.requestsPerMinute ?? 2;
  const services = options.services ?? Object.keys(DEMO_SERVICES);
  const random = mulberry32(20261204);
  const incidentStart = now - 3 * DAY + 10 * HOUR;
  const incidentEnd = incidentStart + 90 * MINUTE;
  const records: FakeRequestRecord[] = [];
  for (let minute = now - days * DAY; minute < now; minute += MINUTE) {
    const hour = new Date(minute).getUTCHours();
    const rhythm = 0.5 + 0.5 * Math.sin(((hour - 6) / 24) * 2 * Math.PI);
    for (const service of services) {
      const names = DEMO_SERVICES[service] ?? [`GET /${service}`];
      const count = Math.max(1, Math.round(perMinute * (0.5 + rhythm)));
      const incident =
        service === 'appointments-service' &&
        minute >= incidentStart &&
        minute < incidentEnd;
      for (let i = 0; i < count; i++) {
        const failed = random() < (incident ? 0.3 : 0.002);
        const failureCode = random() < 0.5 ? '500' : '503';
        const duration =
          (incident ? 2500 : 120) * (0.5 + random()) + (failed ? 40 : 0);
        records.push({
          TimeGenerated: minute + Math.floor(random() * MINUTE),
          AppRoleName: service,
          Name: names[i % names.length],
          Success: !failed,
          DurationMs: Math.round(duration * 10) / 10,
          ResultCode: failed ? failureCode : '200',
        });
      }
    }
  }
  return records;
}
