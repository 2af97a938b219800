using System.Security.Claims;
using LiveCross.Domain.Catalog;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using LiveCross.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Catalog;

public sealed record MarketPriceDto(string Market, string Sku, MoneyDto Price);

public sealed record MarketRuleDto(string Market, bool Blocked, string? Reason);

public sealed record SellerVariantDto(Guid Id, string Sku, IReadOnlyDictionary<string, string> Options, string? Gtin, MoneyDto Price, Guid Version);

public sealed record SellerProductDto(
    Guid Id, string Status, string Category, string HsCode, string OriginCountry, int WeightGrams, DimensionsDto Dimensions,
    string DefaultLocale, IReadOnlyList<TranslationInput> Translations, IReadOnlyList<ImageDto> Images,
    IReadOnlyList<SellerVariantDto> Variants, IReadOnlyList<MarketRuleDto> MarketRules, IReadOnlyList<MarketPriceDto> MarketPrices,
    IReadOnlyList<LandedCost.DutyRateDto> DutyRates, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, Guid Version, string Battery)
{
    public static SellerProductDto From(Product p) => new(
        p.Id, p.Status.ToString().ToLowerInvariant(), p.Category, p.HsCode, p.OriginCountry, p.WeightGrams,
        new DimensionsDto(p.LengthMm, p.WidthMm, p.HeightMm), p.DefaultLocale,
        p.Translations.OrderBy(t => t.Locale, StringComparer.Ordinal).Select(t => new TranslationInput(t.Locale, t.Title, t.Description)).ToList(),
        p.Images.OrderBy(i => i.SortOrder).Select(i => new ImageDto(i.Url, i.AltText)).ToList(),
        p.Variants.OrderBy(v => v.Sku, StringComparer.Ordinal).Select(v => new SellerVariantDto(v.Id, v.Sku, v.Options, v.Gtin, MoneyDto.From(v.BasePrice, v.Currency), v.Version)).ToList(),
        p.MarketRules.OrderBy(r => r.MarketCode, StringComparer.Ordinal).Select(r => new MarketRuleDto(r.MarketCode, r.Blocked, r.Reason)).ToList(),
        p.Variants.SelectMany(v => v.MarketPrices.Select(m => new MarketPriceDto(m.MarketCode, v.Sku, MoneyDto.From(m.Amount, m.Currency))))
            .OrderBy(m => m.Market, StringComparer.Ordinal).ThenBy(m => m.Sku, StringComparer.Ordinal).ToList(),
        p.DutyRates.OrderBy(d => d.MarketCode, StringComparer.Ordinal).Select(d => new LandedCost.DutyRateDto(d.MarketCode, d.RatePercent, d.Note)).ToList(),
        p.CreatedAt, p.UpdatedAt, p.Version, p.Battery.Key());
}

public sealed record SellerProductRow(Guid Id, string Title, string Status, string Category, int Variants, MoneyDto? Price, DateTimeOffset UpdatedAt);

public sealed record SellerProductList(int Page, int PageSize, int Total, IReadOnlyList<SellerProductRow> Items);

public sealed record MarketPriceInput(string? Sku, decimal? Amount);

public sealed record MarketRuleInput(bool? Blocked, string? Reason, List<MarketPriceInput>? Prices);

