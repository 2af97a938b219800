using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveCross.Server.Shipping;

public static class ShippingEndpoints
{
    public static IEndpointRouteBuilder MapShipping(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/products/{id:guid}/shipping-options", ProductOptions)
            .WithTags("Shipping")
            .WithDescription("Shipping options for a product to the shopper's market (or ?market=), cheapest first, with prices in the market's currency and delivery dates. An empty list with a message when no carrier serves the lane.");
        app.MapPost("/api/v1/shipping/options", Options)
            .WithTags("Shipping")
            .WithDescription("Shipping options for a parcel of catalog SKUs or described items (the checkout and the seller calculator). An empty list with a message when no carrier serves the lane.");
        return app;
    }

    private static async Task<Results<Ok<ShippingOptionsResponse>, ValidationProblem, ProblemHttpResult>> ProductOptions(
        Guid id, string? market, int? quantity, string? sku, string? region, DateOnly? date,
        ShopperContext shopper, MarketRegistry markets, ShippingQuotes quotes, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(market is null || markets.TryGet(market, out _), "market", $"There is no market '{market}'.");
        errors.Require(quantity is null or >= 1 and <= ShippingQuotes.MaxQuantity, "quantity", $"Between 1 and {ShippingQuotes.MaxQuantity}.");
        errors.Require(region is null || ShippingRegions.IsRegion(region.Trim().ToUpperInvariant()), "region", "A region is the ISO 3166-2 subdivision code without the country, e.g. ON for CA-ON.");
        ShippingQuotes.ValidateDate(date, errors);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var (response, problems) = await quotes.QuoteProductAsync(id, shopper.Market, quantity ?? 1, sku, region?.Trim().ToUpperInvariant(), date, cancellationToken);
        if (problems.Any) return TypedResults.ValidationProblem(problems.ToDictionary());
        return response is null
            ? TypedResults.Problem($"No product {id} is on sale in {shopper.Market.Code}.", statusCode: StatusCodes.Status404NotFound, title: "Product not found.")
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<ShippingOptionsResponse>, ValidationProblem>> Options(
        ShippingOptionsRequest request, ShippingQuotes quotes, CancellationToken cancellationToken)
    {
        var (response, errors) = await quotes.QuoteAsync(request, cancellationToken);
        return response is null ? TypedResults.ValidationProblem(errors.ToDictionary()) : TypedResults.Ok(response);
    }
}
