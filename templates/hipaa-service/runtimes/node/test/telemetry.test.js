'use strict';

// Runs in its own process (node --test starts one per file): telemetry must start before
// express is loaded, as in server.js.

const assert = require('node:assert/strict');
const zlib = require('node:zlib');
const { after, before, test } = require('node:test');

// The exporter's HTTP client, standing in for the Application Insights ingestion endpoint: it
// keeps the envelopes the real exporter serialises and answers as the endpoint does.
const envelopes = [];
const ingestion = {
  async sendRequest(request) {
    if (new URL(request.url).pathname === '/v2.1/track') {
      let body = request.body;
      if (typeof body !== 'string') {
        body = Buffer.from(body);
        if (request.headers.get('content-encoding') === 'gzip') body = zlib.gunzipSync(body);
        body = body.toString('utf8');
      }
      envelopes.push(...JSON.parse(body));
    }
    return {
      request,
      status: 200,
      headers: request.headers,
      bodyAsText: JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }),
    };
  },
};

let service;
let baseUrl;

before(async () => {
  process.env.OTEL_BSP_SCHEDULE_DELAY = '100';
  process.env.SERVICE_NAME = '${{ values.name }}';
  delete process.env.OTEL_SERVICE_NAME;
  delete process.env.AZURE_CLIENT_ID;
  const { startTelemetry } = require('../src/telemetry');

  delete process.env.APPLICATIONINSIGHTS_CONNECTION_STRING;
  assert.equal(startTelemetry(), false, 'no telemetry without a connection string');

  process.env.APPLICATIONINSIGHTS_CONNECTION_STRING =
    'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://ingestion.invalid/';
  assert.equal(startTelemetry({ exporterOptions: { httpClient: ingestion } }), true);

  const { createApp } = require('../src/app');
  const { app } = createApp();
  service = app.listen(0);
  await new Promise(resolve => service.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${service.address().port}`;
});

after(() => {
  service.close();
  // The exporter's timers would keep the test process alive.
  setTimeout(() => process.exit(0), 100).unref();
});

function requestsRecorded() {
  return envelopes
    .filter(e => e.data && e.data.baseType === 'RequestData')
    .map(e => ({
      role: e.tags['ai.cloud.role'],
      path: new URL(e.data.baseData.url).pathname,
      responseCode: String(e.data.baseData.responseCode),
    }));
}

test('sends every request to Application Insights under the service role name, probes left out', async () => {
  await fetch(`${baseUrl}/healthz`);
  await fetch(`${baseUrl}/readyz`);
  await fetch(`${baseUrl}/metrics`);
  // More than the distro's default rate limit of 5 per second: none may be sampled away.
  for (let i = 0; i < 12; i += 1) {
    await fetch(`${baseUrl}/`);
  }
  await fetch(`${baseUrl}/no-such-route`);
  const deadline = Date.now() + 15_000;
  while (requestsRecorded().length < 13 && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  const recorded = requestsRecorded();
  assert.equal(recorded.filter(r => r.path === '/' && r.responseCode === '200').length, 12);
  assert.deepEqual(
    recorded.filter(r => r.path !== '/'),
    [{ role: '${{ values.name }}', path: '/no-such-route', responseCode: '404' }],
  );
  assert.deepEqual([...new Set(recorded.map(r => r.role))], ['${{ values.name }}']);
});
