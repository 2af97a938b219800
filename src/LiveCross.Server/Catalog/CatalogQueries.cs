using LiveCross.Domain.Catalog;
using LiveCross.Domain.Markets;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiveCross.Server.Catalog;

public sealed record ImageDto(string Url, string AltText);

public sealed record ProductCard(Guid Id, string Title, string Category, string Seller, ImageDto? Image, MoneyDto Price, bool PriceFrom);

public sealed record ProductPage(string Market, string Currency, string Locale, int Page, int PageSize, int Total, IReadOnlyList<ProductCard> Items);

public sealed record VariantDto(Guid Id, string Sku, IReadOnlyDictionary<string, string> Options, string? Gtin, MoneyDto Price);

public sealed record SellerSummary(Guid Id, string Name, string Country, string Slug);

public sealed record DimensionsDto(int LengthMm, int WidthMm, int HeightMm);

public sealed record ProductDetail(
    Guid Id, string Title, string Description, string Locale, string Category, SellerSummary Seller, string HsCode,
    string OriginCountry, int WeightGrams, DimensionsDto Dimensions, IReadOnlyList<ImageDto> Images,
    IReadOnlyList<VariantDto> Variants, MoneyDto Price, string Market, string Battery);

public sealed record CatalogQuery(string? Text, string? Category, int Page, int PageSize);

/// <summary>What shoppers can see: active products not blocked in their market, priced in its currency.</summary>
public sealed class CatalogQueries(LiveCrossDbContext db, MarketRegistry markets)
{
    public const int MaxPageSize = 100;

    public async Task<ProductPage> ListAsync(MarketDefinition market, string locale, CatalogQuery query, CancellationToken cancellationToken)
    {
        var products = Visible(market.Code);
        if (!string.IsNullOrEmpty(query.Category))
        {
            var prefix = query.Category + "/";
            products = products.Where(p => p.Category == query.Category || p.Category.StartsWith(prefix));
        }
        var text = SearchText.Fold(query.Text?.Trim());
        if (text.Length > 0) products = products.Where(p => p.Translations.Any(t => t.SearchText.Contains(text)));

        var total = await products.CountAsync(cancellationToken);
        var rows = await products
            .OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(p => new
            {
                p.Id,
                p.Category,
                p.DefaultLocale,
                Seller = p.Seller!.Name,
                Titles = p.Translations.Select(t => new { t.Locale, t.Title }).ToList(),
                Image = p.Images.OrderBy(i => i.SortOrder).Select(i => new ImageDto(i.Url, i.AltText)).FirstOrDefault(),
                Prices = p.Variants.Select(v => new
                {
                    v.BasePrice,
                    v.Currency,
                    Fixed = v.MarketPrices.Where(m => m.MarketCode == market.Code && m.Currency == market.Currency).Select(m => (decimal?)m.Amount).FirstOrDefault(),
                }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var items = rows.Select(r =>
        {
            var prices = r.Prices.Select(v => Pricing.PriceIn(market, markets.Rates, v.BasePrice, v.Currency, v.Fixed)).ToList();
            var lowest = prices.MinBy(m => m.Amount);
            var title = LocaleFallback.Pick(r.Titles, t => t.Locale, locale, r.DefaultLocale)?.Title ?? "";
            return new ProductCard(r.Id, title, r.Category, r.Seller, r.Image, MoneyDto.From(lowest), prices.Select(p => p.Amount).Distinct().Count() > 1);
        }).ToList();
        return new ProductPage(market.Code, market.Currency, locale, query.Page, query.PageSize, total, items);
    }

    public async Task<ProductDetail?> GetAsync(Guid id, MarketDefinition market, string locale, CancellationToken cancellationToken)
    {
        var product = await Visible(market.Code)
            .Include(p => p.Seller)
            .Include(p => p.Translations)
            .Include(p => p.Images)
            .Include(p => p.Variants).ThenInclude(v => v.MarketPrices)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null) return null;

        var translation = LocaleFallback.Pick(product.Translations, t => t.Locale, locale, product.DefaultLocale);
        var variants = product.Variants.OrderBy(v => v.CreatedAt).ThenBy(v => v.Sku, StringComparer.Ordinal).Select(v =>
        {
            var price = Pricing.PriceIn(market, markets.Rates, v.BasePrice, v.Currency, v.MarketPrices.FirstOrDefault(m => m.MarketCode == market.Code && m.Currency == market.Currency)?.Amount);
            return new VariantDto(v.Id, v.Sku, v.Options, v.Gtin, MoneyDto.From(price));
        }).ToList();
        return new ProductDetail(
            product.Id, translation?.Title ?? "", translation?.Description ?? "", translation?.Locale ?? product.DefaultLocale,
            product.Category, new SellerSummary(product.SellerId, product.Seller!.Name, product.Seller.Country, product.Seller.Slug), product.HsCode,
            product.OriginCountry, product.WeightGrams, new DimensionsDto(product.LengthMm, product.WidthMm, product.HeightMm),
            product.Images.OrderBy(i => i.SortOrder).Select(i => new ImageDto(i.Url, i.AltText)).ToList(),
            variants, variants.MinBy(v => v.Price.Amount)!.Price, market.Code, product.Battery.Key());
    }

    private IQueryable<Product> Visible(string marketCode) =>
        db.Products.AsNoTracking()
            .Where(p => p.Status == ProductStatus.Active && p.Variants.Any())
            .Where(p => !p.MarketRules.Any(r => r.MarketCode == marketCode && r.Blocked));
}

public static class CatalogModule
{
    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CatalogQueries>();
        builder.Services.AddSingleton<CatalogGeneration>();
        builder.Services.AddSingleton<CatalogPageCache>();
        builder.Services.AddSingleton<IInterceptor, CatalogChangeInterceptor>();
        return builder;
    }
}
