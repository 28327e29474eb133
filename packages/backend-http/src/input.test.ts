import {
  EARLIEST_INSTANT,
  entityRefFromPath,
  parseWith,
  readEntityRef,
  readInstant,
  readInteger,
  readQueryParam,
  readText,
  readTimeRange,
  sameActor,
  readHttpUrl,
} from './input';
import { z } from 'zod';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const DAY = 86_400_000;

describe('readInstant', () => {
  it.each([
    ['2026-05-01', Date.parse('2026-05-01T00:00:00Z')],
    ['2026-05-01T12:30:00Z', Date.parse('2026-05-01T12:30:00Z')],
    ['2026-05-01T12:30Z', Date.parse('2026-05-01T12:30:00Z')],
    ['2026-05-01T12:30:00.250Z', Date.parse('2026-05-01T12:30:00.250Z')],
    ['2026-05-01T12:30:00+02:00', Date.parse('2026-05-01T10:30:00Z')],
    ['2026-05-01T12:30:00-0530', Date.parse('2026-05-01T18:00:00Z')],
    ['2026-05-01T12:30:00', Date.parse('2026-05-01T12:30:00Z')],
    [String(Date.parse('2026-05-01T00:00:00Z')), Date.parse('2026-05-01')],
    [Date.parse('2026-05-01T00:00:00Z'), Date.parse('2026-05-01')],
  ])('reads %j', (value, expected) => {
    expect(readInstant(value, 'at', { now: NOW })).toBe(expected);
  });

  it('reads a date alone as the end of the day when asked', () => {
    expect(
      readInstant('2026-05-01', 'asOf', { now: NOW, dateOnly: 'end' }),
    ).toBe(Date.parse('2026-05-02T00:00:00Z') - 1);
  });

  it('treats absent values as absent', () => {
    for (const value of [undefined, null, '']) {
      expect(readInstant(value, 'at', { now: NOW })).toBeUndefined();
    }
  });

  it.each([
    ['2027-W10-1', 'must be an ISO-8601 date'],
    ['2027-060', 'must be an ISO-8601 date'],
    ['-060000-01-01T00:00:00Z', 'must be an ISO-8601 date'],
    ['+020000-01-01T00:00:00Z', 'must be an ISO-8601 date'],
    ['garbage', 'must be an ISO-8601 date'],
    ['1e12', 'must be an ISO-8601 date'],
    ['2026-02-30', 'not a real calendar date'],
    ['2026-13-01', 'not a real calendar date'],
    ['2026-01-01T24:00:00Z', 'not a real calendar date'],
    ['2026-01-01T00:00:00+99:00', 'invalid UTC offset'],
    ['99999999999999999', 'must lie between'],
    ['0001-01-01', 'must lie between 2000-01-01 and 2027-12-05'],
    ['1999-12-31T23:59:59Z', 'must lie between'],
    ['2028-01-01', 'must lie between'],
    ['0', 'must lie between'],
  ])('refuses %j naming the field', (value, message) => {
    expect(() => readInstant(value, 'expiresAt', { now: NOW })).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(
          new RegExp(`^expiresAt .*${message.replace(/[()]/g, '\\$&')}`),
        ),
      }),
    );
  });

  it('refuses lists, objects and booleans', () => {
    for (const value of [['2026-01-01'], { $gt: '' }, true]) {
      expect(() => readInstant(value, 'from', { now: NOW })).toThrow(
        'from must be a single date or time',
      );
    }
  });

  it('applies the bounds a field demands', () => {
    expect(() =>
      readInstant('2026-12-05', 'performedAt', { now: NOW, max: NOW }),
    ).toThrow('performedAt must lie between 2000-01-01 and 2026-12-04');
    expect(readInstant('2000-01-01', 'at', { now: NOW })).toBe(
      EARLIEST_INSTANT,
    );
  });
});

