using System.Security.Claims;
using LiveCross.Domain.Orders;
using LiveCross.Server.Catalog;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Orders;

public static class OrderEndpoints
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders").WithTags("Orders");
        orders.MapPost("/", Place)
            .Accepts<PlaceOrderInput>("application/json")
            .Produces<OrderDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesValidationProblem()
            .WithDescription("Places an order; requires an Idempotency-Key header. The same key and body return the same answer; the same key with another body is a 409. " +
                "Stock is reserved until Orders:PaymentWindow passes. Guests give an e-mail and get an accessToken for the order. " +
                "A signed-in customer orders an accepted flash-sale claim with claimId (no items; the claim's SKU and quantity at the flash price, to be paid before the claim's payBefore; " +
                "404 for no such claim of yours, 409 when it was ordered already, 410 when it expired) and uses a claimed live coupon of the seller with couponId (400 naming couponId when it expired " +
                "or the goods are below its minimum spend, 409 when it was used already).");
        orders.MapGet("/", Mine).RequireAuthorization();
        orders.MapGet("/{id:guid}", Get).WithDescription("The buyer's own order: signed in, or as a guest with ?token= from the placement answer.");
        orders.MapPost("/{id:guid}/payments", Pay)
            .Produces<OrderPaymentDto>(StatusCodes.Status201Created)
            .WithDescription("Starts paying an order that waits for payment (signed in, or as a guest with ?token=): body { \"method\": \"card\" } (a method of the order's market; default card). " +
                "The answer says where the shopper pays (redirectUrl); the order turns paid when the provider reports the payment.");
        orders.MapPost("/{id:guid}/cancel", Cancel).WithDescription("Cancels an order that is still waiting for payment and releases its stock.");

        // The order page's cancel button: a form post with the page's antiforgery token, answered with a redirect back to the page.
        app.MapPost("/orders/{id:guid}/cancel", CancelFromForm).ExcludeFromDescription();
        // The order page's pay button: a form post, answered with a redirect to the provider's payment page.
        app.MapPost("/orders/{id:guid}/pay", PayFromForm).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Place(
        PlaceOrderInput input, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, HttpContext http,
        OrderPlacement placement, Videos.CreatorReferrals referrals, CancellationToken cancellationToken)
    {
        var result = await placement.PlaceAsync(input, idempotencyKey, user, await referrals.ReadAsync(http, cancellationToken), cancellationToken);
        return result switch
        {
            PlacementResult.Answer answer => new StoredAnswerResult(answer.StatusCode, answer.Json, $"/api/v1/orders/{answer.OrderId}", answer.Replayed),
            PlacementResult.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors.ToDictionary()),
            PlacementResult.KeyReused => TypedResults.Problem(
                "This Idempotency-Key was already used for a different request. Use a new key for a new order, or send the same body to get the order placed with it.",
                statusCode: StatusCodes.Status409Conflict, title: "Idempotency key reused."),
            PlacementResult.PricesChanged changed => TypedResults.Problem(
                $"Prices changed since they were shown: {string.Join("; ", changed.Changes.Select(c => $"{c.Sku} {c.Previous.Amount} → {c.Current.Amount} {c.Current.Currency}"))}. Review them and place the order again.",
                statusCode: StatusCodes.Status409Conflict, title: "Prices changed.",
                extensions: new Dictionary<string, object?> { ["changes"] = changed.Changes }),
            PlacementResult.ChargesChanged changed => TypedResults.Problem(changed.Message, statusCode: StatusCodes.Status409Conflict, title: "Charges changed.",
                extensions: new Dictionary<string, object?> { ["quote"] = changed.Current }),
            PlacementResult.OutOfStock shortage => TypedResults.Problem(
                $"Only {shortage.Available} of SKU '{shortage.Sku}' can be had; {shortage.Wanted} were asked for. Nothing was reserved.",
                statusCode: StatusCodes.Status409Conflict, title: "Not enough stock.",
                extensions: new Dictionary<string, object?> { ["sku"] = shortage.Sku, ["wanted"] = shortage.Wanted, ["available"] = shortage.Available }),
            PlacementResult.Refused refused => TypedResults.Problem(refused.Refusal.Detail, statusCode: refused.Refusal.StatusCode, title: refused.Refusal.Title,
                extensions: new Dictionary<string, object?> { ["field"] = refused.Refusal.Field }),
            _ => TypedResults.Problem("Many orders reached for the same stock at once. Send the same request again.",
                statusCode: StatusCodes.Status409Conflict, title: "Stock busy."),
        };
    }

    private static async Task<Results<Ok<OrderList>, ValidationProblem>> Mine(
        int? page, int? pageSize, ClaimsPrincipal user, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(page is null or >= 1 and <= 10_000, "page", "Pages start at 1.");
        errors.Require(pageSize is null or >= 1 and <= MaxPageSize, "pageSize", $"Between 1 and {MaxPageSize}.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        return TypedResults.Ok(await ListAsync(db, user.UserId()!.Value, page ?? 1, pageSize ?? 20, cancellationToken));
    }

    /// <summary>A customer's orders, newest first.</summary>
    public static async Task<OrderList> ListAsync(LiveCrossDbContext db, Guid customerId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var mine = db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId);
        var total = await mine.CountAsync(cancellationToken);
        var rows = await mine.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(o => new { o.Id, o.Number, o.Status, o.MarketCode, o.Currency, o.Charges.Total, o.Charges.AmountDue, Items = o.Lines.Sum(l => l.Quantity), o.CreatedAt })
            .ToListAsync(cancellationToken);
        return new OrderList(page, pageSize, total, rows.Select(r => new OrderSummaryDto(
            r.Id, r.Number, OrderViews.StatusName(r.Status), r.MarketCode, MoneyDto.From(r.Total, r.Currency), MoneyDto.From(r.AmountDue, r.Currency), r.Items, r.CreatedAt)).ToList());
    }

    private static async Task<Results<Ok<OrderDto>, NotFound>> Get(
        Guid id, string? token, ClaimsPrincipal user, LiveCrossDbContext db, OrderAccessTokens tokens, CancellationToken cancellationToken)
    {
        var order = await FindForBuyerAsync(db, id, token, user, tokens, cancellationToken);
        return order is null ? TypedResults.NotFound() : TypedResults.Ok(await OrderViews.ToDtoAsync(db, order, tokens, cancellationToken));
    }

    private static async Task<Results<Ok<OrderDto>, NotFound, ProblemHttpResult>> Cancel(
        Guid id, string? token, ClaimsPrincipal user, LiveCrossDbContext db, OrderAccessTokens tokens, OrderLifecycle lifecycle, CancellationToken cancellationToken)
    {
        var order = await FindForBuyerAsync(db, id, token, user, tokens, cancellationToken);
        if (order is null) return TypedResults.NotFound();
        var result = await lifecycle.CancelAsync(order.Id, OrderPlacement.Actor(order.CustomerId), "Cancelled by the buyer before paying.", cancellationToken);
        return result switch
        {
            CancelResult.Cancelled cancelled => TypedResults.Ok(await OrderViews.ToDtoAsync(db, cancelled.Order, tokens, cancellationToken)),
            CancelResult.Refused refused => TypedResults.Problem(refused.Reason, statusCode: StatusCodes.Status409Conflict, title: "The order cannot be cancelled."),
            CancelResult.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Problem("The order changed at the same moment (a payment may have arrived). Reload it and try again.",
                statusCode: StatusCodes.Status409Conflict, title: "The order was changed."),
        };
    }

    private static async Task<Results<Created<OrderPaymentDto>, NotFound>> Pay(
        Guid id, string? token, StartPaymentInput? input, ClaimsPrincipal user, LiveCrossDbContext db, OrderAccessTokens tokens, OrderPayments payments, CancellationToken cancellationToken)
    {
        var order = await FindForBuyerAsync(db, id, token, user, tokens, cancellationToken);
        if (order is null) return TypedResults.NotFound();
        var started = await payments.StartAsync(order, input?.Method, token, cancellationToken);
        return TypedResults.Created($"/api/v1/payments/{started.PaymentId}", started);
    }

    private static async Task<IResult> PayFromForm(
        Guid id, [FromForm] string? token, [FromForm] string? method, ClaimsPrincipal user, LiveCrossDbContext db, OrderAccessTokens tokens, OrderPayments payments,
        CancellationToken cancellationToken)
    {
        var order = await FindForBuyerAsync(db, id, token, user, tokens, cancellationToken);
        if (order is null) return TypedResults.NotFound();
        OrderPaymentDto started;
        try
        {
            started = await payments.StartAsync(order, method, token, cancellationToken);
        }
        catch (ProblemException)
        {
            // The page shows the order as it stands (already paid, cancelled) and the methods it offers.
            return TypedResults.LocalRedirect(tokens.PagePath(order, token));
        }
        return started.RedirectUrl is { } url && RedirectHttpResult.IsLocalUrl(url)
            ? TypedResults.LocalRedirect(url)
            : TypedResults.LocalRedirect(tokens.PagePath(order, token));
    }

    private static async Task<IResult> CancelFromForm(
        Guid id, [FromForm] string? token, ClaimsPrincipal user, LiveCrossDbContext db, OrderAccessTokens tokens, OrderLifecycle lifecycle, CancellationToken cancellationToken)
    {
        var order = await FindForBuyerAsync(db, id, token, user, tokens, cancellationToken);
        if (order is null) return TypedResults.NotFound();
        await lifecycle.CancelAsync(order.Id, OrderPlacement.Actor(order.CustomerId), "Cancelled by the buyer before paying.", cancellationToken);
        return TypedResults.LocalRedirect(tokens.PagePath(order, token));
    }

    /// <summary>The order when the caller is its buyer: the signed-in customer who placed it, or a guest holding its access token.</summary>
    public static async Task<Order?> FindForBuyerAsync(
        LiveCrossDbContext db, Guid id, string? token, ClaimsPrincipal user, OrderAccessTokens tokens, CancellationToken cancellationToken)
    {
        var order = await OrderViews.LoadAsync(db, id, track: false, cancellationToken);
        if (order is null) return null;
        var mine = order.CustomerId is { } customer ? customer == user.UserId() : tokens.Opens(token, order.Id);
        return mine ? order : null;
    }
}

