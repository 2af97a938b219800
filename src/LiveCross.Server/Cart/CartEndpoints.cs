using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LiveCross.Server.Cart;

public sealed record CartItemInput(string? Sku, Guid? VariantId, int? Quantity);

public sealed record CartQuantityInput(int? Quantity);

public static class CartEndpoints
{
    public static WebApplicationBuilder AddCart(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CartOptions>().BindConfiguration(CartOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<SellableItems>();
        builder.Services.AddScoped<CartService>();
        builder.Services.AddScoped<Platform.Accounts.ISignedInHandler, MergeCartOnSignIn>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCart(this IEndpointRouteBuilder app)
    {
        var cart = app.MapGroup("/api/v1/cart").WithTags("Cart");
        cart.MapGet("/", View).WithDescription("The current shopper's cart priced in the market (?market=, else the shopper's market). Guests are known by the cart cookie.");
        cart.MapPost("/items", Add).WithDescription("Adds a quantity of a SKU (or of a variantId where sellers share a SKU code).");
        cart.MapPut("/items/{sku}", SetQuantity);
        cart.MapDelete("/items/{sku}", Remove);

        // The cart page's forms: plain posts with the page's antiforgery token, answered with a redirect back to the page.
        app.MapPost("/cart/add", AddFromForm).ExcludeFromDescription();
        app.MapPost("/cart/update", UpdateFromForm).ExcludeFromDescription();
        app.MapPost("/cart/remove", RemoveFromForm).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<CartDto>, ValidationProblem>> View(string? market, ShopperContext shopper, MarketRegistry markets, CartService carts, CancellationToken cancellationToken)
    {
        if (market is not null && !markets.TryGet(market, out _)) return UnknownMarket(market);
        return TypedResults.Ok(await carts.ViewAsync(shopper.Market, shopper.Locale, cancellationToken));
    }

    private static async Task<Results<Ok<CartDto>, ValidationProblem>> Add(
        CartItemInput input, string? market, ShopperContext shopper, MarketRegistry markets, CartService carts, CancellationToken cancellationToken)
    {
        if (market is not null && !markets.TryGet(market, out _)) return UnknownMarket(market);
        var (cart, errors) = await carts.AddAsync(shopper.Market, shopper.Locale, input.Sku, input.VariantId, input.Quantity, cancellationToken);
        return cart is null ? TypedResults.ValidationProblem(errors.ToDictionary()) : TypedResults.Ok(cart);
    }

    private static async Task<Results<Ok<CartDto>, ValidationProblem>> SetQuantity(
        string sku, CartQuantityInput input, string? market, ShopperContext shopper, MarketRegistry markets, CartService carts, CancellationToken cancellationToken)
    {
        if (market is not null && !markets.TryGet(market, out _)) return UnknownMarket(market);
        var (cart, errors) = await carts.SetQuantityAsync(shopper.Market, shopper.Locale, sku, input.Quantity, cancellationToken);
        return cart is null ? TypedResults.ValidationProblem(errors.ToDictionary()) : TypedResults.Ok(cart);
    }

    private static async Task<Results<Ok<CartDto>, ValidationProblem>> Remove(
        string sku, string? market, ShopperContext shopper, MarketRegistry markets, CartService carts, CancellationToken cancellationToken)
    {
        if (market is not null && !markets.TryGet(market, out _)) return UnknownMarket(market);
        var (cart, errors) = await carts.RemoveAsync(shopper.Market, shopper.Locale, sku, cancellationToken);
        return cart is null ? TypedResults.ValidationProblem(errors.ToDictionary()) : TypedResults.Ok(cart);
    }

    private static async Task<RedirectHttpResult> AddFromForm(
        [FromForm] string? sku, [FromForm] Guid? variantId, [FromForm] int? quantity, ShopperContext shopper, CartService carts, CancellationToken cancellationToken)
    {
        var (cart, errors) = await carts.AddAsync(shopper.Market, shopper.Locale, sku, variantId, quantity ?? 1, cancellationToken);
        return BackToCart(cart, errors);
    }

    private static async Task<RedirectHttpResult> UpdateFromForm(
        [FromForm] string? sku, [FromForm] int? quantity, ShopperContext shopper, CartService carts, CancellationToken cancellationToken)
    {
        var (cart, errors) = await carts.SetQuantityAsync(shopper.Market, shopper.Locale, sku ?? "", quantity, cancellationToken);
        return BackToCart(cart, errors);
    }

    private static async Task<RedirectHttpResult> RemoveFromForm([FromForm] string? sku, ShopperContext shopper, CartService carts, CancellationToken cancellationToken)
    {
        var (cart, errors) = await carts.RemoveAsync(shopper.Market, shopper.Locale, sku ?? "", cancellationToken);
        return BackToCart(cart, errors);
    }

    /// <summary>The cart page; after a refused change it names the field the page explains (quantity, or the item itself).</summary>
    private static RedirectHttpResult BackToCart(CartDto? cart, ValidationErrors errors) =>
        TypedResults.LocalRedirect(cart is not null ? "/cart" : errors.ToDictionary().ContainsKey("quantity") ? "/cart?problem=quantity" : "/cart?problem=item");

    private static ValidationProblem UnknownMarket(string market) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["market"] = [$"There is no market '{market}'."] });
}
