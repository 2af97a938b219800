using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LiveCross.Server.Platform.Telemetry;

/// <summary>
/// Metrics and traces over OTLP (HTTP/protobuf) to a collector, when <c>Telemetry:OtlpEndpoint</c> is set. Without it
/// nothing is collected, so a plain run and the benchmarks pay nothing for telemetry.
/// </summary>
public static class TelemetryModule
{
    public const string Section = "Telemetry";

    /// <summary>Every meter and activity source of LiveCross is named "LiveCross.Module", e.g. "LiveCross.FlashSales".</summary>
    public const string NamePattern = "LiveCross.*";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        if (string.IsNullOrWhiteSpace(section["OtlpEndpoint"])) return builder;
        string? problem = null;
        var settings = TelemetrySettings.Read(section, ref problem);
        if (settings is null)
        {
            // Reported when the host starts, like every other invalid setting, rather than as a crash while building.
            builder.Services.AddOptions<TelemetrySettingsCheck>().Validate(_ => false, problem!).ValidateOnStart();
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(settings.ServiceName, serviceInstanceId: settings.ServiceInstanceId))
            .WithMetrics(metrics => metrics
                .AddMeter(NamePattern)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter((exporter, reader) =>
                {
                    Configure(exporter, settings.OtlpEndpoint, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = settings.MetricExportIntervalMilliseconds;
                }))
            .WithTracing(tracing => tracing
                .AddSource(NamePattern)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(exporter => Configure(exporter, settings.OtlpEndpoint, "v1/traces")));
        return builder;
    }

    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, string signalPath)
    {
        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = new Uri(endpoint, signalPath);
    }
}

/// <summary>The <c>Telemetry</c> section; null when no collector is configured.</summary>
public sealed record TelemetrySettings(Uri OtlpEndpoint, string ServiceName, string ServiceInstanceId, int MetricExportIntervalMilliseconds)
{
    /// <summary>The settings, or null with <paramref name="problem"/> saying which one is wrong.</summary>
    public static TelemetrySettings? Read(IConfigurationSection section, ref string? problem)
    {
        var endpoint = section["OtlpEndpoint"];
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problem = $"Telemetry:OtlpEndpoint must be an absolute http or https URL of an OTLP collector (e.g. http://localhost:4318/), not \"{endpoint}\".";
            return null;
        }
        var interval = 15_000;
        var intervalText = section["MetricExportIntervalMilliseconds"];
        if (intervalText is not null && (!int.TryParse(intervalText, out interval) || interval is < 100 or > 3_600_000))
        {
            problem = $"Telemetry:MetricExportIntervalMilliseconds must be a whole number from 100 to 3600000, not \"{intervalText}\".";
            return null;
        }
        var name = section["ServiceName"] is { Length: > 0 } n ? n : "livecross";
        var instance = section["ServiceInstanceId"] is { Length: > 0 } i ? i : $"{Environment.MachineName}-{Environment.ProcessId}";
        // The exporter appends nothing to a base URL with a path, so keep a trailing slash for Uri(base, "v1/metrics").
        if (!uri.AbsolutePath.EndsWith('/')) uri = new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
        return new TelemetrySettings(uri, name, instance, interval);
    }
}

/// <summary>Carries nothing: its options validation reports an invalid Telemetry section at start.</summary>
public sealed class TelemetrySettingsCheck;
