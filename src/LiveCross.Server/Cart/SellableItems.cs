using System.Linq.Expressions;
using LiveCross.Domain.Markets;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Catalog;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Cart;

/// <summary>A SKU as a shopper in one market can buy it now: its current price there and what an order keeps of it.</summary>
public sealed record SellableItem(
    Guid VariantId, Guid ProductId, Guid SellerId, string Sku, string Title, string Options, Money UnitPrice,
    string HsCode, string OriginCountry, int WeightGrams, string? ImageUrl);

/// <summary>A SKU that cannot be bought in the market, with the reason a shopper reads.</summary>
public sealed record UnsellableItem(Guid VariantId, string Sku, string Problem);

/// <summary>
/// The one place that decides whether a SKU can be bought in a market and at what price, for the cart and
/// for order placement: the product must be active and not blocked in the market; the price is the catalog's
/// (<see cref="Pricing.PriceIn"/>), in the market's currency.
/// </summary>
public sealed class SellableItems(LiveCrossDbContext db, MarketRegistry markets)
{
    /// <summary>The variants' state in <paramref name="market"/>: sellable ones with their price, the others with why not.</summary>
    public async Task<(Dictionary<Guid, SellableItem> Sellable, Dictionary<Guid, UnsellableItem> Unsellable)> ByVariantAsync(
        MarketDefinition market, string locale, IReadOnlyCollection<Guid> variantIds, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(market, v => variantIds.Contains(v.Id), cancellationToken);
        var sellable = new Dictionary<Guid, SellableItem>();
        var unsellable = new Dictionary<Guid, UnsellableItem>();
        foreach (var row in rows)
        {
            if (Problem(row, market) is { } problem) unsellable[row.VariantId] = new UnsellableItem(row.VariantId, row.Sku, problem);
            else sellable[row.VariantId] = ToItem(row, market, locale);
        }
        return (sellable, unsellable);
    }

    /// <summary>
    /// Finds a SKU by its code (any case) or, when sellers share a code, by <paramref name="variantId"/>.
    /// Returns the item, or the problem to report for the field.
    /// </summary>
    public async Task<(SellableItem? Item, string? Problem)> FindAsync(
        MarketDefinition market, string locale, string? sku, Guid? variantId, CancellationToken cancellationToken)
    {
        var code = sku?.Trim().ToUpperInvariant() ?? "";
        if (variantId is null && code.Length == 0) return (null, "A SKU is required.");
        if (code.Length > 64) return (null, "At most 64 characters.");
        var rows = variantId is { } id
            ? await QueryAsync(market, v => v.Id == id, cancellationToken)
            : await QueryAsync(market, v => v.Sku.ToUpper() == code, cancellationToken);
        if (variantId is not null && code.Length > 0) rows = rows.Where(r => r.Sku.Equals(code, StringComparison.OrdinalIgnoreCase)).ToList();
        var label = sku?.Trim() ?? variantId.ToString();
        if (rows.Count == 0) return (null, $"No SKU '{label}' is sold on LiveCross.");
        var open = rows.Where(r => Problem(r, market) is null).ToList();
        if (open.Count > 1) return (null, $"Several sellers use SKU '{label}'; send the variantId of the one you mean.");
        if (open.Count == 0) return (null, Problem(rows[0], market));
        return (ToItem(open[0], market, locale), null);
    }

    private sealed record Row(
        Guid VariantId, Guid ProductId, Guid SellerId, string Sku, Dictionary<string, string> Options, decimal BasePrice, string Currency,
        decimal? FixedPrice, ProductStatus Status, bool Blocked, string HsCode, string OriginCountry, int WeightGrams, string DefaultLocale,
        List<ProductTranslation> Titles, string? ImageUrl);

    private static string? Problem(Row row, MarketDefinition market) => row switch
    {
        { Status: not ProductStatus.Active } => $"SKU '{row.Sku}' is not on sale any more.",
        { Blocked: true } => $"SKU '{row.Sku}' cannot be delivered to {market.Code}.",
        _ => null,
    };

    private SellableItem ToItem(Row row, MarketDefinition market, string locale)
    {
        var title = LocaleFallback.Pick(row.Titles, t => t.Locale, locale, row.DefaultLocale)?.Title ?? row.Sku;
        var price = Pricing.PriceIn(market, markets.Rates, row.BasePrice, row.Currency, row.FixedPrice);
        return new SellableItem(row.VariantId, row.ProductId, row.SellerId, row.Sku, title, string.Join(" / ", row.Options.Values), price,
            row.HsCode, row.OriginCountry, row.WeightGrams, row.ImageUrl);
    }

    private Task<List<Row>> QueryAsync(MarketDefinition market, Expression<Func<ProductVariant, bool>> which, CancellationToken cancellationToken)
    {
        var code = market.Code;
        var currency = market.Currency;
        return db.Variants.AsNoTracking().Where(which)
            .Join(db.Products.AsNoTracking(), v => v.ProductId, p => p.Id, (v, p) => new { v, p })
            .Select(x => new Row(
                x.v.Id, x.p.Id, x.p.SellerId, x.v.Sku, x.v.Options, x.v.BasePrice, x.v.Currency,
                x.v.MarketPrices.Where(m => m.MarketCode == code && m.Currency == currency).Select(m => (decimal?)m.Amount).FirstOrDefault(),
                x.p.Status, x.p.MarketRules.Any(r => r.MarketCode == code && r.Blocked), x.p.HsCode, x.p.OriginCountry, x.p.WeightGrams,
                x.p.DefaultLocale, x.p.Translations.ToList(), x.p.Images.OrderBy(i => i.SortOrder).Select(i => i.Url).FirstOrDefault()))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
    }
}
