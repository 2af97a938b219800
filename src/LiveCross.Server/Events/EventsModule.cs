using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Events;

/// <summary>The event stream (M12): batch ingest, server facts, the DuckDB store, the interaction reader and the seller's video figures.</summary>
public static class EventsModule
{
    public const string Path = "/api/v1/events";

    public static WebApplicationBuilder AddEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EventsOptions>().BindConfiguration(EventsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<EventStore>();
        builder.Services.AddSingleton(s =>
        {
            var capacity = s.GetRequiredService<IOptions<EventsOptions>>().Value.RecentKeys;
            var recent = new RecentEventKeys(capacity);
            var stored = s.GetRequiredService<EventStore>().RecentKeys(capacity);
            stored.Reverse();
            recent.Remember(stored);
            return recent;
        });
        builder.Services.AddSingleton<EventWriter>();
        builder.Services.AddHostedService(s => s.GetRequiredService<EventWriter>());
        builder.Services.AddSingleton<EventIngest>();
        builder.Services.AddSingleton<EventRecorder>();
        builder.Services.AddSingleton<IOutboxHandler, PaymentSuccessOutbox>();
        builder.Services.AddSingleton<InteractionReader>();
        builder.Services.AddScoped<VideoFigures>();
        return builder;
    }

    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, (HttpContext http, EventIngest ingest, Markets.ShopperContext shopper, CancellationToken cancellationToken) => ingest.PostAsync(http, shopper, cancellationToken))
            .WithTags("Events")
            .Accepts<object[]>("application/json")
            .Produces<IngestResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithDescription("A batch of up to 500 interaction events (JSON array) from a browser or app, signed in or anonymous with a client id " +
                "(header X-LiveCross-Client or cookie lc_client). Answers how many were accepted, how many were duplicates of events sent " +
                "before, and each rejected event's index and reason; the good events of a batch are kept whatever the bad ones.");
        app.MapEventsBenchmark();
        app.MapGet(FiguresPath, SellerFiguresAsync)
            .WithTags("Seller videos").RequireAuthorization(Policies.SellerStaff)
            .WithDescription("Per video of the signed-in seller, between from and to (default: the last 30 days): views, average watch time, " +
                "completion rate, tag clicks, and the add-to-carts, orders and GMV credited to it (last tag click of the product by the same " +
                "shopper within the attribution window). videoId identifies the video; title is null until videos carry titles.");
        return app;
    }

    /// <summary>For bench/LiveCross.Bench events-ingest, mapped only with the benchmark setting: waits for the writer, then counts the store.</summary>
    public static IEndpointRouteBuilder MapEventsBenchmark(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>(Platform.Benchmarks.BenchmarkEndpoints.Setting)) return app;
        app.MapGet("/bench/events/stored", async (EventWriter writer, EventStore store, CancellationToken cancellationToken) =>
        {
            await writer.FlushAsync(TimeSpan.FromMinutes(2), cancellationToken);
            return TypedResults.Ok(new { writer.Enqueued, writer.Processed, writer.Stored, Rows = store.Count() });
        }).ExcludeFromDescription();
        return app;
    }

    public const string FiguresPath = "/api/v1/seller/videos/figures";

    private static async Task<Ok<VideoFiguresPageDto>> SellerFiguresAsync(HttpContext http, VideoFigures figures, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        TypedResults.Ok(await figures.ForSellerAsync(http.User.SellerId()!.Value, from, to, cancellationToken));
}
