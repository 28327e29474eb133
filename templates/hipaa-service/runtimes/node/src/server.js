'use strict';

// First, so the instrumentation is in place before express and http are loaded.
require('./telemetry').startTelemetry();

const { createApp, SERVICE_NAME } = require('./app');

const port = Number(process.env.PORT || 8080);
const { app, drain } = createApp();
const server = app.listen(port, () => {
  console.log(`${SERVICE_NAME} listening on ${port}`);
});

// On shutdown, fail readiness first so Front Door, Traffic Manager or Kubernetes stop sending
// traffic, then close once in-flight requests are done.
process.on('SIGTERM', () => {
  drain();
  setTimeout(() => server.close(() => process.exit(0)), 10_000).unref();
});
