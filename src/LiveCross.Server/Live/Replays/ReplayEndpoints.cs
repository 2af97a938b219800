using LiveCross.Domain.Markets;
using LiveCross.Server.Catalog;
using LiveCross.Server.Live.Sessions;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveCross.Server.Live.Replays;

public static class ReplayEndpoints
{
    public static IEndpointRouteBuilder MapReplays(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/v1/live-sessions").WithTags("Live sessions").AllowAnonymous();
        sessions.MapGet("/{id:guid}/replay", Get)
            .WithDescription("A session's replay: video URL, duration and the product timeline (title for ?locale=, price for ?market=, offset seconds into the video).");
        sessions.MapGet("/replays", List)
            .WithDescription("Replays a market's viewers can watch, newest first (?market=&locale=).");
        app.MapGroup(IngestEndpoints.Path).WithTags("Live ingest (media server callbacks)").AllowAnonymous().DisableAntiforgery()
            .MapPost("/record-done", RecordDone)
            .WithDescription("nginx-rtmp on_record_done: the recording of a session (name = session id) is complete at path; the replay job remuxes it.");
        return app;
    }

    private static async Task<Results<Ok<ReplayDto>, ProblemHttpResult, ValidationProblem>> Get(
        Guid id, string? market, string? locale, LiveCrossDbContext db, CatalogQueries catalog, MarketRegistry markets, ShopperContext shopper, CancellationToken cancellationToken)
    {
        if (Viewer(market, locale, markets, shopper) is not { } viewer) return Invalid(market, locale, markets);
        var replay = await ReplayTimeline.LoadAsync(db, catalog, id, viewer.Market, viewer.Locale, cancellationToken);
        if (replay is null)
            return TypedResults.Problem($"Session {id} does not exist or has no replay yet.", statusCode: StatusCodes.Status404NotFound, title: "No replay.");
        return TypedResults.Ok(replay);
    }

    private static async Task<Results<Ok<ReplayListing>, ValidationProblem>> List(
        string? market, string? locale, LiveCrossDbContext db, MarketRegistry markets, ShopperContext shopper, CancellationToken cancellationToken)
    {
        if (Viewer(market, locale, markets, shopper) is not { } viewer) return Invalid(market, locale, markets);
        return TypedResults.Ok(await ReplayTimeline.ListAsync(db, viewer.Market, viewer.Locale, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RecordDone(
        HttpRequest request, string? secret, LiveCrossDbContext db, LiveSecrets secrets, TimeProvider clock, ILogger<LiveReplay> logger, CancellationToken cancellationToken)
    {
        if (!await IngestEndpoints.IsMediaServerAsync(secret, secrets, cancellationToken))
            return TypedResults.Problem("The callback secret is missing or wrong.", statusCode: StatusCodes.Status403Forbidden, title: "Not the media server.");
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        var name = form?["name"].ToString();
        var path = form?["path"].ToString();
        if (!await ReplayRecordings.DoneAsync(db, name, path, clock.GetUtcNow(), cancellationToken))
            logger.LogWarning("Recording done for an unknown session or an unexpected file: {Name} {Path}", name, path);
        return TypedResults.NoContent();
    }

    private sealed record ViewerContext(MarketDefinition Market, string Locale);

    private static ViewerContext? Viewer(string? market, string? locale, MarketRegistry markets, ShopperContext shopper)
    {
        if (market is not null && !markets.TryGet(market, out _)) return null;
        if (locale is not null && !ShopperContext.IsCulture(locale)) return null;
        var definition = market is not null && markets.TryGet(market, out var asked) ? asked : shopper.Market;
        return new ViewerContext(definition, locale is not null ? System.Globalization.CultureInfo.GetCultureInfo(locale).Name : shopper.Locale);
    }

    private static ValidationProblem Invalid(string? market, string? locale, MarketRegistry markets)
    {
        var errors = new ValidationErrors();
        if (market is not null && !markets.TryGet(market, out _)) errors.Add("market", $"There is no market '{market}'.");
        errors.Require(locale is null || ShopperContext.IsCulture(locale), "locale", "A known locale such as en or zh-Hans is required.");
        return TypedResults.ValidationProblem(errors.ToDictionary());
    }
}
