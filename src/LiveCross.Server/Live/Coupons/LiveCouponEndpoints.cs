using System.Security.Claims;
using LiveCross.Domain.Live;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Catalog;
using LiveCross.Server.Live.Draws;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Coupons;

public sealed record CouponMoneyInput(decimal? Amount, string? Currency);

public sealed record DropCouponsInput(int? Quantity, CouponMoneyInput? AmountOff, int? PercentOff, CouponMoneyInput? MinimumSpend, DateTimeOffset? ExpiresAt);

/// <summary>A coupon drop as anyone may see it. <c>status</c>: active, sold_out or expired.</summary>
public sealed record LiveCouponDto(
    Guid Id, Guid SessionId, string Kind, MoneyDto? AmountOff, int? PercentOff, MoneyDto MinimumSpend, int Quantity, int Claimed, int Remaining,
    string Status, DateTimeOffset ExpiresAt);

public sealed record CouponClaimResponse(string Outcome, Guid? ClaimId);

/// <summary>A coupon in the customer's wallet. <c>status</c>: usable or expired.</summary>
public sealed record WalletCouponDto(Guid ClaimId, Guid CouponId, Guid SessionId, string SellerName, string Kind, MoneyDto? AmountOff, int? PercentOff,
    MoneyDto MinimumSpend, DateTimeOffset ExpiresAt, DateTimeOffset ClaimedAt, string Status);

public static class LiveCouponEndpoints
{
    public const int MaxQuantity = 100_000;
    public const int MaxPercent = 90;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(90);

    public static IEndpointRouteBuilder MapLiveCoupons(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/seller/live-sessions/{sessionId:guid}/coupons", Drop).WithTags("Live coupons (seller)").RequireAuthorization(Policies.SellerStaff)
            .WithDescription("The host drops coupons in a live session: quantity, amountOff { amount, currency: the seller's } or percentOff (1–90), optional minimumSpend, expiresAt.");
        var coupons = app.MapGroup("/api/v1/coupons").WithTags("Live coupons");
        coupons.MapGet("/{id:guid}", Get).AllowAnonymous().WithDescription("Quantity, claimed, remaining, status (active, sold_out, expired), discount and expiry.");
        app.MapGet("/api/v1/live-sessions/{sessionId:guid}/coupons", ListForSession).WithTags("Live coupons").AllowAnonymous()
            .WithDescription("The session's coupon drops, newest first (at most 50), with what remains: what the room shows.");
        coupons.MapPost("/{id:guid}/claims", Claim).RequireAuthorization(p => p.RequireRole(Roles.Customer))
            .WithDescription("A customer claims one: header Idempotency-Key (a retry gets the first answer). Answers Claimed (with claimId), SoldOut, AlreadyClaimed or Expired.");
        app.MapGet("/api/v1/account/coupons", Wallet).WithTags("Live coupons").RequireAuthorization(p => p.RequireRole(Roles.Customer))
            .WithDescription("The signed-in customer's claimed coupons, newest first; one is used at checkout with couponId in the order placement.");
        return app;
    }

    private static async Task<Results<Created<LiveCouponDto>, NotFound, ValidationProblem, ProblemHttpResult>> Drop(
        Guid sessionId, DropCouponsInput? input, LiveCrossDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Tenant-filtered: another seller's session is not found.
        var session = await db.LiveSessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => new { s.SellerId, s.Status }).FirstOrDefaultAsync(cancellationToken);
        if (session is null) return TypedResults.NotFound();
        var currency = await db.Sellers.AsNoTracking().Where(s => s.Id == session.SellerId).Select(s => s.Currency).FirstAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var errors = Validate(input, currency, now);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        if (session.Status != LiveSessionStatus.Live) return DrawEndpoints.NotLive(session.Status);