public static class SellerCatalogEndpoints
{
    public static IEndpointRouteBuilder MapSellerCatalog(this IEndpointRouteBuilder app)
    {
        var seller = app.MapGroup("/api/v1/seller/products").WithTags("Seller catalog").RequireAuthorization(Policies.SellerStaff);
        seller.MapGet("/", List);
        seller.MapPost("/", Create);
        seller.MapGet("/{id:guid}", Get);
        seller.MapPut("/{id:guid}", Replace);
        seller.MapPost("/{id:guid}/archive", Archive);
        seller.MapPut("/{id:guid}/markets/{market}", SetMarketRule);
        seller.MapPost("/import", CatalogCsvImportEndpoint.Import)
            .Accepts<IFormFile>("multipart/form-data", "text/csv")
            .DisableAntiforgery()
            .WithDescription("Bulk import from CSV: every row is checked first; any error rejects the whole file with a row/column/message report.");
        app.MapGet("/seller/products/import/template.csv", ImportTemplate)
            .RequireAuthorization(Policies.SellerStaff)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The CSV template with a sample price of about 12.90 USD in the seller's own currency.</summary>
    private static async Task<ContentHttpResult> ImportTemplate(ClaimsPrincipal user, LiveCrossDbContext db, MarketRegistry markets, CancellationToken cancellationToken)
    {
        var seller = await CurrentSellerAsync(db, user, cancellationToken);
        var sample = markets.Rates.Convert(new Money(12.90m, ExchangeRateTable.Pivot), CurrencyCode.Parse(seller.Currency));
        return TypedResults.Text(CatalogCsvImport.Template(sample), "text/csv; charset=utf-8");
    }

    private static async Task<Results<Ok<SellerProductList>, ValidationProblem>> List(
        LiveCrossDbContext db, string? status, string? q, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(status is null || ProductStatuses.TryParse(status, out _), "status", "Use draft, active or archived.");
        errors.Require(page is null or >= 1 and <= 10_000, "page", "Pages start at 1.");
        errors.Require(pageSize is null or >= 1 and <= CatalogQueries.MaxPageSize, "pageSize", $"Between 1 and {CatalogQueries.MaxPageSize}.");
        errors.Require(q is null || q.Length <= 200, "q", "At most 200 characters.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        return TypedResults.Ok(await ListAsync(db, status, q, page ?? 1, pageSize ?? 50, locale: null, cancellationToken));
    }

    /// <summary>The signed-in seller's products (the tenant filter scopes the query), newest change first; titles in <paramref name="locale"/> or each product's own default.</summary>
    public static async Task<SellerProductList> ListAsync(
        LiveCrossDbContext db, string? status, string? q, int page, int pageSize, string? locale, CancellationToken cancellationToken)
    {
        var products = db.Products.AsNoTracking();
        if (ProductStatuses.TryParse(status, out var wanted)) products = products.Where(p => p.Status == wanted);
        var text = SearchText.Fold(q?.Trim());
        if (text.Length > 0) products = products.Where(p => p.Translations.Any(t => t.SearchText.Contains(text)) || p.Variants.Any(v => v.Sku.ToLower().Contains(text)));
        var total = await products.CountAsync(cancellationToken);
        var rows = await products.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new
            {
                p.Id,
                p.Status,
                p.Category,
                p.DefaultLocale,
                p.UpdatedAt,
                Titles = p.Translations.Select(t => new { t.Locale, t.Title }).ToList(),
                Prices = p.Variants.Select(v => new { v.BasePrice, v.Currency }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var items = rows.Select(r =>
        {
            var title = Domain.Markets.LocaleFallback.Pick(r.Titles, t => t.Locale, locale ?? r.DefaultLocale, r.DefaultLocale)?.Title ?? "";
            var lowest = r.Prices.MinBy(x => x.BasePrice);
            return new SellerProductRow(r.Id, title, r.Status.ToString().ToLowerInvariant(), r.Category, r.Prices.Count,
                lowest is null ? null : MoneyDto.From(lowest.BasePrice, lowest.Currency), r.UpdatedAt);
        }).ToList();
        return new SellerProductList(page, pageSize, total, items);
    }

    private static async Task<Results<Ok<SellerProductDto>, NotFound>> Get(Guid id, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var product = await LoadAsync(db, id, cancellationToken);
        return product is null ? TypedResults.NotFound() : TypedResults.Ok(SellerProductDto.From(product));
    }

    private static async Task<Results<Created<SellerProductDto>, ValidationProblem>> Create(
        ProductInput input, ClaimsPrincipal user, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var seller = await CurrentSellerAsync(db, user, cancellationToken);
        var (result, product, errors) = await ProductCommands.CreateAsync(db, seller, input, cancellationToken);
        return result == SaveResult.Saved
            ? TypedResults.Created($"/api/v1/seller/products/{product!.Id}", SellerProductDto.From(product))
            : TypedResults.ValidationProblem(errors.ToDictionary());
    }

    private static async Task<Results<Ok<SellerProductDto>, NotFound, ValidationProblem, ProblemHttpResult>> Replace(
        Guid id, ProductInput input, ClaimsPrincipal user, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var product = await LoadAsync(db, id, cancellationToken);
        if (product is null) return TypedResults.NotFound();
        var seller = await CurrentSellerAsync(db, user, cancellationToken);
        var (result, _, errors) = await ProductCommands.ReplaceAsync(db, seller, product, input, cancellationToken);
        return result switch
        {
            SaveResult.Saved => TypedResults.Ok(SellerProductDto.From(product)),
            SaveResult.Conflict => Conflict(),
            _ => TypedResults.ValidationProblem(errors.ToDictionary()),
        };
    }

    private static async Task<Results<Ok<SellerProductDto>, NotFound>> Archive(Guid id, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var product = await LoadAsync(db, id, cancellationToken);
        if (product is null) return TypedResults.NotFound();
        product.Status = ProductStatus.Archived;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SellerProductDto.From(product));
    }

    private static async Task<Results<Ok<SellerProductDto>, NotFound, ValidationProblem>> SetMarketRule(
        Guid id, string market, MarketRuleInput input, LiveCrossDbContext db, MarketRegistry markets, CancellationToken cancellationToken)
    {
        var product = await LoadAsync(db, id, cancellationToken);
        if (product is null) return TypedResults.NotFound();
        var errors = new ValidationErrors();
        if (!markets.TryGet(market, out var definition))
        {
            errors.Add("market", $"There is no market '{market}'.");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var currency = CurrencyCode.Parse(definition.Currency);
        errors.Require(input.Reason is null || input.Reason.Length <= 300, "reason", "At most 300 characters.");
        var prices = input.Prices ?? [];
        if (!errors.NoNullItems(prices, "prices")) return TypedResults.ValidationProblem(errors.ToDictionary());
        foreach (var twice in prices.Select((p, i) => (Sku: p.Sku?.Trim().ToUpperInvariant(), Index: i)).GroupBy(p => p.Sku).Where(g => g.Count() > 1))
            errors.Add($"prices[{twice.Last().Index}].sku", "This SKU already has a price in this request.");
        for (var i = 0; i < prices.Count; i++)
        {
            errors.Require(product.Variants.Any(v => string.Equals(v.Sku, prices[i].Sku, StringComparison.OrdinalIgnoreCase)), $"prices[{i}].sku", "Not a SKU of this product.");
            ProductInputValidator.ValidatePrice(prices[i].Amount, currency, $"prices[{i}].amount", errors);
        }
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var rule = product.MarketRules.FirstOrDefault(r => r.MarketCode == definition.Code);
        if (rule is null) product.MarketRules.Add(rule = new ProductMarketRule { MarketCode = definition.Code });
        rule.Blocked = input.Blocked ?? false;
        rule.Reason = input.Reason?.Trim();
        foreach (var variant in product.Variants)
        {
            variant.MarketPrices.RemoveAll(m => m.MarketCode == definition.Code);
            var price = prices.FirstOrDefault(p => string.Equals(p.Sku, variant.Sku, StringComparison.OrdinalIgnoreCase));
            if (price is not null)
                variant.MarketPrices.Add(new VariantMarketPrice { MarketCode = definition.Code, Amount = price.Amount!.Value, Currency = definition.Currency });
        }
        db.Entry(product).State = EntityState.Modified;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SellerProductDto.From(product));
    }

    public static Task<Product?> LoadAsync(LiveCrossDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Products
            .Include(p => p.Translations)
            .Include(p => p.Images)
            .Include(p => p.Variants).ThenInclude(v => v.MarketPrices)
            .Include(p => p.MarketRules)
            .Include(p => p.DutyRates)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public static async Task<Seller> CurrentSellerAsync(LiveCrossDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await db.Sellers.FirstAsync(s => s.Id == user.SellerId(), cancellationToken);

    /// <summary>Which of <paramref name="upperSkus"/> (upper case) the signed-in seller already uses, outside product <paramref name="exceptProductId"/>.</summary>
    public static Task<List<string>> TakenSkusAsync(LiveCrossDbContext db, IReadOnlyCollection<string> upperSkus, Guid? exceptProductId, CancellationToken cancellationToken) =>
        db.Variants
            .Where(v => (exceptProductId == null || v.ProductId != exceptProductId) && upperSkus.Contains(v.Sku.ToUpper()))
            .Select(v => v.Sku)
            .ToListAsync(cancellationToken);

    public static async Task CheckSkusFreeAsync(LiveCrossDbContext db, IEnumerable<VariantInput> variants, Guid? productId, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var taken = await TakenSkusAsync(db, variants.Select(v => v.Sku!.Trim().ToUpperInvariant()).ToList(), productId, cancellationToken);
        foreach (var sku in taken) errors.Add("variants", $"SKU '{sku}' is used by another of your products.");
    }

    private static ProblemHttpResult Conflict() => TypedResults.Problem(
        "The product was changed since you read it. Reload it and apply your change again.",
        statusCode: StatusCodes.Status409Conflict, title: "Version conflict.");
}
