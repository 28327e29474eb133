// Backend cold start to ready, and catalog API latency on the demo catalog.
import { guestToken, report, startBackend, timeRequests } from './lib';

export const name = 'portal';

export const parts = { startup: run };

async function run({ runs, requests }: { runs: number; requests: number }) {
  const coldStarts: number[] = [];
  const catalogPopulated: number[] = [];
  for (let i = 0; i < runs; i++) {
    const backend = startBackend({ port: 7207 });
    try {
      coldStarts.push(await backend.ready());
      const token = await guestToken(backend.baseUrl);
      catalogPopulated.push(
        await backend.waitFor(async () => {
          const res = await fetch(
            `${backend.baseUrl}/api/catalog/entities/by-name/component/default/fhir-gateway`,
            { headers: { authorization: `Bearer ${token}` } },
          );
          return res.ok;
        }),
      );
      if (i === runs - 1) {
        for (const [label, path] of [
          ['catalog: list all entities', '/api/catalog/entities'],
          [
            'catalog: one entity by name',
            '/api/catalog/entities/by-name/component/default/fhir-gateway',
          ],
          [
            'catalog: components by query (page of 20)',
            '/api/catalog/entities/by-query?filter=kind=component&limit=20',
          ],
        ]) {
          await timeRequests(`${backend.baseUrl}${path}`, token, 10); // warm up
          const { times, bytes } = await timeRequests(
            `${backend.baseUrl}${path}`,
            token,
            requests,
          );
          report(label, 'ms', times, `${bytes} bytes`);
        }
      }
    } finally {
      await backend.stop();
    }
  }
  report('backend cold start to ready', 'ms', coldStarts);
  report('backend cold start to demo catalog served', 'ms', catalogPopulated);
}
