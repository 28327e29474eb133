using System.Diagnostics;
using Prometheus;

var serviceName = Environment.GetEnvironmentVariable("SERVICE_NAME") ?? "${{ values.name }}";

// The latency SLO (slo.yaml) judges the p99 against ${{ values.latencyThresholdMs }} ms; a bucket
// boundary at the threshold keeps histogram_quantile exact there.
const double LatencyThresholdSeconds = ${{ values.latencyThresholdSeconds }};
var latencyBuckets = new[] { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, LatencyThresholdSeconds }
    .Distinct().OrderBy(b => b).ToArray();

// Probes and scrapes are not user traffic: counting them would dilute the SLIs.
var unmeasuredPaths = new HashSet<string> { "/healthz", "/readyz", "/metrics" };

var labelNames = new[] { "service", "method", "route", "code" };
var requests = Metrics.CreateCounter(
    "http_requests_total",
    "HTTP requests answered, by method, route and status code.",
    new CounterConfiguration { LabelNames = labelNames });
var duration = Metrics.CreateHistogram(
    "http_request_duration_seconds",
    "Time to answer HTTP requests, by method, route and status code.",
    new HistogramConfiguration { LabelNames = labelNames, Buckets = latencyBuckets });

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls($"http://+:{Environment.GetEnvironmentVariable("PORT") ?? "8080"}");
var app = builder.Build();

var ready = true;
app.Lifetime.ApplicationStopping.Register(() => ready = false);

app.Use(async (context, next) =>
{
    if (unmeasuredPaths.Contains(context.Request.Path.Value ?? ""))
    {
        await next();
        return;
    }
    var stopwatch = Stopwatch.StartNew();
    try
    {
        await next();
    }
    catch (Exception)
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        throw;
    }
    finally
    {
        // The route pattern, not the URL: identifiers of patients must never become labels.
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
        var labels = new[] { serviceName, context.Request.Method, route, context.Response.StatusCode.ToString() };
        requests.WithLabels(labels).Inc();
        duration.WithLabels(labels).Observe(stopwatch.Elapsed.TotalSeconds);
    }
});

app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.MapGet("/readyz", () => ready
    ? Results.Ok(new { status = "ready" })
    : Results.Json(new { status = "draining" }, statusCode: StatusCodes.Status503ServiceUnavailable));
app.MapMetrics("/metrics");
app.MapGet("/", () => Results.Ok(new
{
    service = serviceName,
    region = Environment.GetEnvironmentVariable("AZURE_REGION") ?? "local",
}));

app.Run();