describe('readTimeRange', () => {
  const options = { now: NOW, defaultSpanMs: 7 * DAY, maxSpanMs: 40 * DAY };

  it('defaults to the last default span', () => {
    expect(readTimeRange({}, options)).toEqual({
      from: NOW - 7 * DAY,
      to: NOW,
    });
  });

  it('reads both ends', () => {
    expect(
      readTimeRange(
        { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' },
        options,
      ),
    ).toEqual({
      from: Date.parse('2026-11-01T00:00:00Z'),
      to: Date.parse('2026-11-02T00:00:00Z'),
    });
  });

  it('refuses a range longer than the maximum, naming from', () => {
    expect(() => readTimeRange({ from: '2026-01-01' }, options)).toThrow(
      /^from: a range may span at most 40 days, got 338$/,
    );
  });

  it('refuses an inverted range and a future end', () => {
    expect(() =>
      readTimeRange({ from: '2026-11-02', to: '2026-11-01' }, options),
    ).toThrow('from must be before to');
    expect(() => readTimeRange({ to: '2026-12-06' }, options)).toThrow(
      /^to must lie between/,
    );
    expect(() => readTimeRange({ to: '99999999999999999' }, options)).toThrow(
      /^to must lie between 2000-01-01 and 2026-12-04/,
    );
  });

  it('refuses a repeated parameter', () => {
    expect(() =>
      readTimeRange({ from: ['2026-11-01', '2026-11-02'] }, options),
    ).toThrow('from must be given once');
  });
});

describe('readText', () => {
  it('normalises and trims', () => {
    expect(readText('  Cafe\u0301  ', 'note', { max: 10 })).toBe('Café');
    expect(readText(undefined, 'note', { max: 10 })).toBeUndefined();
  });

  it('keeps line breaks only where they mean something', () => {
    expect(readText('a\nb\tc', 'reason', { max: 10, multiline: true })).toBe(
      'a\nb\tc',
    );
    expect(() => readText('a\nb', 'title', { max: 10 })).toThrow(
      'title must not contain control or invisible formatting characters (U+000A at position 2)',
    );
  });

  it.each([
    ['guest\u200b', 'U+200B'],
    ['a\u0000b', 'U+0000'],
    ['safe\u202Etxt', 'U+202E'],
    ['\ufeffx', 'U+FEFF'],
    ['a\u2066b', 'U+2066'],
  ])('refuses %j', (value, codePoint) => {
    expect(() =>
      readText(value, 'requester', { max: 255, multiline: true }),
    ).toThrow(codePoint);
  });

  it('counts characters, not UTF-16 units, against the limit', () => {
    expect(readText('😀'.repeat(5), 'note', { max: 5 })).toBe('😀'.repeat(5));
    expect(() => readText('😀'.repeat(6), 'note', { max: 5 })).toThrow(
      'note must be at most 5 characters, got 6',
    );
    expect(() => readText('x'.repeat(60_000), 'reason', { max: 4000 })).toThrow(
      'reason must be at most 4000 characters, got 60000',
    );
  });

  it('requires what is required and refuses other types', () => {
    expect(() =>
      readText('   ', 'reason', { max: 10, required: true }),
    ).toThrow('reason is required');
    expect(() => readText(5, 'reason', { max: 10 })).toThrow(
      'reason must be text, got number',
    );
    expect(() => readText(['a'], 'reason', { max: 10 })).toThrow(
      'reason must be text, got a list',
    );
    expect(() => readText('ab', 'code', { max: 10, min: 3 })).toThrow(
      'code must be at least 3 characters',
    );
  });
});

describe('readHttpUrl', () => {
  it('keeps an http(s) link as written', () => {
    expect(
      readHttpUrl('https://ci.example.com/runs/1?x=1', 'url', {
        required: true,
      }),
    ).toBe('https://ci.example.com/runs/1?x=1');
    expect(readHttpUrl(undefined, 'url', { required: false })).toBeUndefined();
  });

  it.each([
    ['ftp://ci.example.com/run', 'url must be an http(s) URL'],
    ['not a link', 'url must be an http(s) URL'],
    [
      'https://user:secret@ci.example.com/run',
      'url must not carry a user name or password',
    ],
    [`https://example.com/${'x'.repeat(2100)}`, 'url must be at most 2048'],
  ])('refuses %s', (value, message) => {
    expect(() => readHttpUrl(value, 'url', { required: false })).toThrow(
      message,
    );
  });

  it('requires a link when asked to', () => {
    expect(() => readHttpUrl('', 'link', { required: true })).toThrow(
      'link is required',
    );
  });
});

describe('readQueryParam', () => {
  it('refuses a repeated parameter', () => {
    expect(() => readQueryParam({ owner: ['a', 'b'] }, 'owner')).toThrow(
      'owner must be given once',
    );
    expect(() => readQueryParam({ owner: { a: 'b' } }, 'owner')).toThrow(
      'owner must be a single value',
    );
    expect(readQueryParam({ owner: 'team-a' }, 'owner')).toBe('team-a');
  });
});

describe('readInteger', () => {
  it('reads bounded whole numbers', () => {
    expect(readInteger('60', 'step', { min: 1, max: 100 })).toBe(60);
    expect(readInteger(7, 'step', { min: 1, max: 100 })).toBe(7);
    expect(
      readInteger(undefined, 'step', { min: 1, max: 100 }),
    ).toBeUndefined();
  });

  it.each(['1.5', '1e3', 'abc', '99999999999999999999', true, {}])(
    'refuses %j',
    value => {
      expect(() => readInteger(value, 'step', { min: 1, max: 100 })).toThrow(
        'step must be a whole number',
      );
    },
  );

  it('refuses values out of bounds', () => {
    expect(() => readInteger('0', 'step', { min: 1, max: 100 })).toThrow(
      'step must be between 1 and 100, got 0',
    );
  });
});

describe('entity refs', () => {
  it('canonicalises refs', () => {
    expect(readEntityRef('Guest', 'requester', { defaultKind: 'user' })).toBe(
      'user:default/guest',
    );
    expect(
      readEntityRef('group:Default/SRE-Leads', 'owner', { required: true }),
    ).toBe('group:default/sre-leads');
  });

  it('refuses look-alikes and malformed refs', () => {
    expect(() =>
      readEntityRef('user:default/guest\u200b', 'requester', {
        defaultKind: 'user',
      }),
    ).toThrow(/^requester must not contain control/);
    expect(() => readEntityRef('a:b:c/d/e', 'requester')).toThrow(
      /^requester must be an entity ref/,
    );
    expect(() =>
      readEntityRef(`user:default/${'x'.repeat(300)}`, 'requester'),
    ).toThrow(/^requester must be at most 255 characters/);
  });

  it('compares actors across compatibility forms and case', () => {
    expect(sameActor('user:default/guest', 'USER:default/Guest')).toBe(true);
    expect(sameActor('user:default/guest\u200b', 'user:default/guest')).toBe(
      true,
    );
    expect(sameActor('user:default/ｇｕｅｓｔ', 'user:default/guest')).toBe(
      true,
    );
    expect(sameActor('user:default/guest2', 'user:default/guest')).toBe(false);
  });

  it('reads entity paths', () => {
    expect(
      entityRefFromPath({ namespace: 'default', kind: 'Component', name: 'x' }),
    ).toBe('component:default/x');
    expect(() =>
      entityRefFromPath({
        namespace: 'default',
        kind: 'component',
        name: '..',
      }),
    ).toThrow('name ".." is not a valid entity name');
  });
});

describe('parseWith', () => {
  it('names the first bad field', () => {
    const schema = z.object({ region: z.string().max(3) });
    expect(() => parseWith(schema, { region: 'eastus2' })).toThrow(/^region: /);
    expect(parseWith(schema, { region: 'eus' })).toEqual({ region: 'eus' });
  });
});

describe('edge forms', () => {
  it('refuses padded dates and takes today as an end to mean now', () => {
    expect(() =>
      readInstant(`${' '.repeat(50)}2026-01-01`, 'from', { now: NOW }),
    ).toThrow('from must be an ISO-8601 date or time of at most 40 characters');
    expect(() => readInstant(' 2026-01-01', 'from', { now: NOW })).toThrow(
      /^from must be an ISO-8601 date/,
    );
    expect(
      readTimeRange(
        { from: '2026-12-01', to: '2026-12-04' },
        {
          now: NOW,
          defaultSpanMs: DAY,
          maxSpanMs: 40 * DAY,
        },
      ),
    ).toEqual({ from: Date.parse('2026-12-01T00:00:00Z'), to: NOW });
  });
});
