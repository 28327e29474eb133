'use strict';

const express = require('express');
const client = require('prom-client');
const { UNMEASURED_PATHS } = require('./telemetry');

const SERVICE_NAME = process.env.SERVICE_NAME || '${{ values.name }}';

// The latency SLO (slo.yaml) judges the p99 against ${{ values.latencyThresholdMs }} ms; a bucket
// boundary at the threshold keeps histogram_quantile exact there.
const LATENCY_THRESHOLD_SECONDS = ${{ values.latencyThresholdSeconds }};
const LATENCY_BUCKETS = [
  ...new Set([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, LATENCY_THRESHOLD_SECONDS]),
].sort((a, b) => a - b);


function createApp() {
  const registry = new client.Registry();
  registry.setDefaultLabels({ service: SERVICE_NAME });
  client.collectDefaultMetrics({ register: registry });

  const requests = new client.Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route and status code.',
    labelNames: ['method', 'route', 'code'],
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method, route and status code.',
    labelNames: ['method', 'route', 'code'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  let ready = true;
  const app = express();
  app.disable('x-powered-by');

  app.use((req, res, next) => {
    if (UNMEASURED_PATHS.has(req.path)) {
      next();
      return;
    }
    const end = duration.startTimer();
    res.on('finish', () => {
      // The route pattern, not the URL: paths can carry identifiers, and identifiers of
      // patients must never become metric labels.
      const route = req.route ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      const labels = { method: req.method, route, code: String(res.statusCode) };
      requests.inc(labels);
      end(labels);
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', (_req, res) => {
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'draining' });
  });

  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', registry.contentType);
    res.send(await registry.metrics());
  });

  app.get('/', (_req, res) => {
    res.json({ service: SERVICE_NAME, region: process.env.AZURE_REGION || 'local' });
  });

  // Errors are answered without details: a stack trace could carry request data.
  app.use((err, _req, res, _next) => {
    console.error(err.message);
    res.status(500).json({ error: 'internal error' });
  });

  return {
    app,
    registry,
    drain() {
      ready = false;
    },
  };
}

module.exports = { createApp, SERVICE_NAME, LATENCY_BUCKETS };
