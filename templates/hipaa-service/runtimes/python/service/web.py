"""${{ values.name }}: health probes, request metrics and the service's routes."""

import logging
import os
import time

from flask import Flask, Response, g, jsonify, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

from .telemetry import UNMEASURED_PATHS

SERVICE_NAME = os.environ.get("SERVICE_NAME", "${{ values.name }}")

# The latency SLO (slo.yaml) judges the p99 against ${{ values.latencyThresholdMs }} ms; a bucket
# boundary at the threshold keeps histogram_quantile exact there.
LATENCY_THRESHOLD_SECONDS = ${{ values.latencyThresholdSeconds }}
LATENCY_BUCKETS = tuple(
    sorted({0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, LATENCY_THRESHOLD_SECONDS})
)

LABELS = ("service", "method", "route", "code")

# Only the series the SLOs read: no *_created timestamps beside each counter.
disable_created_metrics()


def create_app():
    app = Flask(__name__)
    registry = CollectorRegistry()
    requests_total = Counter(
        "http_requests",
        "HTTP requests answered, by method, route and status code.",
        LABELS,
        registry=registry,
    )
    duration = Histogram(
        "http_request_duration_seconds",
        "Time to answer HTTP requests, by method, route and status code.",
        LABELS,
        buckets=LATENCY_BUCKETS,
        registry=registry,
    )
    @app.before_request
    def start_timer():
        g.started = time.perf_counter()

    @app.after_request
    def measure(response):
        if request.path not in UNMEASURED_PATHS and "started" in g:
            # The route pattern, not the URL: paths can carry identifiers, and identifiers of
            # patients must never become metric labels.
            route = request.url_rule.rule if request.url_rule else "unmatched"
            labels = (SERVICE_NAME, request.method, route, str(response.status_code))
            requests_total.labels(*labels).inc()
            duration.labels(*labels).observe(time.perf_counter() - g.started)
        return response

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    @app.get("/readyz")
    def readyz():
        # Gunicorn stops taking connections on SIGTERM and finishes those in flight
        # (gunicorn.conf.py), so readiness has nothing to drain.
        return jsonify(status="ready")

    @app.get("/metrics")
    def metrics():
        return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)

    @app.get("/")
    def root():
        return jsonify(service=SERVICE_NAME, region=os.environ.get("AZURE_REGION", "local"))

    # Errors are answered without details: a stack trace could carry request data.
    @app.errorhandler(500)
    def internal_error(error):
        logging.getLogger(__name__).error("request failed: %s", type(error).__name__)
        return jsonify(error="internal error"), 500

    return app
