package health.vitals.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/** ${{ values.name }}: health probes, request metrics and the service's routes. */
public final class Application {

  static final String SERVICE_NAME =
      System.getenv().getOrDefault("SERVICE_NAME", "${{ values.name }}");

  // The latency SLO (slo.yaml) judges the p99 against ${{ values.latencyThresholdMs }} ms; a bucket
  // boundary at the threshold keeps histogram_quantile exact there.
  static final double LATENCY_THRESHOLD_SECONDS = ${{ values.latencyThresholdSeconds }};

  // Probes and scrapes are not user traffic: counting them would dilute the SLIs.
  private static final Set<String> UNMEASURED_PATHS = Set.of("/healthz", "/readyz", "/metrics");

  private final RequestMetrics metrics = new RequestMetrics(SERVICE_NAME, LATENCY_THRESHOLD_SECONDS);
  private final AtomicBoolean ready = new AtomicBoolean(true);
  private final HttpServer server;

  Application(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.setExecutor(Executors.newFixedThreadPool(16));
    route("/healthz", exchange -> respond(exchange, 200, "{\"status\":\"ok\"}"));
    route("/readyz", exchange -> respond(exchange, ready.get() ? 200 : 503,
        ready.get() ? "{\"status\":\"ready\"}" : "{\"status\":\"draining\"}"));
    route("/metrics", exchange -> {
      byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    route("/", exchange -> {
      if (!"/".equals(exchange.getRequestURI().getPath())) {
        respond(exchange, 404, "{\"error\":\"not found\"}");
        return;
      }
      String region = System.getenv().getOrDefault("AZURE_REGION", "local");
      respond(exchange, 200,
          "{\"service\":\"" + SERVICE_NAME + "\",\"region\":\"" + region + "\"}");
    });
  }

  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  /** Registers a route, measured unless it is a probe or the scrape endpoint. */
  private void route(String path, Handler handler) {
    server.createContext(path, exchange -> {
      long started = System.nanoTime();
      int status = 500;
      try {
        handler.handle(exchange);
        status = exchange.getResponseCode();
      } catch (RuntimeException | IOException e) {
        // Answer without details: a stack trace could carry request data.
        System.err.println(e.getClass().getSimpleName());
        respond(exchange, 500, "{\"error\":\"internal error\"}");
      } finally {
        if (!UNMEASURED_PATHS.contains(path)) {
          // The route pattern, not the URL: identifiers of patients must never become labels.
          String route = "/".equals(path) && !"/".equals(exchange.getRequestURI().getPath())
              ? "unmatched" : path;
          metrics.observe(exchange.getRequestMethod(), route, status,
              (System.nanoTime() - started) / 1e9);
        }
        exchange.close();
      }
    });
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  void start() {
    server.start();
  }

  /** Fails readiness first so the load balancers stop sending traffic, then stops. */
  void drainAndStop() {
    ready.set(false);
    try {
      Thread.sleep(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop(5);
  }

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    Application application = new Application(port);
    Runtime.getRuntime().addShutdownHook(new Thread(application::drainAndStop));
    application.start();
    System.out.println(SERVICE_NAME + " listening on " + application.server.getAddress().getPort());
  }
}
