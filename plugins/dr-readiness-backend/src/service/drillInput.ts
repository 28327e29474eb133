import { InputError } from '@backstage/errors';
import { EARLIEST_INSTANT, readInstant, readText } from '@vitals/backend-http';
import {
  AzureRegion,
  DRILL_DURATION_MAX_SECONDS,
  DRILL_NOTES_MAX_LENGTH,
  DRILL_OUTCOMES,
  DRILL_REASON_MAX_LENGTH,
  DRILL_REASON_MIN_LENGTH,
  DrillOutcome,
  DrillValues,
  getRegion,
  isoDurationToSeconds,
  UnknownRegionError,
} from '@vitals/plugin-dr-readiness-common';

/** Longest region name accepted; fits `dr_drills.region` (varchar 64). */
const REGION_MAX_LENGTH = 64;
/** Longest duration text accepted; fits `dr_drills.rto_achieved` (varchar 32). */
const DURATION_MAX_LENGTH = 32;
/** Drill ids are UUIDs or `seed-<hex>`; fits `dr_drills.id` (varchar 64). */
const DRILL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/**
 * An ISO-8601 duration in days, hours, minutes and seconds, as drills measure
 * them (PT11M, PT1H45M, P1DT2H, PT0S). Years, months, weeks, signs and
 * fractions other than of seconds are refused: Luxon would read `PT1H-70M`
 * or `P1M` in ways a person recording a drill did not mean.
 */
const DRILL_DURATION =
  /^P(?=\d|T\d)(?:\d{1,3}D)?(?:T(?=\d)(?:\d{1,4}H)?(?:\d{1,6}M)?(?:\d{1,7}(?:\.\d{1,3})?S)?)?$/;
/** A name that may be repeated in an error message as it was sent. */
const ECHOABLE = /^[A-Za-z0-9 ._-]{1,64}$/;

/**
 * Reads every field with its reader and throws one InputError naming each bad
 * field (`region: ...; performedAt: ...`), so a form can mark them all.
 */
class FieldReader {
  private readonly problems: string[] = [];

  read<T>(field: string, reader: () => T): T | undefined {
    try {
      return reader();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const message = (error as Error).message;
      // Messages that name their field already ("region: ...") are kept as they are.
      this.problems.push(
        message.startsWith(`${field}:`) ? message : `${field}: ${message}`,
      );
      return undefined;
    }
  }

  /** Like read, for a reader that names its own fields. */
  collect<T>(reader: () => T): T | undefined {
    try {
      return reader();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.problems.push((error as Error).message);
      return undefined;
    }
  }

  done() {
    if (this.problems.length > 0) {
      throw new InputError(this.problems.join('; '));
    }
  }
}

/**
 * An Azure region of the region table, by programmatic or display name. The
 * text is checked first, so `east\u0000us2` or a bidirectional override never
 * normalises into a real region name.
 */
export function readRegion(value: unknown, field: string): AzureRegion {
  const text = readText(value, field, {
    max: REGION_MAX_LENGTH,
    required: true,
  });
  const region = getRegion(text);
  if (!region) {
    throw new InputError(
      ECHOABLE.test(text)
        ? `${field}: ${new UnknownRegionError(text).message}`
        : `${field} is not an Azure region; use a programmatic region name such as eastus2`,
    );
  }
  return region;
}

function readOutcome(value: unknown, field: string): DrillOutcome {
  if (value === undefined || value === null || value === '') {
    throw new InputError(`${field} is required`);
  }
  if (!(DRILL_OUTCOMES as readonly unknown[]).includes(value)) {
    throw new InputError(
      `${field} must be one of ${DRILL_OUTCOMES.join(', ')}${
        typeof value === 'string' && ECHOABLE.test(value)
          ? `, got "${value}"`
          : ''
      }`,
    );
  }
  return value as DrillOutcome;
}

