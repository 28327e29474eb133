"""The WSGI entry point: `gunicorn app:app` (App Service finds it by this name)."""

# First, so the instrumentation is in place before Flask is imported.
from service.telemetry import start_telemetry

start_telemetry()

from service.web import create_app  # noqa: E402

app = create_app()
