import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration, durationToMilliseconds } from '@backstage/types';

/**
 * A duration from config, `{ minutes: 15 }`, ISO-8601 `PT15M` or `15m`, or
 * `fallback` when the key is absent. A bare number, a malformed value or one
 * that is not positive stops the backend with an error naming `key`, the
 * path from the root of `config`.
 */
export function readConfigDuration(
  config: Config,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  if (!config.has(key)) return fallback;
  const value = config.getOptional(key);
  const expected = 'a duration such as { minutes: 15 } or PT15M';
  if (typeof value === 'number') {
    throw new Error(`${key} must be ${expected}, not a bare number`);
  }
  let duration: HumanDuration;
  try {
    duration = readDurationFromConfig(config, { key });
  } catch (error) {
    throw new Error(`${key} must be ${expected}: ${(error as Error).message}`);
  }
  if (!(durationToMilliseconds(duration) > 0)) {
    throw new Error(
      `${key} must be a positive duration, got ${JSON.stringify(value)}`,
    );
  }
  return duration;
}
