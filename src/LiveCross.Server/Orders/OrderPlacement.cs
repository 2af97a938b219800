using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveCross.Domain.Markets;
using LiveCross.Domain.Monetary;
using LiveCross.Domain.Orders;
using LiveCross.Server.Addresses;
using LiveCross.Server.Cart;
using LiveCross.Server.Catalog;
using LiveCross.Server.Inventory;
using LiveCross.Server.Live.Checkout;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Orders;

public sealed class OrdersOptions : IValidatableObject
{
    public const string Section = "Orders";

    /// <summary>How long an unpaid order holds its stock before it is cancelled.</summary>
    public TimeSpan PaymentWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often each node looks for orders whose payment window has passed.</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PaymentWindow < TimeSpan.FromMinutes(1) || PaymentWindow > TimeSpan.FromDays(7))
            yield return new("Orders:PaymentWindow must be between 1 minute and 7 days.", [nameof(PaymentWindow)]);
        if (ExpirySweepInterval <= TimeSpan.Zero) yield return new("Orders:ExpirySweepInterval must be positive.", [nameof(ExpirySweepInterval)]);
    }
}

/// <summary>One SKU to buy. <see cref="UnitPrice"/> is the price the shopper was shown: when given and the price has changed since, the order is refused with the new price.</summary>
public sealed record OrderItemInput(string? Sku, Guid? VariantId, int? Quantity, decimal? UnitPrice);

