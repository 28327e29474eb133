import { createConcurrencyLimit } from './concurrency';

describe('createConcurrencyLimit', () => {
  it.each([1, 3, 8])(
    'keeps at most %i of 20 tasks in flight and runs them all',
    async limit => {
      const run = createConcurrencyLimit(limit);
      let active = 0;
      let peak = 0;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          run(async () => {
            active += 1;
            peak = Math.max(peak, active);
            await new Promise(resolve => setTimeout(resolve, (i % 3) + 1));
            active -= 1;
            return i * 2;
          }),
        ),
      );
      expect(peak).toBe(limit);
      expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    },
  );

  it('frees the slot of a failed task', async () => {
    const run = createConcurrencyLimit(1);
    await expect(
      run(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(run(async () => 'next')).resolves.toBe('next');
  });

  it.each([0, -1, 1.5])('rejects a limit of %p', limit => {
    expect(() => createConcurrencyLimit(limit)).toThrow(RangeError);
  });
});
