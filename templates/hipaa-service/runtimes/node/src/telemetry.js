'use strict';

// Azure Monitor OpenTelemetry: each request the service answers becomes a row of AppRequests in
// Application Insights, and the SLOs in slo.yaml are computed from those rows. server.js starts
// this before it loads express, so the HTTP instrumentation sees every request.

// Probes and scrapes are not user traffic: recording them would dilute the SLIs.
const UNMEASURED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

function pathOf(url) {
  const end = (url || '/').search(/[?#]/);
  return end === -1 ? url || '/' : url.slice(0, end);
}

/**
 * Starts sending request telemetry when APPLICATIONINSIGHTS_CONNECTION_STRING is set (the
 * Terraform sets it from the region's Application Insights component); without it the service
 * runs as before, with its /metrics only. Returns whether telemetry started.
 * `exporterOptions` go to the Azure Monitor exporter's client (tests pass an httpClient).
 */
function startTelemetry({ exporterOptions = {} } = {}) {
  const env = process.env;
  const connectionString = env.APPLICATIONINSIGHTS_CONNECTION_STRING;
  if (!connectionString) {
    return false;
  }
  // The cloud role name, AppRoleName in AppRequests: the SLO queries select on it.
  env.OTEL_SERVICE_NAME = env.OTEL_SERVICE_NAME || env.SERVICE_NAME || '${{ values.name }}';

  const { useAzureMonitor } = require('@azure/monitor-opentelemetry');
  const exporter = { ...exporterOptions, connectionString };
  // The component accepts Microsoft Entra-authenticated telemetry only (local authentication is
  // off): the workload identity signs it in, as it does for Key Vault and storage.
  if (env.AZURE_CLIENT_ID) {
    const { DefaultAzureCredential } = require('@azure/identity');
    exporter.credential = new DefaultAzureCredential({
      managedIdentityClientId: env.AZURE_CLIENT_ID,
      workloadIdentityClientId: env.AZURE_CLIENT_ID,
    });
  }
  useAzureMonitor({
    azureMonitorExporterOptions: exporter,
    // Every request is kept: the SLIs are counts of requests. The distro's default is a rate
    // limit of 5 traces per second, which would keep a shrinking share as traffic grows.
    tracesPerSecond: 0,
    samplingRatio: 1,
    // Live Metrics streams request samples to the Azure portal, outside the workspace's access
    // control and query audit.
    enableLiveMetrics: false,
    instrumentationOptions: {
      http: {
        enabled: true,
        ignoreIncomingRequestHook: request => UNMEASURED_PATHS.has(pathOf(request.url)),
      },
    },
  });
  return true;
}

module.exports = { startTelemetry, UNMEASURED_PATHS };
