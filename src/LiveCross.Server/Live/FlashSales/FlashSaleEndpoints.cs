using System.Security.Claims;
using LiveCross.Domain.Catalog;
using LiveCross.Domain.Live;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Catalog;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.FlashSales;

public sealed record FlashSalePriceInput(decimal? Amount, string? Currency);

public sealed record CreateFlashSaleInput(Guid? SkuId, int? Quantity, FlashSalePriceInput? Price, int? PerCustomerLimit, int? DurationSeconds, Guid? SessionId);

public sealed record AttemptInput(int? Quantity);

/// <summary>A sale as anyone may see it. <c>status</c>: active, sold_out or ended.</summary>
public sealed record FlashSaleDto(
    Guid Id, Guid ProductId, Guid SkuId, string Sku, Guid? SessionId, int Quantity, int Claimed, int Remaining, MoneyDto Price,
    int PerCustomerLimit, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

public sealed record AttemptResponse(string Outcome, Guid? ClaimId, DateTimeOffset? PayBefore);

public sealed record FlashSaleClaimDto(Guid Id, Guid CustomerId, int Quantity, string Status, DateTimeOffset CreatedAt, DateTimeOffset PayBefore);

public sealed record FlashSaleClaimsDto(Guid SaleId, int Count, int Units, IReadOnlyList<FlashSaleClaimDto> Claims);

public static class FlashSaleEndpoints
{
    public const int MaxQuantity = 1_000_000;
    public const int MaxPerCustomer = 100;
    public const int MaxDurationSeconds = 24 * 3600;

    public static IEndpointRouteBuilder MapFlashSales(this IEndpointRouteBuilder app)
    {
        var seller = app.MapGroup("/api/v1/seller/flash-sales").WithTags("Flash sales (seller)").RequireAuthorization(Policies.SellerStaff);
        seller.MapPost("/", Create)
            .WithDescription("Starts a flash sale of one of the seller's SKUs now: quantity, price in the SKU's currency, per-customer limit, duration; optionally in a live session.");
        seller.MapGet("/", List);
        seller.MapPost("/{id:guid}/end", End).WithDescription("Ends the sale now; claims already accepted stay.");

        var sales = app.MapGroup("/api/v1/flash-sales").WithTags("Flash sales");
        sales.MapGet("/{id:guid}", Get).AllowAnonymous().WithDescription("Quantity, claimed, remaining, status (active, sold_out, ended) and end time.");
        sales.MapPost("/{id:guid}/attempts", Attempt)
            .RequireAuthorization(p => p.RequireRole(Roles.Customer))
            .WithDescription("A customer's purchase attempt: header Idempotency-Key (a retry with the same key gets the first answer), body { \"quantity\": 1 }. " +
                "Answers outcome Accepted (with claimId and payBefore), SoldOut, LimitReached or Ended.");
        sales.MapGet("/{id:guid}/claims", Claims).RequireAuthorization(Policies.SellerStaff).WithDescription("Every accepted claim of the seller's sale.");
        return app;
    }

    private static async Task<Results<Created<FlashSaleDto>, ValidationProblem>> Create(
        CreateFlashSaleInput input, ClaimsPrincipal user, LiveCrossDbContext db, TimeProvider clock, IEnumerable<IFlashSaleObserver> observers,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(input.SkuId is not null, "skuId", "Required: the id of one of your SKUs.");
        errors.Require(input.Quantity is >= 1 and <= MaxQuantity, "quantity", $"From 1 to {MaxQuantity:N0} units.");
        errors.Require(input.PerCustomerLimit is >= 1 and <= MaxPerCustomer, "perCustomerLimit", $"From 1 to {MaxPerCustomer} units per customer.");
        errors.Require(input.DurationSeconds is >= 10 and <= MaxDurationSeconds, "durationSeconds", $"From 10 seconds to {MaxDurationSeconds:N0} (24 hours).");
        if (input.Quantity is { } quantity && input.PerCustomerLimit is { } limit && limit > quantity)
            errors.Add("perCustomerLimit", "Cannot be more than the sale's quantity.");
        if (input.Price?.Amount is not { } amount || amount <= 0) errors.Add("price.amount", "A price above zero is required.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        // The tenant filter keeps other sellers' SKUs out: theirs are "not found" like a made-up id.
        var sku = await db.Variants.AsNoTracking().Where(v => v.Id == input.SkuId)
            .Select(v => new { v.Id, v.ProductId, v.SellerId, v.Sku, v.Currency, Active = db.Products.Any(p => p.Id == v.ProductId && p.Status == ProductStatus.Active) })
            .FirstOrDefaultAsync(cancellationToken);
        if (sku is null)
        {
            errors.Add("skuId", "You have no SKU with this id.");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        errors.Require(sku.Active, "skuId", "The product is not active: activate it before selling it in a flash sale.");
        var currencyGiven = input.Price!.Currency?.Trim();
        if (currencyGiven != sku.Currency)
            errors.Add("price.currency", $"Give the price in the SKU's currency, {sku.Currency}; shoppers see it converted into theirs.");
        else if (!new Money(input.Price.Amount!.Value, CurrencyCode.Parse(sku.Currency)).IsRoundedToMinorUnits || input.Price.Amount > 10_000_000m)
            errors.Add("price.amount", $"At most {CurrencyCode.Parse(sku.Currency).MinorUnits} decimal places and below 10,000,000.");
        if (input.SessionId is { } sessionId)
        {
            // The tenant filter hides other sellers' sessions: theirs are "not found" like a made-up id.
            var status = await db.LiveSessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => (LiveSessionStatus?)s.Status).FirstOrDefaultAsync(cancellationToken);
            if (status is null) errors.Add("sessionId", "You have no live session with this id.");
            else if (status is not (LiveSessionStatus.Scheduled or LiveSessionStatus.Live)) errors.Add("sessionId", $"The session is {status.Value.ToString().ToLowerInvariant()}: a flash sale runs in a scheduled or live session.");
        }
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var now = clock.GetUtcNow();
        var sale = new FlashSale
        {
            SellerId = sku.SellerId,
            ProductId = sku.ProductId,
            VariantId = sku.Id,
            Sku = sku.Sku,
            SessionId = input.SessionId,
            Quantity = input.Quantity!.Value,
            Price = input.Price.Amount!.Value,
            Currency = sku.Currency,
            PerCustomerLimit = input.PerCustomerLimit!.Value,
            Status = FlashSaleStatus.Active,
            StartsAt = now,
            EndsAt = now.AddSeconds(input.DurationSeconds!.Value),
            CreatedAt = now,
        };
        db.FlashSales.Add(sale);
        await db.SaveChangesAsync(cancellationToken);
        var shown = ToDto(sale, now);
        if (sale.SessionId is not null) foreach (var observer in observers) observer.Started(sale, shown);
        return TypedResults.Created($"/api/v1/flash-sales/{sale.Id}", shown);
    }

    private static async Task<Ok<List<FlashSaleDto>>> List(LiveCrossDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var sales = await db.FlashSales.AsNoTracking().OrderByDescending(s => s.CreatedAt).Take(200).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(sales.Select(s => ToDto(s, now)).ToList());
    }

    private static async Task<Results<Ok<FlashSaleDto>, NotFound>> End(
        Guid id, LiveCrossDbContext db, TimeProvider clock, IEnumerable<IFlashSaleObserver> observers, CancellationToken cancellationToken)
    {
        var changed = await db.FlashSales.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, FlashSaleStatus.EndedByHost).SetProperty(x => x.Revision, x => x.Revision + 1), cancellationToken);
        if (changed == 0) return TypedResults.NotFound();
        var sale = await db.FlashSales.AsNoTracking().FirstAsync(s => s.Id == id, cancellationToken);
        foreach (var observer in observers) observer.Ended(sale);
        return TypedResults.Ok(ToDto(sale, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<FlashSaleDto>, NotFound>> Get(Guid id, LiveCrossDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var sale = await db.FlashSales.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return sale is null ? TypedResults.NotFound() : TypedResults.Ok(ToDto(sale, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<AttemptResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Attempt(
        Guid id, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, AttemptInput? input, ClaimsPrincipal user, FlashSaleEngine engine,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var key = idempotencyKey?.Trim() ?? "";
        errors.Require(key.Length is > 0 and <= FlashSaleClaim.MaxRequestKey && key.All(c => c is > ' ' and < '\u007f'), "Idempotency-Key",
            $"The Idempotency-Key header is required: 1 to {FlashSaleClaim.MaxRequestKey} visible ASCII characters, made once per attempt and sent again on a retry.");
        var quantity = input?.Quantity ?? 1;
        errors.Require(quantity is >= 1 and <= MaxPerCustomer, "quantity", $"From 1 to {MaxPerCustomer}.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        AttemptResult? result;
        try
        {
            result = await engine.AttemptAsync(id, user.UserId()!.Value, key, quantity, cancellationToken);
        }
        catch (FlashSaleUnavailableException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Try again.");
        }
        if (result is null) return TypedResults.NotFound();
        return TypedResults.Ok(new AttemptResponse(result.Outcome.ToString(), result.ClaimId, result.PayBefore));
    }

    private static async Task<Results<Ok<FlashSaleClaimsDto>, NotFound>> Claims(Guid id, ClaimsPrincipal user, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var sellerId = user.SellerId();
        var owned = await db.FlashSales.IgnoreQueryFilters().AnyAsync(s => s.Id == id && s.SellerId == sellerId, cancellationToken);
        if (!owned) return TypedResults.NotFound();
        await FlashSaleClaimJournal.MaterializeAsync(db, [id], cancellationToken);
        var rows = await db.FlashSaleClaims.AsNoTracking().Where(c => c.SaleId == id).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var claims = rows.Select(c => new FlashSaleClaimDto(c.Id, c.CustomerId, c.Quantity, c.Status.ToString().ToLowerInvariant(), c.CreatedAt, c.PayBefore)).ToList();
        return TypedResults.Ok(new FlashSaleClaimsDto(id, claims.Count, claims.Where(c => c.Status != "expired").Sum(c => c.Quantity), claims));
    }

    public static FlashSaleDto ToDto(FlashSale s, DateTimeOffset now)
    {
        var remaining = s.Quantity - s.Claimed;
        var status = s.Status == FlashSaleStatus.EndedByHost || now >= s.EndsAt ? "ended" : remaining == 0 ? "sold_out" : "active";
        return new FlashSaleDto(s.Id, s.ProductId, s.VariantId, s.Sku, s.SessionId, s.Quantity, s.Claimed, remaining, MoneyDto.From(s.Price, s.Currency),
            s.PerCustomerLimit, status, s.StartsAt, s.EndsAt);
    }
}
