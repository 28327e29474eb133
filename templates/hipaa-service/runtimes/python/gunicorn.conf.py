# Gunicorn settings for AKS (App Service starts gunicorn with its own settings and finds app.py).
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8080')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# On SIGTERM, stop accepting connections and give requests in flight this long to finish.
graceful_timeout = 10
# Access logs carry URLs, and URLs can carry identifiers: they stay off.
accesslog = None
