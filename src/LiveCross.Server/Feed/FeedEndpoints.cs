using System.Globalization;
using LiveCross.Domain.Markets;
using LiveCross.Server.Catalog;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using LiveCross.Server.Videos;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Feed;

public static class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/feed", Page).AllowAnonymous().WithTags("Feed")
            .WithDescription("The next page of the shopper's personalized feed (?market=&locale=&cursor=); signed in, or anonymous by the X-LiveCross-Client header or lc_client cookie.");
        app.MapGet("/api/v1/videos/{id:guid}/similar", SimilarToVideo).AllowAnonymous().WithTags("Feed").WithDescription("Items like this published video (?market=&locale=).");
        app.MapGet("/api/v1/products/{id:guid}/similar", SimilarToProduct).AllowAnonymous().WithTags("Feed").WithDescription("Items like this active product (?market=&locale=).");
        return app;
    }

    private static async Task<IResult> Page(
        string? market, string? locale, string? cursor, HttpContext http, FeedService feed, ShopperContext shopper, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(cursor is null || FeedService.ParseCursor(cursor) is not null, "cursor", "Use the nextCursor of the page before, or no cursor for the first page.");
        var (m, l) = shopper.Asked(market, locale, errors);
        return TypedResults.Ok(await feed.PageAsync(FeedViewer.From(http), m, l, cursor, cancellationToken));
    }

    private static async Task<IResult> SimilarToVideo(
        Guid id, string? market, string? locale, HttpContext http, FeedService feed, LiveCrossDbContext db, ShopperContext shopper,
        CancellationToken cancellationToken)
    {
        var (m, l) = shopper.Asked(market, locale);
        if (!await VideoViews.Published(db).AnyAsync(v => v.Id == id, cancellationToken))
            throw new ProblemException(StatusCodes.Status404NotFound, "No such video.", $"Video {id} does not exist or is not published.");
        return TypedResults.Ok(await feed.SimilarAsync(id, m, l, http.User.UserId(), cancellationToken));
    }

    private static async Task<IResult> SimilarToProduct(
        Guid id, string? market, string? locale, HttpContext http, FeedService feed, LiveCrossDbContext db, ShopperContext shopper,
        CancellationToken cancellationToken)
    {
        var (m, l) = shopper.Asked(market, locale);
        if (!await db.Products.IgnoreQueryFilters().AnyAsync(p => p.Id == id && p.Status == ProductStatus.Active, cancellationToken))
            throw new ProblemException(StatusCodes.Status404NotFound, "No such product.", $"Product {id} does not exist or is not for sale.");
        return TypedResults.Ok(await feed.SimilarAsync(id, m, l, http.User.UserId(), cancellationToken));
    }
}
