using System.Diagnostics;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Resources;
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

// Azure Monitor OpenTelemetry: each request becomes a row of AppRequests in Application Insights,
// from which the SLOs in slo.yaml are computed. On when the Terraform has set
// APPLICATIONINSIGHTS_CONNECTION_STRING (from the region's component); without it the service
// keeps its /metrics only.
if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("APPLICATIONINSIGHTS_CONNECTION_STRING")))
{
    builder.Services.AddOpenTelemetry()
        // The cloud role name, AppRoleName in AppRequests: the SLO queries select on it.
        .ConfigureResource(resource => resource.AddService(serviceName))
        .UseAzureMonitor(options =>
        {
            // Every request is kept: the SLIs are counts of requests. The distro's default is a
            // rate limit of 5 traces per second, which keeps a shrinking share as traffic grows.
            options.SamplingRatio = 1.0F;
            options.TracesPerSecond = null;
            // Live Metrics streams request samples to the Azure portal, outside the workspace's
            // access control and query audit.
            options.EnableLiveMetrics = false;
            // The component accepts Microsoft Entra-authenticated telemetry only (local
            // authentication is off): the workload identity signs it in.
            var clientId = Environment.GetEnvironmentVariable("AZURE_CLIENT_ID");
            if (!string.IsNullOrEmpty(clientId))
            {
                options.Credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
                {
                    ManagedIdentityClientId = clientId,
                    WorkloadIdentityClientId = clientId,
                });
            }
        });
    builder.Services.Configure<AspNetCoreTraceInstrumentationOptions>(options =>
        options.Filter = context => !unmeasuredPaths.Contains(context.Request.Path.Value ?? ""));
}
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
