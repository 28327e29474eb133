"""Azure Monitor OpenTelemetry: each request the service answers becomes a row of AppRequests in
Application Insights, and the SLOs in slo.yaml are computed from those rows. app.py starts it
before Flask is imported, so the Flask instrumentation sees every request."""

import os

# Probes and scrapes are not user traffic: recording them would dilute the SLIs.
UNMEASURED_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


def start_telemetry(environ=os.environ):
    """Starts sending request telemetry when APPLICATIONINSIGHTS_CONNECTION_STRING is set (the
    Terraform sets it from the region's Application Insights component); without it the service
    runs as before, with its /metrics only. Returns whether telemetry started."""
    connection_string = environ.get("APPLICATIONINSIGHTS_CONNECTION_STRING")
    if not connection_string:
        return False
    # The cloud role name, AppRoleName in AppRequests: the SLO queries select on it.
    environ.setdefault("OTEL_SERVICE_NAME", environ.get("SERVICE_NAME") or "${{ values.name }}")
    # Every request is kept: the SLIs are counts of requests, and a rate-limited sampler would
    # keep a shrinking share as traffic grows.
    environ.setdefault("OTEL_TRACES_SAMPLER", "microsoft.fixed_percentage")
    environ.setdefault("OTEL_TRACES_SAMPLER_ARG", "1.0")
    environ.setdefault(
        "OTEL_PYTHON_FLASK_EXCLUDED_URLS",
        ",".join(path.lstrip("/") for path in sorted(UNMEASURED_PATHS)),
    )

    from azure.monitor.opentelemetry import configure_azure_monitor

    options = {
        "connection_string": connection_string,
        "sampling_ratio": 1.0,
        # Live Metrics streams request samples to the Azure portal, outside the workspace's
        # access control and query audit.
        "enable_live_metrics": False,
    }
    # The component accepts Microsoft Entra-authenticated telemetry only (local authentication
    # is off): the workload identity signs it in, as it does for Key Vault and storage.
    client_id = environ.get("AZURE_CLIENT_ID")
    if client_id:
        from azure.identity import DefaultAzureCredential

        options["credential"] = DefaultAzureCredential(
            managed_identity_client_id=client_id,
            workload_identity_client_id=client_id,
        )
    configure_azure_monitor(**options)
    return True
