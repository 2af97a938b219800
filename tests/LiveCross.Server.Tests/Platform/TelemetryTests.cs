using System.Collections.Concurrent;
using System.Text;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Tests.Platform;

/// <summary>
/// With Telemetry:OtlpEndpoint set, metrics and traces reach a collector over OTLP/HTTP. The collector here is a real
/// HTTP listener on loopback that keeps every body it is sent.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Metrics_and_traces_reach_the_configured_OTLP_collector()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var app = await LiveCrossApp.StartAsync(TestDatabase.Sqlite, configure: a => a
            .WithSetting("Telemetry:OtlpEndpoint", collector.Address)
            .WithSetting("Telemetry:ServiceName", "livecross-telemetry-test")
            .WithSetting("Telemetry:MetricExportIntervalMilliseconds", "200"));
        using var client = app.CreateClient();

        // Spans are exported in batches every few seconds, so keep serving requests until both signals have arrived.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !(collector.Received("/v1/metrics", "http.server.request.duration") && collector.Received("/v1/traces", "/api/v1/products")))
        {
            (await client.GetAsync("/api/v1/products?market=DE&locale=de", Api.Cancel)).EnsureSuccessStatusCode();
            await Task.Delay(250, Api.Cancel);
        }

        collector.Received("/v1/metrics", "http.server.request.duration").ShouldBeTrue("no request-duration metric arrived");
        collector.Received("/v1/metrics", "livecross-telemetry-test").ShouldBeTrue("metrics do not name the service");
        collector.Received("/v1/traces", "/api/v1/products").ShouldBeTrue("no span for the product list arrived");
    }

    [Theory]
    [InlineData("OtlpEndpoint", "not a url", "Telemetry:OtlpEndpoint")]
    [InlineData("OtlpEndpoint", "ftp://collector.example/", "Telemetry:OtlpEndpoint")]
    [InlineData("MetricExportIntervalMilliseconds", "0", "Telemetry:MetricExportIntervalMilliseconds")]
    public async Task An_invalid_telemetry_setting_stops_the_start_and_names_the_setting(string key, string value, string named)
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(async () =>
        {
            await using var app = await LiveCrossApp.StartAsync(TestDatabase.Sqlite, demoData: false, configure: a =>
            {
                a.WithSetting("Telemetry:OtlpEndpoint", "http://127.0.0.1:4318/");
                a.WithSetting($"Telemetry:{key}", value);
            });
        });

        error.Message.ShouldContain(named);
    }

    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _requests = new();

        private OtlpCollector(WebApplication app) => _app = app;

        public string Address => _app.Urls.First() + "/";

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var collector = new OtlpCollector(app);
            app.MapPost("/v1/{signal}", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                collector._requests.Enqueue((request.Path.Value!, body.ToArray()));
                return Results.Ok();
            });
            await app.StartAsync(Api.Cancel);
            return collector;
        }

        /// <summary>Whether a body posted to the path holds the text (OTLP protobuf keeps names and attribute values as UTF-8).</summary>
        public bool Received(string path, string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            return _requests.Any(r => r.Path == path && r.Body.AsSpan().IndexOf(bytes) >= 0);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
