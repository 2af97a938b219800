using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveCross.Server.Catalog;

public sealed record CategoryDto(string Key, string Name);

public static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/v1/products").WithTags("Catalog");
        products.MapGet("/", List)
            .Produces<ProductPage>()
            .WithDescription("A page of active products for a market and locale, priced in the market's currency. q matches any translation by substring (CJK included).");
        products.MapGet("/{id:guid}", Get);
        app.MapGet("/api/v1/categories", (Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> text) =>
                TypedResults.Ok(Categories.All.Select(c => new CategoryDto(c, text[Categories.ResourceKey(c)].Value)).ToList()))
            .WithTags("Catalog");
        return app;
    }

    private static async Task<Results<Utf8JsonResult, ValidationProblem>> List(
        string? market, string? q, string? category, int? page, int? pageSize,
        ShopperContext shopper, MarketRegistry markets, CatalogPageCache pages, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(market is null || markets.TryGet(market, out _), "market", $"There is no market '{market}'.");
        errors.Require(category is null || Categories.IsFilter(category), "category", "Unknown category.");
        errors.Require(page is null or >= 1 and <= 10_000, "page", "Pages start at 1.");
        errors.Require(pageSize is null or >= 1 and <= CatalogQueries.MaxPageSize, "pageSize", $"Between 1 and {CatalogQueries.MaxPageSize}.");
        errors.Require(q is null || q.Length <= 200, "q", "At most 200 characters.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        var result = await pages.ListAsync(shopper.Market, shopper.Locale, new CatalogQuery(q, category, page ?? 1, pageSize ?? 24), cancellationToken);
        return new Utf8JsonResult(result.Json);
    }

    private static async Task<Results<Ok<ProductDetail>, ProblemHttpResult, ValidationProblem>> Get(
        Guid id, string? market, ShopperContext shopper, MarketRegistry markets, CatalogQueries catalog, CancellationToken cancellationToken)
    {
        if (market is not null && !markets.TryGet(market, out _))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["market"] = [$"There is no market '{market}'."] });
        var product = await catalog.GetAsync(id, shopper.Market, shopper.Locale, cancellationToken);
        return product is null
            ? TypedResults.Problem($"No product {id} is on sale in {shopper.Market.Code}.", statusCode: StatusCodes.Status404NotFound, title: "Product not found.")
            : TypedResults.Ok(product);
    }
}