/** A measured duration: bounded, in the drill duration grammar, stored upper-case. */
function readDuration(value: unknown, field: string): string | undefined {
  const text = readText(value, field, { max: DURATION_MAX_LENGTH });
  if (text === undefined) return undefined;
  const iso = text.toUpperCase();
  const seconds = DRILL_DURATION.test(iso)
    ? isoDurationToSeconds(iso, { allowZero: true })
    : undefined;
  if (seconds === undefined) {
    throw new InputError(
      `${field} must be an ISO-8601 duration such as PT12M${
        ECHOABLE.test(text) ? `, got "${text}"` : ''
      }`,
    );
  }
  if (seconds > DRILL_DURATION_MAX_SECONDS) {
    throw new InputError(
      `${field} must be at most P${
        DRILL_DURATION_MAX_SECONDS / 86_400
      }D, got ${iso}`,
    );
  }
  return iso;
}

/** When the drill was performed: since 2000, never in the future; stored as read. */
function readPerformedAt(value: unknown, field: string, now: number): string {
  const ms = readInstant(value, field, {
    now,
    min: EARLIEST_INSTANT,
    max: now,
  });
  if (ms === undefined) throw new InputError(`${field} is required`);
  return new Date(ms).toISOString();
}

function requireObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InputError('body: the request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/**
 * The drill of a request body (recording or correcting a drill), validated
 * and in the form it is stored: the region by its programmatic name,
 * `performedAt` as a UTC ISO-8601 timestamp, durations upper-case, notes
 * trimmed. Throws one InputError naming every bad field.
 */
export function readDrillValues(body: unknown, now: number): DrillValues {
  const input = requireObject(body);
  const fields = new FieldReader();
  const region = fields.read('region', () =>
    readRegion(input.region, 'region'),
  );
  const performedAt = fields.read('performedAt', () =>
    readPerformedAt(input.performedAt, 'performedAt', now),
  );
  const outcome = fields.read('outcome', () =>
    readOutcome(input.outcome, 'outcome'),
  );
  const rtoAchieved = fields.read('rtoAchieved', () =>
    readDuration(input.rtoAchieved, 'rtoAchieved'),
  );
  const rpoAchieved = fields.read('rpoAchieved', () =>
    readDuration(input.rpoAchieved, 'rpoAchieved'),
  );
  const notes = fields.read('notes', () =>
    readText(input.notes, 'notes', {
      max: DRILL_NOTES_MAX_LENGTH,
      multiline: true,
    }),
  );
  fields.done();
  const values: DrillValues = {
    region: region!.name,
    performedAt: performedAt!,
    outcome: outcome!,
    notes: notes ?? '',
  };
  if (rtoAchieved) values.rtoAchieved = rtoAchieved;
  if (rpoAchieved) values.rpoAchieved = rpoAchieved;
  return values;
}

/** Why a drill is corrected or withdrawn: required, a few words at least. */
export function readDrillReason(value: unknown): string {
  return readText(value, 'reason', {
    max: DRILL_REASON_MAX_LENGTH,
    min: DRILL_REASON_MIN_LENGTH,
    multiline: true,
    required: true,
  });
}

/** The body of a correction: the corrected drill and `reason`, every bad field named. */
export function readDrillCorrection(
  body: unknown,
  now: number,
): { values: DrillValues; reason: string } {
  const input = requireObject(body);
  const fields = new FieldReader();
  const values = fields.collect(() => readDrillValues(input, now));
  const reason = fields.read('reason', () => readDrillReason(input.reason));
  fields.done();
  return { values: values!, reason: reason! };
}

/** The body of a withdrawal: `{ reason }`. */
export function readDrillWithdrawal(body: unknown): { reason: string } {
  return { reason: readDrillReason(requireObject(body).reason) };
}

/** The `:id` of a drill route. */
export function readDrillId(value: unknown): string {
  const text = readText(value, 'id', { max: 64, required: true });
  if (!DRILL_ID.test(text)) {
    throw new InputError('id is not a drill id');
  }
  return text;
}
