import os
import unittest

from service.telemetry import start_telemetry
from prometheus_client.utils import floatToGoString

from service.web import LATENCY_THRESHOLD_SECONDS, create_app


class ServiceTest(unittest.TestCase):
    def setUp(self):
        self.client = create_app().test_client()

    def test_answers_the_health_probes(self):
        self.assertEqual(self.client.get("/healthz").status_code, 200)
        self.assertEqual(self.client.get("/readyz").status_code, 200)

    def test_counts_requests_with_the_labels_the_slos_query_leaving_probes_out(self):
        self.client.get("/")
        self.client.get("/healthz")
        self.client.get("/no-such-route")
        metrics = self.client.get("/metrics").get_data(as_text=True)
        self.assertIn(
            'http_requests_total{code="200",method="GET",route="/",service="${{ values.name }}"} 1.0',
            metrics,
        )
        self.assertIn(
            'http_requests_total{code="404",method="GET",route="unmatched",service="${{ values.name }}"} 1.0',
            metrics,
        )
        # A bucket boundary at the SLO's threshold.
        self.assertIn(f'le="{floatToGoString(LATENCY_THRESHOLD_SECONDS)}"', metrics)
        self.assertNotIn('route="/healthz"', metrics)

    def test_sends_no_telemetry_without_a_connection_string(self):
        environ = {key: value for key, value in os.environ.items()}
        environ.pop("APPLICATIONINSIGHTS_CONNECTION_STRING", None)
        self.assertFalse(start_telemetry(environ))
        self.assertNotIn("OTEL_SERVICE_NAME", environ)


if __name__ == "__main__":
    unittest.main()
