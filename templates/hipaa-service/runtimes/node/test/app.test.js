'use strict';

const assert = require('node:assert/strict');
const { after, before, test } = require('node:test');
const { createApp } = require('../src/app');

let server;
let baseUrl;

before(async () => {
  const { app } = createApp();
  server = app.listen(0);
  await new Promise(resolve => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
});

after(() => server.close());

test('answers the health probes', async () => {
  assert.equal((await fetch(`${baseUrl}/healthz`)).status, 200);
  assert.equal((await fetch(`${baseUrl}/readyz`)).status, 200);
});

test('counts requests with the labels the SLOs query, leaving probes out', async () => {
  await fetch(`${baseUrl}/`);
  await fetch(`${baseUrl}/healthz`);
  const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
  assert.match(metrics, /http_requests_total\{[^}]*route="\/"[^}]*service="${{ values.name }}"/);
  assert.match(metrics, /http_request_duration_seconds_bucket\{[^}]*le="${{ values.latencyThresholdSeconds }}"/);
  assert.doesNotMatch(metrics, /route="\/healthz"/);
});