        var coupon = new LiveCoupon
        {
            SellerId = session.SellerId,
            SessionId = sessionId,
            Quantity = input!.Quantity!.Value,
            Kind = input.AmountOff is not null ? CouponKind.AmountOff : CouponKind.PercentOff,
            AmountOff = input.AmountOff?.Amount,
            PercentOff = input.AmountOff is null ? input.PercentOff : null,
            Currency = currency,
            MinimumSpend = input.MinimumSpend?.Amount ?? 0m,
            ExpiresAt = input.ExpiresAt!.Value.ToUniversalTime(),
            CreatedAt = now,
        };
        db.LiveCoupons.Add(coupon);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/coupons/{coupon.Id}", ToDto(coupon, now));
    }

    private static ValidationErrors Validate(DropCouponsInput? input, string currency, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (input is null)
        {
            errors.Add("body", "A JSON object with quantity, amountOff or percentOff, and expiresAt is required.");
            return errors;
        }
        errors.Require(input.Quantity is >= 1 and <= MaxQuantity, "quantity", $"From 1 to {MaxQuantity:N0} coupons.");
        if (input.AmountOff is null == input.PercentOff is null)
            errors.Add("amountOff", "Give either amountOff { amount, currency } or percentOff, not both.");
        else if (input.AmountOff is not null)
            CheckMoney(errors, input.AmountOff, "amountOff", currency, allowZero: false);
        else
            errors.Require(input.PercentOff is >= 1 and <= MaxPercent, "percentOff", $"From 1 to {MaxPercent} percent.");
        if (input.MinimumSpend is not null) CheckMoney(errors, input.MinimumSpend, "minimumSpend", currency, allowZero: true);
        if (input.AmountOff?.Amount is { } off && input.MinimumSpend?.Amount is { } min && min > 0 && off > min)
            errors.Add("amountOff.amount", "Cannot be more than the minimum spend.");
        if (input.ExpiresAt is not { } expires) errors.Add("expiresAt", "Required: when the coupons stop being claimable and usable (ISO 8601).");
        else if (expires <= now.AddMinutes(1)) errors.Add("expiresAt", "Must be at least a minute from now.");
        else if (expires > now + MaxLifetime) errors.Add("expiresAt", "At most 90 days from now.");
        return errors;
    }

    private static void CheckMoney(ValidationErrors errors, CouponMoneyInput money, string field, string currency, bool allowZero)
    {
        if (money.Amount is not { } amount || amount < 0 || (!allowZero && amount == 0) || amount > 10_000_000m)
        {
            errors.Add($"{field}.amount", allowZero ? "An amount from 0 to 10,000,000." : "An amount above zero and below 10,000,000.");
            return;
        }
        if (money.Currency?.Trim() != currency)
            errors.Add($"{field}.currency", $"Give it in your currency, {currency}.");
        else if (!new Money(amount, CurrencyCode.Parse(currency)).IsRoundedToMinorUnits)
            errors.Add($"{field}.amount", $"At most {CurrencyCode.Parse(currency).MinorUnits} decimal places.");
    }

    private static async Task<Results<Ok<LiveCouponDto>, NotFound>> Get(Guid id, LiveCrossDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var coupon = await db.LiveCoupons.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return coupon is null ? TypedResults.NotFound() : TypedResults.Ok(ToDto(coupon, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<List<LiveCouponDto>>, NotFound>> ListForSession(Guid sessionId, LiveCrossDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.LiveSessions.IgnoreQueryFilters().AnyAsync(s => s.Id == sessionId, cancellationToken)) return TypedResults.NotFound();
        var coupons = await db.LiveCoupons.IgnoreQueryFilters().AsNoTracking().Where(c => c.SessionId == sessionId)
            .OrderByDescending(c => c.CreatedAt).Take(50).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(coupons.Select(c => ToDto(c, now)).ToList());
    }

    private static async Task<Results<Ok<CouponClaimResponse>, NotFound, ValidationProblem>> Claim(
        Guid id, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, LiveCouponClaims claims, CancellationToken cancellationToken)
    {
        var key = idempotencyKey?.Trim() ?? "";
        if (key.Length is 0 or > LiveCouponClaim.MaxRequestKey || !key.All(c => c is > ' ' and < '\u007f'))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["Idempotency-Key"] = [$"The Idempotency-Key header is required: 1 to {LiveCouponClaim.MaxRequestKey} visible ASCII characters, made once per claim and sent again on a retry."],
            });
        var result = await claims.ClaimAsync(id, user.UserId()!.Value, key, cancellationToken);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(new CouponClaimResponse(result.Outcome.ToString(), result.ClaimId));
    }

    private static async Task<Ok<List<WalletCouponDto>>> Wallet(ClaimsPrincipal user, LiveCrossDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var customer = user.UserId()!.Value;
        var rows = await (from claim in db.LiveCouponClaims.AsNoTracking()
                          join coupon in db.LiveCoupons.IgnoreQueryFilters().AsNoTracking() on claim.CouponId equals coupon.Id
                          join seller in db.Sellers.AsNoTracking() on coupon.SellerId equals seller.Id
                          where claim.CustomerId == customer
                          select new { claim, coupon, seller.Name })
            .Take(500).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(rows.OrderByDescending(r => r.claim.ClaimedAt).Select(r => new WalletCouponDto(
            r.claim.Id, r.coupon.Id, r.coupon.SessionId, r.Name, Kind(r.coupon), AmountOff(r.coupon), r.coupon.PercentOff,
            MoneyDto.From(r.coupon.MinimumSpend, r.coupon.Currency), r.coupon.ExpiresAt, r.claim.ClaimedAt, now >= r.coupon.ExpiresAt ? "expired" : "usable")).ToList());
    }

    private static string Kind(LiveCoupon c) => c.Kind == CouponKind.AmountOff ? "amount_off" : "percent_off";

    private static MoneyDto? AmountOff(LiveCoupon c) => c.AmountOff is { } amount ? MoneyDto.From(amount, c.Currency) : null;

    public static LiveCouponDto ToDto(LiveCoupon c, DateTimeOffset now)
    {
        var remaining = c.Quantity - c.Claimed;
        var status = remaining == 0 ? "sold_out" : now >= c.ExpiresAt ? "expired" : "active";
        return new LiveCouponDto(c.Id, c.SessionId, Kind(c), AmountOff(c), c.PercentOff, MoneyDto.From(c.MinimumSpend, c.Currency), c.Quantity, c.Claimed, remaining, status, c.ExpiresAt);
    }
}

public static class LiveCouponsModule
{
    public static WebApplicationBuilder AddLiveCoupons(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<LiveCouponClaims>();
        return builder;
    }
}