/// <summary>The answer stored for an idempotency key, sent byte for byte as it was the first time.</summary>
public sealed class StoredAnswerResult(int statusCode, string json, string location, bool replayed) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = Utf8JsonResult.JsonContentType;
        response.Headers.Location = location;
        if (replayed) response.Headers["Idempotent-Replayed"] = "true";
        return response.WriteAsync(json, httpContext.RequestAborted);
    }
}

public static class SellerOrderEndpoints
{
    public static IEndpointRouteBuilder MapSellerOrders(this IEndpointRouteBuilder app)
    {
        var seller = app.MapGroup("/api/v1/seller/orders").WithTags("Seller orders").RequireAuthorization(Policies.SellerStaff);
        seller.MapGet("/", List).WithDescription("Orders holding the seller's lines, newest first; each shows only the seller's own lines.");
        seller.MapGet("/{id:guid}", Get);
        return app;
    }

    private static async Task<Results<Ok<SellerOrderList>, ValidationProblem>> List(
        string? status, int? page, int? pageSize, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        OrderStatus? wanted = null;
        if (status is not null)
        {
            wanted = Enum.GetValues<OrderStatus>().Cast<OrderStatus?>().FirstOrDefault(s => OrderViews.StatusName(s!.Value) == status.Trim().ToLowerInvariant());
            errors.Require(wanted is not null, "status", $"One of {string.Join(", ", Enum.GetValues<OrderStatus>().Select(OrderViews.StatusName))}.");
        }
        errors.Require(page is null or >= 1 and <= 10_000, "page", "Pages start at 1.");
        errors.Require(pageSize is null or >= 1 and <= OrderEndpoints.MaxPageSize, "pageSize", $"Between 1 and {OrderEndpoints.MaxPageSize}.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        return TypedResults.Ok(await ListAsync(db, wanted, page ?? 1, pageSize ?? 50, cancellationToken));
    }

    /// <summary>The signed-in seller's orders: the tenant filters keep other sellers' orders and lines out.</summary>
    public static async Task<SellerOrderList> ListAsync(LiveCrossDbContext db, OrderStatus? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        var orders = db.Orders.AsNoTracking();
        if (status is { } wanted) orders = orders.Where(o => o.Status == wanted);
        var total = await orders.CountAsync(cancellationToken);
        var rows = await orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Include(o => o.Lines)
            .ToListAsync(cancellationToken);
        return new SellerOrderList(page, pageSize, total, rows.Select(o => new SellerOrderRow(
            o.Id, o.Number, OrderViews.StatusName(o.Status), o.MarketCode, MoneyDto.From(o.Lines.Sum(l => l.LineTotal), o.Currency),
            o.Lines.Sum(l => l.Quantity), o.CreatedAt)).ToList());
    }

    private static async Task<Results<Ok<SellerOrderDto>, NotFound>> Get(Guid id, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var order = await OrderViews.LoadAsync(db, id, track: false, cancellationToken);
        return order is null ? TypedResults.NotFound() : TypedResults.Ok(await OrderViews.ToSellerDtoAsync(db, order, cancellationToken));
    }
}
