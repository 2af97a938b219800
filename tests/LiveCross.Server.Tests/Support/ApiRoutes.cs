using LiveCross.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Support;

/// <summary>The routes the running app really maps, so a coverage test fails when an endpoint is added without its cases.</summary>
public static class ApiRoutes
{
    public static IReadOnlyList<(string Method, string Pattern)> Of(LiveCrossApp app, string prefix) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!.TrimEnd('/'))))
            .ToList();

    /// <summary>The same routes as "GET /api/v1/…" strings.</summary>
    public static IReadOnlyList<string> Named(LiveCrossApp app, string prefix) =>
        Of(app, prefix).Select(r => $"{r.Method} {r.Pattern}").ToList();
}
