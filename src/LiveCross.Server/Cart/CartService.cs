using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using LiveCross.Domain.Markets;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Catalog;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Cart;

public sealed class CartOptions
{
    public const string Section = "Cart";

    [Range(1, 1000)]
    public int MaxQuantityPerItem { get; set; } = 20;

    [Range(1, 500)]
    public int MaxItems { get; set; } = 50;
}

public sealed record CartLineDto(
    string Sku, Guid VariantId, Guid? ProductId, string Title, string Options, string? ImageUrl, int Quantity,
    MoneyDto? UnitPrice, MoneyDto? LineTotal, bool PriceChanged, MoneyDto? PreviousUnitPrice, bool Available, bool InStock, string? Problem);

/// <summary>The cart priced in one market now. Lines that cannot be bought there are listed with the reason and left out of the subtotal.</summary>
public sealed record CartDto(string Market, string Currency, IReadOnlyList<CartLineDto> Items, MoneyDto Subtotal, int ItemCount, int MaxQuantityPerItem);

/// <summary>A SKU a changed price was reported for: what the shopper saw and what it costs now.</summary>
public sealed record PriceChange(string Sku, MoneyDto Previous, MoneyDto Current);

/// <summary>
/// The current shopper's cart: a signed-in account's own cart, else the guest cart named by the cart cookie
/// (httpOnly, SameSite=Lax; only a hash of it is stored). A guest cart is created on the first add.
/// </summary>
public sealed class CartService(
    LiveCrossDbContext db, IHttpContextAccessor http, SellableItems sellable, IOptions<CartOptions> options, TimeProvider clock, Events.EventRecorder events)
{
    public const string Cookie = "livecross.cart";

    public int MaxQuantity => options.Value.MaxQuantityPerItem;

    /// <summary>The cart as the shopper sees it in <paramref name="market"/>; an empty one when there is none yet.</summary>
    public async Task<CartDto> ViewAsync(MarketDefinition market, string locale, CancellationToken cancellationToken)
    {
        var cart = await FindAsync(track: false, cancellationToken);
        return await PriceAsync(cart?.Items ?? [], market, locale, cancellationToken);
    }

    public async Task<CartDto> PriceAsync(IReadOnlyList<CartItem> items, MarketDefinition market, string locale, CancellationToken cancellationToken)
    {
        var (open, closed) = await sellable.ByVariantAsync(market, locale, items.Select(i => i.VariantId).ToList(), cancellationToken);
        var variantIds = open.Keys.ToList();
        var stock = await db.StockLevels.AsNoTracking().Where(s => variantIds.Contains(s.VariantId))
            .GroupBy(s => s.VariantId).Select(g => new { g.Key, Available = g.Sum(s => s.OnHand - s.Reserved) })
            .ToDictionaryAsync(g => g.Key, g => g.Available, cancellationToken);
        var currency = CurrencyCode.Parse(market.Currency);
        var subtotal = new Money(0m, currency);
        var lines = new List<CartLineDto>();
        foreach (var item in items.OrderBy(i => i.AddedAt).ThenBy(i => i.Id))
        {
            if (!open.TryGetValue(item.VariantId, out var now))
            {
                var problem = closed.TryGetValue(item.VariantId, out var why) ? why.Problem : $"SKU '{item.Sku}' is not sold any more.";
                lines.Add(new CartLineDto(item.Sku, item.VariantId, null, item.Sku, "", null, item.Quantity, null, null, false, null, false, false, problem));
                continue;
            }
            var lineTotal = (now.UnitPrice * item.Quantity).RoundToMinorUnits();
            subtotal += lineTotal;
            var changed = PriceDiffers(item, now.UnitPrice);
            lines.Add(new CartLineDto(item.Sku, item.VariantId, now.ProductId, now.Title, now.Options, now.ImageUrl, item.Quantity,
                MoneyDto.From(now.UnitPrice), MoneyDto.From(lineTotal), changed, changed ? MoneyDto.From(item.UnitPrice, item.Currency) : null,
                true, stock.GetValueOrDefault(item.VariantId) >= item.Quantity, null));
        }
        return new CartDto(market.Code, market.Currency, lines, MoneyDto.From(subtotal.RoundToMinorUnits()), lines.Where(l => l.Available).Sum(l => l.Quantity), MaxQuantity);
    }

    /// <summary>True when the shopper last saw another price (or the same SKU priced in another currency).</summary>
    public static bool PriceDiffers(CartItem item, Money current) => item.Currency != current.Currency.Value || item.UnitPrice != current.Amount;

    public async Task<(CartDto? Cart, ValidationErrors Errors)> AddAsync(
        MarketDefinition market, string locale, string? sku, Guid? variantId, int? quantity, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(quantity is >= 1 && quantity <= MaxQuantity, "quantity", $"A quantity from 1 to {MaxQuantity} is required.");
        var (item, problem) = await sellable.FindAsync(market, locale, sku, variantId, cancellationToken);
        if (problem is not null) errors.Add(variantId is not null && string.IsNullOrWhiteSpace(sku) ? "variantId" : "sku", problem);
        if (errors.Any) return (null, errors);

        var added = await ChangeAsync(market, locale, cart =>
        {
            var line = cart.Items.FirstOrDefault(i => i.VariantId == item!.VariantId);
            if (line is null)
            {
                if (cart.Items.Count >= options.Value.MaxItems) return $"At most {options.Value.MaxItems} different SKUs in a cart.";
                cart.Items.Add(line = new CartItem { CartId = cart.Id, VariantId = item!.VariantId, Sku = item.Sku, Currency = "", MarketCode = market.Code, AddedAt = clock.GetUtcNow() });
                db.CartItems.Add(line);
            }
            if (line.Quantity + quantity!.Value > MaxQuantity)
                return $"At most {MaxQuantity} of one SKU; the cart already holds {line.Quantity}.";
            line.Quantity += quantity.Value;
            SeePrice(line, item!.UnitPrice, market);
            return null;
        }, "quantity", create: true, cancellationToken);
        if (added.Cart is not null) events.AddedToCart(item!.ProductId, market.Code, locale);
        return added;
    }

    public async Task<(CartDto? Cart, ValidationErrors Errors)> SetQuantityAsync(
        MarketDefinition market, string locale, string skuOrVariantId, int? quantity, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(quantity is >= 1 && quantity <= MaxQuantity, "quantity", $"A quantity from 1 to {MaxQuantity} is required; remove the item to drop it.");
        if (errors.Any) return (null, errors);
        var (open, _) = await sellable.ByVariantAsync(market, locale, await CartVariantIdsAsync(cancellationToken), cancellationToken);
        return await ChangeAsync(market, locale, cart =>
        {
            if (Line(cart, skuOrVariantId) is not { } line) return $"'{skuOrVariantId}' is not in the cart.";
            line.Quantity = quantity!.Value;
            if (open.TryGetValue(line.VariantId, out var now)) SeePrice(line, now.UnitPrice, market);
            return null;
        }, "sku", create: false, cancellationToken);
    }

    public Task<(CartDto? Cart, ValidationErrors Errors)> RemoveAsync(MarketDefinition market, string locale, string skuOrVariantId, CancellationToken cancellationToken) =>
        ChangeAsync(market, locale, cart =>
        {
            if (Line(cart, skuOrVariantId) is not { } line) return $"'{skuOrVariantId}' is not in the cart.";
            cart.Items.Remove(line);
            db.CartItems.Remove(line);
            return null;
        }, "sku", create: false, cancellationToken);

    /// <summary>Records that the shopper was shown these prices, so the next checkout goes through at them.</summary>
    public static void SeePrice(CartItem line, Money price, MarketDefinition market)
    {
        line.UnitPrice = price.Amount;
        line.Currency = price.Currency.Value;
        line.MarketCode = market.Code;
    }

    /// <summary>The current shopper's cart with its items, tracked or not; null when they have none.</summary>
    public async Task<ShoppingCart?> FindAsync(bool track, CancellationToken cancellationToken)
    {
        var carts = track ? db.Carts.Include(c => c.Items) : db.Carts.AsNoTracking().Include(c => c.Items);
        if (http.HttpContext?.User.UserId() is { } customer) return await carts.FirstOrDefaultAsync(c => c.CustomerId == customer, cancellationToken);
        if (GuestToken() is not { } token) return null;
        var hash = Hash(token);
        return await carts.FirstOrDefaultAsync(c => c.TokenHash == hash, cancellationToken);
    }

    /// <summary>
    /// Moves the guest cart of this browser into the customer's cart (quantities added, up to the limit) and
    /// forgets the guest cart and its cookie. Called right after a sign-in.
    /// </summary>
    public async Task MergeGuestCartAsync(Guid customerId, CancellationToken cancellationToken)
    {
        if (GuestToken() is not { } token) return;
        var hash = Hash(token);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var guest = await db.Carts.Include(c => c.Items).FirstOrDefaultAsync(c => c.TokenHash == hash, cancellationToken);
                if (guest is not null)
                {
                    var mine = await db.Carts.Include(c => c.Items).FirstOrDefaultAsync(c => c.CustomerId == customerId, cancellationToken);
                    if (mine is null) db.Carts.Add(mine = new ShoppingCart { CustomerId = customerId });
                    foreach (var item in guest.Items)
                    {
                        var line = mine.Items.FirstOrDefault(i => i.VariantId == item.VariantId);
                        if (line is null)
                        {
                            if (mine.Items.Count >= options.Value.MaxItems) continue;
                            line = new CartItem { CartId = mine.Id, VariantId = item.VariantId, Sku = item.Sku, UnitPrice = item.UnitPrice, Currency = item.Currency, MarketCode = item.MarketCode, AddedAt = item.AddedAt };
                            mine.Items.Add(line);
                            db.CartItems.Add(line);
                        }
                        line.Quantity = Math.Min(MaxQuantity, line.Quantity + item.Quantity);
                    }
                    db.Carts.Remove(guest);
                    await db.SaveChangesAsync(cancellationToken);
                }
                break;
            }
            catch (DbUpdateException e) when (attempt < 3 && (e is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(e)))
            {
                // The same browser signed in twice at once, or added to its cart meanwhile: start over from what is stored.
                db.ChangeTracker.Clear();
            }
        }
        // The API's sign-in has written its token response by now; the stale cookie then names a cart that no longer exists.
        if (http.HttpContext is { Response.HasStarted: false } context) context.Response.Cookies.Delete(Cookie);
    }

    /// <summary>Empties the cart after an order was placed from it; part of the caller's save.</summary>
    public static void Empty(LiveCrossDbContext db, ShoppingCart cart)
    {
        db.CartItems.RemoveRange(cart.Items);
        cart.Items.Clear();
    }

    private async Task<List<Guid>> CartVariantIdsAsync(CancellationToken cancellationToken) =>
        (await FindAsync(track: false, cancellationToken))?.Items.Select(i => i.VariantId).ToList() ?? [];

    private static CartItem? Line(ShoppingCart cart, string skuOrVariantId) =>
        Guid.TryParse(skuOrVariantId, out var variantId)
            ? cart.Items.FirstOrDefault(i => i.VariantId == variantId)
            : cart.Items.FirstOrDefault(i => string.Equals(i.Sku, skuOrVariantId.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs <paramref name="change"/> on the tracked cart and saves; a race with another tab is retried on fresh rows.</summary>
    private async Task<(CartDto? Cart, ValidationErrors Errors)> ChangeAsync(
        MarketDefinition market, string locale, Func<ShoppingCart, string?> change, string field, bool create, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        for (var attempt = 1; ; attempt++)
        {
            var cart = await FindAsync(track: true, cancellationToken);
            if (cart is null)
            {
                if (!create)
                {
                    errors.Add(field, "The cart is empty.");
                    return (null, errors);
                }
                cart = NewCart();
                db.Carts.Add(cart);
            }
            if (change(cart) is { } problem)
            {
                db.ChangeTracker.Clear();
                errors.Add(field, problem);
                return (null, errors);
            }
            cart.UpdatedAt = clock.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (await PriceAsync(cart.Items, market, locale, cancellationToken), errors);
            }
            catch (DbUpdateException e) when (attempt < 3 && (e is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(e)))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private ShoppingCart NewCart()
    {
        if (http.HttpContext?.User.UserId() is { } customer) return new ShoppingCart { CustomerId = customer };
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var context = http.HttpContext!;
        context.Items[Cookie] = token;
        context.Response.Cookies.Append(Cookie, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            Expires = clock.GetUtcNow().AddDays(30),
        });
        return new ShoppingCart { TokenHash = Hash(token) };
    }

    // A cart created earlier in this request has its cookie in the response, not yet in the request.
    private string? GuestToken()
    {
        var context = http.HttpContext;
        if (context is null) return null;
        if (context.Items.TryGetValue(Cookie, out var fresh) && fresh is string created) return created;
        var token = context.Request.Cookies[Cookie];
        return string.IsNullOrEmpty(token) || token.Length > 100 ? null : token;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
