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
            var recent = new RecentEventKeys(s.GetRequiredService<IOptions<EventsOptions>>().Value.RecentKeys);
            var stored = s.GetRequiredService<EventStore>().RecentKeys(s.GetRequiredService<IOptions<EventsOptions>>().Value.RecentKeys);
            stored.Reverse();
            recent.Remember(stored);
            return recent;
        });
        builder.Services.AddSingleton<EventWriter>();
        builder.Services.AddHostedService(s => s.GetRequiredService<EventWriter>());
        builder.Services.AddSingleton<EventIngest>();
        builder.Services.AddSingleton<EventRecorder>();
        builder.Services.AddSingleton<InteractionReader>();
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
        return app;
    }
}
