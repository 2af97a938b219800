using System.Text.Json;
using LiveCross.Server.Catalog;
using LiveCross.Server.LandedCost;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Platform.Benchmarks;

/// <summary>
/// Reference endpoints for bench/LiveCross.Bench: the least work the server can do for a response of the
/// same size, so the real endpoint is measured as a ratio to it in the same run. Mapped only when
/// <c>Benchmarks:ReferenceEndpoints</c> is true; a normal run does not have them.
/// </summary>
public static class BenchmarkEndpoints
{
    public const string Setting = "Benchmarks:ReferenceEndpoints";
    public const string ReferenceProductsPath = "/bench/reference/products";
    public const string ReferenceQuotePath = "/bench/reference/quote";

    public static WebApplication MapBenchmarkReferences(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(Setting)) return app;
        app.MapFlashSaleBenchmark();
        app.MapRoomFanoutBenchmark();
        // Rendered on first use, after startup has loaded the markets and seeded the catalog.
        var page = new Lazy<Task<byte[]>>(() => RenderAsync(app.Services));
        // Every request writes the same bytes: no parameters, no services, no query.
        app.MapGet(ReferenceProductsPath, async (HttpContext context) => await new Utf8JsonResult(await page.Value).ExecuteAsync(context))
            .ExcludeFromDescription();

        // The first request's body is quoted for real once; after that every request's body is read and the same bytes written.
        byte[]? quote = null;
        app.MapPost(ReferenceQuotePath, async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            quote ??= await RenderQuoteAsync(context, body.ToArray());
            await new Utf8JsonResult(quote).ExecuteAsync(context);
        }).ExcludeFromDescription();
        return app;
    }

    private static async Task<byte[]> RenderQuoteAsync(HttpContext context, byte[] body)
    {
        var input = JsonSerializer.Deserialize<LandedCostQuoteInput>(body, JsonSerializerOptions.Web)!;
        var outcome = await context.RequestServices.GetRequiredService<LandedCostQuotes>().QuoteAsync(input, context.RequestAborted);
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return JsonSerializer.SerializeToUtf8Bytes(outcome.Quote, json);
    }

    /// <summary>The real first page for DE in German, rendered once.</summary>
    private static async Task<byte[]> RenderAsync(IServiceProvider services)
    {
        if (!services.GetRequiredService<MarketRegistry>().TryGet("DE", out var germany)) throw new InvalidOperationException("The reference page needs the DE market.");
        var page = await services.GetRequiredService<CatalogPageCache>().ListAsync(germany, "de", new CatalogQuery(null, null, 1, 24), CancellationToken.None);
        return page.Json;
    }
}