/// <summary>
/// Everything checkout sends in one request. Items come from <see cref="Items"/>, or from the shopper's cart when it is left out.
/// The address is given in full or, for a signed-in customer, as <see cref="AddressId"/> of a stored one.
/// <see cref="QuoteToken"/> and <see cref="ShippingOptionId"/> are handed to <see cref="CheckoutCharges"/>.
/// <see cref="ClaimId"/> orders an accepted flash-sale claim (its SKU and quantity at the flash price; no items then), and
/// <see cref="CouponId"/> uses one of the customer's claimed live coupons; both need a signed-in customer.
/// </summary>
public sealed record PlaceOrderInput(
    string? Market,
    string? Region,
    string? Locale,
    string? Email,
    AddressInput? Address,
    Guid? AddressId,
    List<OrderItemInput?>? Items,
    string? QuoteToken,
    string? ShippingOptionId,
    // Left out of the body's hash when not given, so a retry of an order placed before these fields existed still matches.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ClaimId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? CouponId = null);

public abstract record PlacementResult
{
    /// <summary>The order was placed now, or earlier by a request with the same key and body: the answer given then.</summary>
    public sealed record Answer(int StatusCode, string Json, Guid OrderId, bool Replayed) : PlacementResult;

    public sealed record Invalid(ValidationErrors Errors) : PlacementResult;

    public sealed record KeyReused : PlacementResult;

    public sealed record PricesChanged(IReadOnlyList<PriceChange> Changes) : PlacementResult;

    public sealed record OutOfStock(string Sku, int Wanted, int Available) : PlacementResult;

    /// <summary>The quote the shopper was shown (shipping, duty, tax) no longer holds; <see cref="Current"/> is today's.</summary>
    public sealed record ChargesChanged(string Message, LandedCost.LandedCostQuoteDto Current) : PlacementResult;

    /// <summary>Every attempt met a concurrent change of the same stock; the buyer can simply try again.</summary>
    public sealed record Busy : PlacementResult;

    /// <summary>The flash-sale claim or the coupon cannot be had (not found, used by another order, expired): a 404, 409 or 410 problem.</summary>
    public sealed record Refused(CheckoutRefusal Refusal) : PlacementResult;
}

/// <summary>
/// Places an order exactly once per idempotency key: checks the inputs, re-prices the items, assembles the
/// charges, reserves stock per warehouse and writes the order, its history, the reservations, the emptied
/// cart and the answer for the key in ONE save. Two requests racing with one key meet at the key's unique
/// index; two buyers racing for the last unit meet at the stock level's version. The loser starts over and
/// then finds the stored answer, or less stock.
/// </summary>
public sealed class OrderPlacement(
    LiveCrossDbContext db,
    MarketRegistry markets,
    SellableItems sellable,
    CartService carts,
    CheckoutCharges checkoutCharges,
    ClaimCheckout claims,
    CouponCheckout coupons,
    OrderAccessTokens tokens,
    IOptions<OrdersOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider clock,
    Events.EventRecorder events,
    ILogger<OrderPlacement> logger)
{
    public const int MaxItems = 50;
    public const int MaxKeyLength = 100;
    private const int MaxAttempts = 12;
    private static readonly JsonSerializerOptions CanonicalJson = new(JsonSerializerDefaults.Web);

    public async Task<PlacementResult> PlaceAsync(
        PlaceOrderInput input, string? idempotencyKey, ClaimsPrincipal user, Videos.CreatorReferral? referral, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var key = idempotencyKey?.Trim() ?? "";
        errors.Require(key.Length is > 0 and <= MaxKeyLength && key.All(c => c is > ' ' and < '\u007f'), "Idempotency-Key",
            $"The Idempotency-Key header is required: 1 to {MaxKeyLength} visible ASCII characters, e.g. a UUID made once per checkout and sent again on every retry.");
        var customerId = user.UserId();
        var email = await EmailAsync(input.Email, customerId, errors, cancellationToken);
        if (errors.Any) return new PlacementResult.Invalid(errors);

        var scope = customerId is { } id ? $"customer:{id}" : $"guest:{email!.ToLowerInvariant()}";
        var requestHash = Hash(input);
        if (await StoredAnswerAsync(scope, key, requestHash, cancellationToken) is { } earlier) return earlier;

        var market = Market(input.Market, errors);
        var shipTo = await AddressAsync(input, market, customerId, errors, cancellationToken);
        var locale = ShopperContext.IsCulture(input.Locale) ? CultureInfo.GetCultureInfo(input.Locale!).Name : CultureInfo.CurrentUICulture.Name;
        errors.Require(input.Locale is null || ShopperContext.IsCulture(input.Locale), "locale", "Not a known language tag, e.g. de or zh-Hans.");
        errors.Require(input.Region is null || input.Region.Length <= 100, "region", "At most 100 characters.");
        errors.Require(input.QuoteToken is null || input.QuoteToken.Length <= 4000, "quoteToken", "At most 4000 characters.");
        errors.Require(input.ShippingOptionId is null || input.ShippingOptionId.Length <= 100, "shippingOptionId", "At most 100 characters.");
        errors.Require(input.ClaimId is null || customerId is not null, "claimId", "Sign in to order a flash-sale claim: a claim belongs to the account that won it.");
        errors.Require(input.ClaimId is null || input.Items is null, "items", "Leave items out when ordering a flash-sale claim: the claim says what is bought.");
        errors.Require(input.CouponId is null || customerId is not null, "couponId", "Sign in to use a coupon: a coupon belongs to the account that claimed it.");
        if (errors.Any || market is null) return new PlacementResult.Invalid(errors);

        ClaimLineResult.Priced? claim = null;
        List<PricedLine> lines;
        if (input.ClaimId is { } claimId)
        {
            var priced = await claims.PriceAsync(claimId, customerId!.Value, market, locale, cancellationToken);
            if (priced is ClaimLineResult.Refused claimRefused) return Refusal(claimRefused.Refusal);
            claim = (ClaimLineResult.Priced)priced;
            lines = [claim.Line];
        }
        else
        {
            (lines, var refused) = await PriceItemsAsync(input, market, locale, errors, cancellationToken);
            if (refused is not null) return refused;
        }

        var now = TruncatedNow();
        var goods = lines.Aggregate(new Money(0m, CurrencyCode.Parse(market.Currency)), (sum, l) => sum + l.LineTotal);
        CouponResult.Applied? coupon = null;
        // Items of several sellers are refused by the charges below, whatever the coupon.
        if (input.CouponId is { } couponId && lines.Select(l => l.Item.SellerId).Distinct().Count() == 1)
        {
            var applied = await coupons.ApplyAsync(couponId, customerId!.Value, lines[0].Item.SellerId, market, goods.Amount, cancellationToken);
            if (applied is CouponResult.Refused couponRefused) return Refusal(couponRefused.Refusal);
            coupon = (CouponResult.Applied)applied;
        }
        var region = input.Region?.Trim() is { Length: > 0 } given ? given : shipTo!.Region;
        var assembled = await checkoutCharges.AssembleAsync(
            new ChargeRequest(market, region, shipTo!, lines, goods, input.QuoteToken, input.ShippingOptionId, now, coupon?.Discount ?? 0m), cancellationToken);
        if (assembled is ChargesResult.Invalid invalid) return new PlacementResult.Invalid(invalid.Errors);
        if (assembled is ChargesResult.Changed changed) return new PlacementResult.ChargesChanged(changed.Message, changed.Current);
        var charges = ((ChargesResult.Assembled)assembled).Charges;

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            db.ChangeTracker.Clear();
            if (attempt > 1 && await StoredAnswerAsync(scope, key, requestHash, cancellationToken) is { } stored) return stored;

            var order = new Order
            {
                Number = OrderNumbers.Next(),
                CustomerId = customerId,
                Email = email!,
                MarketCode = market.Code,
                Region = region,
                Locale = locale,
                Currency = market.Currency,
                ShipTo = shipTo!,
                Charges = charges,
                ReferredByCreatorId = referral?.CreatorId,
                ReferredFromVideoId = referral?.VideoId,
                // An order of a flash-sale claim must be paid while the claim holds its units.
                ReservationExpiresAt = claim is not null && claim.PayBefore < now + options.Value.PaymentWindow ? claim.PayBefore : now + options.Value.PaymentWindow,
                CreatedAt = now,
            };
            var reserved = await StockLedger.ReserveAsync(db, order.Id,
                lines.Select(l => new StockRequest(l.Item.VariantId, l.Item.SellerId, l.Quantity)).ToList(), now, cancellationToken);
            if (reserved is ReserveResult.Shortage shortage)
            {
                db.ChangeTracker.Clear();
                return new PlacementResult.OutOfStock(lines.First(l => l.Item.VariantId == shortage.VariantId).Item.Sku, shortage.Wanted, shortage.Available);
            }
            foreach (var reservation in ((ReserveResult.Reserved)reserved).Reservations)
            {
                var line = lines.First(l => l.Item.VariantId == reservation.VariantId);
                order.Lines.Add(new OrderLine
                {
                    OrderId = order.Id,
                    SellerId = line.Item.SellerId,
                    ProductId = line.Item.ProductId,
                    VariantId = line.Item.VariantId,
                    WarehouseId = reservation.WarehouseId,
                    Sku = line.Item.Sku,
                    Title = Truncate(line.Item.Title, 200),
                    Options = Truncate(line.Item.Options, 300),
                    Quantity = reservation.Quantity,
                    UnitPrice = line.Item.UnitPrice.Amount,
                    LineTotal = (line.Item.UnitPrice * reservation.Quantity).RoundToMinorUnits().Amount,
                    HsCode = line.Item.HsCode,
                    OriginCountry = line.Item.OriginCountry,
                    WeightGrams = line.Item.WeightGrams,
                });
            }
            order.Apply(OrderStateMachine.Place(new Money(charges.AmountDue, CurrencyCode.Parse(market.Currency)), Actor(customerId), now));
            db.Orders.Add(order);
            if (input.Items is null && claim is null && await carts.FindAsync(track: true, cancellationToken) is { } cart) CartService.Empty(db, cart);

            var answer = JsonSerializer.Serialize(await OrderViews.ToDtoAsync(db, order, tokens, cancellationToken), json.Value.SerializerOptions);
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Scope = scope,
                Key = key,
                RequestHash = requestHash,
                OrderId = order.Id,
                StatusCode = StatusCodes.Status201Created,
                ResponseJson = answer,
                CreatedAt = now,
            });
            try
            {
                if (await SaveAsync(order.Id, claim, coupon, now, cancellationToken) is { } taken)
                {
                    // Another request took the claim or the coupon first: this same request's earlier try, or another order.
                    db.ChangeTracker.Clear();
                    return await StoredAnswerAsync(scope, key, requestHash, cancellationToken) ?? Refusal(taken);
                }
                logger.LogInformation("Placed order {OrderNumber} ({OrderId}) in {Market} for {Amount} {Currency}", order.Number, order.Id, market.Code, charges.AmountDue, market.Currency);
                events.CheckoutStarted(order.Id, market.Code, locale);
                return new PlacementResult.Answer(StatusCodes.Status201Created, answer, order.Id, Replayed: false);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another order reserved from the same stock since it was read: read it again.
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // The same key was answered meanwhile (found at the top of the next attempt), or, very rarely, the order number was taken.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), clock, cancellationToken);
        }
        db.ChangeTracker.Clear();
        return await StoredAnswerAsync(scope, key, requestHash, cancellationToken) ?? new PlacementResult.Busy();
    }

    /// <summary>
    /// Writes the order in one save. With a claim or a coupon, that save is in one transaction with taking them, so an
    /// order exists exactly when its claim and coupon are marked as its own.
    /// </summary>
    private async Task<CheckoutRefusal?> SaveAsync(Guid orderId, ClaimLineResult.Priced? claim, CouponResult.Applied? coupon, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (claim is null && coupon is null)
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        var refusal = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (claim is not null && await claims.TakeAsync(claim, orderId, now, ct) is { } claimTaken) return claimTaken;
            if (coupon is not null && await coupons.TakeAsync(coupon.ClaimId, orderId, now, ct) is { } couponTaken) return couponTaken;
            // Changes are accepted only after the commit, so a retried transaction writes them again.
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
            await transaction.CommitAsync(ct);
            return null;
        }, cancellationToken);
        if (refusal is null) db.ChangeTracker.AcceptAllChanges();
        return refusal;
    }

    private static PlacementResult Refusal(CheckoutRefusal refusal)
    {
        if (refusal.StatusCode != StatusCodes.Status400BadRequest) return new PlacementResult.Refused(refusal);
        var errors = new ValidationErrors();
        errors.Add(refusal.Field, refusal.Detail);
        return new PlacementResult.Invalid(errors);
    }

    public static string Actor(Guid? customerId) => customerId is { } id ? $"customer:{id}" : "guest";

    private async Task<PlacementResult?> StoredAnswerAsync(string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        var record = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
        if (record is null) return null;
        return record.RequestHash == requestHash
            ? new PlacementResult.Answer(record.StatusCode, record.ResponseJson, record.OrderId, Replayed: true)
            : new PlacementResult.KeyReused();
    }

    /// <summary>The body as bound, serialized the same way every time, so whitespace and property order do not make two bodies differ.</summary>
    private static string Hash(PlaceOrderInput input) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(input, CanonicalJson)));

    private async Task<string?> EmailAsync(string? given, Guid? customerId, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var email = given?.Trim();
        if (string.IsNullOrEmpty(email) && customerId is { } id)
            email = await db.Users.Where(u => u.Id == id).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        if (string.IsNullOrEmpty(email))
        {
            errors.Add("email", "An e-mail address is required to order as a guest: the confirmation goes there.");
            return null;
        }
        if (email.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            errors.Add("email", "Not a valid e-mail address.");
            return null;
        }
        return email;
    }

    private MarketDefinition? Market(string? code, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add("market", "The destination market is required, e.g. DE.");
            return null;
        }
        if (!markets.TryGet(code.Trim(), out var market))
        {
            errors.Add("market", $"There is no market '{code}'.");
            return null;
        }
        return market;
    }

    private async Task<ShippingAddress?> AddressAsync(PlaceOrderInput input, MarketDefinition? market, Guid? customerId, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ShippingAddress? address;
        if (input.AddressId is { } addressId)
        {
            if (customerId is null)
            {
                errors.Add("addressId", "Stored addresses are for signed-in customers; send the address instead.");
                return null;
            }
            address = await AddressEndpoints.FindAsync(db, customerId.Value, addressId, cancellationToken);
            if (address is null)
            {
                errors.Add("addressId", "You have no stored address with this id.");
                return null;
            }
        }
        else
        {
            address = AddressValidator.Validate(input.Address, "address", errors);
        }
        if (address is not null && market is not null && address.Country != market.Code)
        {
            errors.Add(input.AddressId is null ? "address.country" : "addressId", $"The address is in {address.Country}, but the order is for the {market.Code} market; orders ship to their market's country.");
            return null;
        }
        return address;
    }

    /// <summary>The lines at today's prices, or why not: bad items (400), or prices that changed since the shopper saw them (409).</summary>
    private async Task<(List<PricedLine> Lines, PlacementResult? Refused)> PriceItemsAsync(PlaceOrderInput input, MarketDefinition market, string locale, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var maxQuantity = carts.MaxQuantity;
        var lines = new List<PricedLine>();
        var changes = new List<PriceChange>();
        if (input.Items is { } items)
        {
            errors.Require(items.Count is > 0 and <= MaxItems, "items", $"From 1 to {MaxItems} items, or leave items out to order the cart.");
            if (!errors.NoNullItems(items, "items") || errors.Any) return (lines, new PlacementResult.Invalid(errors));
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i]!;
                errors.Require(item.Quantity is >= 1 && item.Quantity <= maxQuantity, $"items[{i}].quantity", $"A quantity from 1 to {maxQuantity} is required.");
                var (found, problem) = await sellable.FindAsync(market, locale, item.Sku, item.VariantId, cancellationToken);
                if (problem is not null)
                {
                    errors.Add(item.VariantId is not null && string.IsNullOrWhiteSpace(item.Sku) ? $"items[{i}].variantId" : $"items[{i}].sku", problem);
                    continue;
                }
                if (lines.Any(l => l.Item.VariantId == found!.VariantId))
                {
                    errors.Add($"items[{i}].sku", "This SKU is already listed; give it once with the total quantity.");
                    continue;
                }
                if (item.Quantity is null or < 1) continue;
                lines.Add(new PricedLine(found!, item.Quantity.Value, (found!.UnitPrice * item.Quantity.Value).RoundToMinorUnits()));
                if (item.UnitPrice is { } shown && shown != found.UnitPrice.Amount)
                    changes.Add(new PriceChange(found.Sku, MoneyDto.From(shown, market.Currency), MoneyDto.From(found.UnitPrice)));
            }
            if (errors.Any) return (lines, new PlacementResult.Invalid(errors));
            return (lines, changes.Count > 0 ? new PlacementResult.PricesChanged(changes) : null);
        }

        var cart = await carts.FindAsync(track: true, cancellationToken);
        if (cart is null || cart.Items.Count == 0)
        {
            errors.Add("items", "The cart is empty: add items to the cart first, or send items.");
            return (lines, new PlacementResult.Invalid(errors));
        }
        var (open, closed) = await sellable.ByVariantAsync(market, locale, cart.Items.Select(i => i.VariantId).ToList(), cancellationToken);
        foreach (var item in cart.Items.OrderBy(i => i.AddedAt))
        {
            if (!open.TryGetValue(item.VariantId, out var found))
            {
                errors.Add("cart", closed.TryGetValue(item.VariantId, out var why) ? $"{why.Problem} Remove it from the cart." : $"SKU '{item.Sku}' is not sold any more. Remove it from the cart.");
                continue;
            }
            lines.Add(new PricedLine(found, item.Quantity, (found.UnitPrice * item.Quantity).RoundToMinorUnits()));
            if (CartService.PriceDiffers(item, found.UnitPrice))
            {
                changes.Add(new PriceChange(item.Sku, MoneyDto.From(item.UnitPrice, item.Currency), MoneyDto.From(found.UnitPrice)));
                CartService.SeePrice(item, found.UnitPrice, market);
            }
        }
        if (errors.Any)
        {
            db.ChangeTracker.Clear();
            return (lines, new PlacementResult.Invalid(errors));
        }
        if (changes.Count > 0)
        {
            // The shopper is told the new prices now; the cart keeps them, so placing again charges what was shown.
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (lines, new PlacementResult.PricesChanged(changes));
        }
        db.ChangeTracker.Clear();
        return (lines, null);
    }

    // Stored timestamps keep whole milliseconds on every provider, so the answer kept for the key matches a later read.
    private DateTimeOffset TruncatedNow()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>Order numbers people can read out: "LC-" and eight characters of Crockford's base 32 (no I, L, O, U).</summary>
public static class OrderNumbers
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Next() => "LC-" + string.Create(8, 0, (chars, _) =>
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[bytes[i] % 32];
    });
}
