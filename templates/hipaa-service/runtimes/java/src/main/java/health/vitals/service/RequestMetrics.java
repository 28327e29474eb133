package health.vitals.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The request metrics the SLOs in slo.yaml read, in the Prometheus text exposition format:
 * http_requests_total and the http_request_duration_seconds histogram, labelled by service,
 * method, route and status code.
 */
final class RequestMetrics {

  private static final double[] DEFAULT_BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private final String service;
  private final double[] buckets;
  private final Map<String, Series> series = new ConcurrentHashMap<>();

  private static final class Series {
    final String labels;
    final LongAdder count = new LongAdder();
    final DoubleAdder sum = new DoubleAdder();
    final LongAdder[] bucketCounts;

    Series(String labels, int buckets) {
      this.labels = labels;
      this.bucketCounts = new LongAdder[buckets];
      for (int i = 0; i < buckets; i++) {
        bucketCounts[i] = new LongAdder();
      }
    }
  }

  RequestMetrics(String service, double latencyThresholdSeconds) {
    this.service = service;
    TreeSet<Double> set = new TreeSet<>();
    Arrays.stream(DEFAULT_BUCKETS).forEach(set::add);
    set.add(latencyThresholdSeconds);
    this.buckets = set.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String format(double value) {
    if (value == Math.rint(value) && !Double.isInfinite(value)) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return Double.toString(value);
  }

  void observe(String method, String route, int status, double seconds) {
    String labels = String.format(Locale.ROOT,
        "service=\"%s\",method=\"%s\",route=\"%s\",code=\"%d\"",
        escape(service), escape(method), escape(route), status);
    Series s = series.computeIfAbsent(labels, key -> new Series(key, buckets.length));
    for (int i = 0; i < buckets.length; i++) {
      if (seconds <= buckets[i]) {
        s.bucketCounts[i].increment();
      }
    }
    s.sum.add(seconds);
    // Last, so a scrape that sees the count sees the buckets and sum too.
    s.count.increment();
  }

  String scrape() {
    // One snapshot for both families, so a series created mid-scrape shows in both or neither.
    List<Series> snapshot = new ArrayList<>(series.values());
    StringBuilder out = new StringBuilder();
    out.append("# HELP http_requests_total HTTP requests answered, by method, route and status code.\n");
    out.append("# TYPE http_requests_total counter\n");
    snapshot.forEach(s ->
        out.append("http_requests_total{").append(s.labels).append("} ")
            .append(s.count.sum()).append('\n'));
    out.append("# HELP http_request_duration_seconds Time to answer HTTP requests, by method, route and status code.\n");
    out.append("# TYPE http_request_duration_seconds histogram\n");
    snapshot.forEach(s -> {
      for (int i = 0; i < buckets.length; i++) {
        out.append("http_request_duration_seconds_bucket{").append(s.labels)
            .append(",le=\"").append(format(buckets[i])).append("\"} ")
            .append(s.bucketCounts[i].sum()).append('\n');
      }
      out.append("http_request_duration_seconds_bucket{").append(s.labels)
          .append(",le=\"+Inf\"} ").append(s.count.sum()).append('\n');
      out.append("http_request_duration_seconds_sum{").append(s.labels).append("} ")
          .append(s.sum.sum()).append('\n');
      out.append("http_request_duration_seconds_count{").append(s.labels).append("} ")
          .append(s.count.sum()).append('\n');
    });
    return out.toString();
  }
}
