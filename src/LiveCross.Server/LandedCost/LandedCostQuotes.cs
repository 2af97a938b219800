using System.Globalization;
using LiveCross.Domain;
using LiveCross.Domain.Catalog;
using LiveCross.Domain.LandedCost;
using LiveCross.Domain.Markets;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Catalog;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.LandedCost;

/// <summary>
/// Landed-cost quotes for the endpoint, the storefront pages and the checkout: validates a request, resolves
/// catalog SKUs, computes the quote with the loaded rules and signs it. The same method serves HTTP and pages.
/// </summary>
public sealed class LandedCostQuotes(
    LandedCostEngine engine, MarketRegistry markets, QuoteTokens tokens, TimeProvider clock, IOptions<LandedCostOptions> options, IServiceProvider services)
{
    public const int MaxItems = 100;
    public const int MaxQuantity = 10_000;

    /// <summary>Largest amount accepted, as US dollars converted into the request currency: anything above is a typo or an attack.</summary>
    public const decimal MaxAmountUsd = 10_000_000m;

    public async Task<QuoteOutcome> QuoteAsync(LandedCostQuoteInput input, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (input is null)
        {
            errors.Add("body", "A JSON body is required.");
            return Fail(errors);
        }
        if (string.IsNullOrWhiteSpace(input.Destination)) errors.Add("destination", "Required: the market code, e.g. DE.");
        else if (!markets.TryGet(input.Destination.Trim(), out _) || !engine.Rules.TryGet(input.Destination.Trim().ToUpperInvariant(), out _))
            errors.Add("destination", $"'{input.Destination}' is not a market LiveCross quotes for.");
        if (errors.Any) return Fail(errors);
        markets.TryGet(input.Destination!.Trim(), out var market);

        var currency = CurrencyCode.Parse(market.Currency);
        if (input.Currency is not null && !CurrencyCode.TryParse(input.Currency.Trim(), out currency))
            errors.Add("currency", $"'{input.Currency}' is not a supported ISO 4217 currency.");
        // Today in the market's time zone only when no date is given: the time-zone conversion is not free.
        var date = input.Date is null ? Today(market) : default;
        if (input.Date is not null && !DateOnly.TryParseExact(input.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            errors.Add("date", "A date yyyy-MM-dd is required.");
        var channel = ShippingChannel.Courier;
        if (input.Channel is not null && !TryParseName(input.Channel, out channel)) errors.Add("channel", "Use courier or postal.");
        var buyerType = BuyerType.Consumer;
        if (input.BuyerType is not null && !TryParseName(input.BuyerType, out buyerType)) errors.Add("buyerType", "Use consumer or business.");
        var region = input.Region?.Trim().ToUpperInvariant();
        if (input.Region is not null && (region!.Length is < 1 or > 3 || !region.All(char.IsAsciiLetterOrDigit))) errors.Add("region", $"'{input.Region}' is not a region code.");
        string? shipFrom = null;
        if (input.ShipFrom is not null)
        {
            if (CountryCode.TryParse(input.ShipFrom.Trim(), out var from)) shipFrom = from.Value;
            else errors.Add("shipFrom", $"'{input.ShipFrom}' is not an ISO 3166-1 alpha-2 country code.");
        }
        var explicitRates = ExplicitRates(input.ExchangeRates, errors);
        var registrations = Registrations(input.SellerRegistrations, errors);
        if (errors.Any) return Fail(errors);

        var rates = new QuoteRates(explicitRates, markets.Rates);
        var maxAmount = rates.TryConvert(MaxAmountUsd, "USD", currency, out var converted) ? converted : MaxAmountUsd;
        if (AmountProblem(input.Shipping, currency, maxAmount) is { } shippingProblem) errors.Add("shipping", shippingProblem);
        if (AmountProblem(input.Insurance, currency, maxAmount) is { } insuranceProblem) errors.Add("insurance", insuranceProblem);
        var items = input.Items;
        if (items is null || items.Count == 0) errors.Add("items", "At least one item is required.");
        else if (items.Count > MaxItems) errors.Add("items", $"At most {MaxItems} items in one quote.");
        else errors.NoNullItems(items, "items");
        if (errors.Any) return Fail(errors);

        var resolved = await ResolveItemsAsync(items!, market, currency, rates, maxAmount, errors, cancellationToken);
        if (errors.Any) return Fail(errors);
        var (quoted, sellerRegistrations, sellerCountry, sellerId) = resolved!.Value;

        var request = new LandedCostRequest
        {
            Market = market.Code,
            Region = region,
            Date = date,
            Currency = currency,
            Channel = channel,
            BuyerType = buyerType,
            SellerRegistrations = (IReadOnlyList<string>?)registrations ?? sellerRegistrations,
            ShipFrom = shipFrom ?? sellerCountry,
            Items = [.. quoted.Select(q => q.Item)],
            Shipping = input.Shipping ?? 0,
            Insurance = input.Insurance ?? 0,
            Rates = rates,
        };
        if (!engine.Calculator.TryCalculate(request, out var quote, out var error))
        {
            errors.Add(error.Field, error.Message);
            return Fail(errors);
        }

        var now = clock.GetUtcNow();
        var inputs = new QuoteInputs(
            market.Code, region, date, currency.Value, Name(channel), Name(buyerType), request.SellerRegistrations,
            explicitRates.ToDictionary(r => $"{r.Base}/{r.Quote}", r => r.Rate), [.. quoted.Select(q => q.Shown)],
            request.Shipping, request.Insurance, request.ShipFrom ?? request.Items[0].OriginCountry, sellerId);
        var dto = ToDto(quote, Guid.CreateVersion7(), now, now + options.Value.QuoteLifetime, inputs.Items);
        return new QuoteOutcome(dto with { Token = tokens.Protect(dto, inputs) }, null);
    }

    /// <summary>For the checkout: the quote and its inputs if the token is ours, unaltered and not expired.</summary>
    public QuoteVerification Verify(string? token) => tokens.Verify(token, clock.GetUtcNow());

    private DateOnly Today(MarketDefinition market)
    {
        var now = clock.GetUtcNow();
        try
        {
            return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(market.TimeZone)).DateTime);
        }
        catch (TimeZoneNotFoundException)
        {
            return DateOnly.FromDateTime(now.UtcDateTime);
        }
    }

    private sealed record ResolvedItem(LandedCostItem Item, QuotedItem Shown);

    private async Task<(List<ResolvedItem> Items, IReadOnlyList<string> Registrations, string? SellerCountry, Guid? SellerId)?> ResolveItemsAsync(
        List<QuoteItemInput?> items, MarketDefinition market, CurrencyCode currency, QuoteRates rates, decimal maxAmount, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var skus = new List<(int Index, string Sku, string? Seller)>();
        var parsed = new (string Hs, string Origin)[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i]!;
            if (item.Quantity is { } quantity && quantity is < 1 or > MaxQuantity) errors.Add(ItemField(i, "quantity"), $"Between 1 and {MaxQuantity}.");
            if (item.DutyRatePercent is { } duty && duty is < 0 or > 1000) errors.Add(ItemField(i, "dutyRatePercent"), "Between 0 and 1000.");
            if (item.Sku is not null)
            {
                if (item.HsCode is not null || item.UnitPrice is not null || item.OriginCountry is not null)
                    errors.Add(ItemField(i), "Give a catalog sku or a described item (hsCode, originCountry, unitPrice), not both.");
                else if (string.IsNullOrWhiteSpace(item.Sku) || item.Sku.Length > 64) errors.Add(ItemField(i, "sku"), "A SKU of 1 to 64 characters.");
                else skus.Add((i, item.Sku.Trim(), item.Seller?.Trim()));
                continue;
            }
            if (HsCode.TryParse(item.HsCode, out var hsCode, out var hsError)) parsed[i] = (hsCode.Digits, parsed[i].Origin);
            else errors.Add(ItemField(i, "hsCode"), hsError!);
            if (CountryCode.TryParse(item.OriginCountry, out var origin)) parsed[i] = (parsed[i].Hs, origin.Value);
            else errors.Add(ItemField(i, "originCountry"), $"'{item.OriginCountry}' is not an ISO 3166-1 alpha-2 country code.");
            if (item.UnitPrice is null) errors.Add(ItemField(i, "unitPrice"), "Required for a described item.");
            else if (AmountProblem(item.UnitPrice, currency, maxAmount) is { } priceProblem) errors.Add(ItemField(i, "unitPrice"), priceProblem);
            if (item.Description is { Length: > 200 }) errors.Add(ItemField(i, "description"), "At most 200 characters.");
        }
        if (errors.Any) return null;

        var catalog = skus.Count == 0 ? null : await LoadSkusAsync(skus, market, errors, cancellationToken);
        if (errors.Any) return null;

        var resolved = new List<ResolvedItem>(items.Count);
        IReadOnlyList<string> registrations = [];
        string? sellerCountry = null;
        Guid? sellerId = null;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i]!;
            var quantity = item.Quantity ?? 1;
            if (item.Sku is null)
            {
                var (hs, origin) = parsed[i];
                var source = item.DutyRatePercent is null ? DutyRateSource.Tariff : DutyRateSource.Request;
                resolved.Add(new(new LandedCostItem { HsCode = hs, OriginCountry = origin, UnitPrice = item.UnitPrice!.Value, Quantity = quantity, DutyRatePercent = item.DutyRatePercent, DutyRateSource = source },
                    new QuotedItem(null, item.Description, hs, origin, item.UnitPrice.Value, quantity, item.DutyRatePercent, Name(source))));
                continue;
            }
            var found = catalog![i];
            if (sellerId is { } one && one != found.SellerId)
            {
                errors.Add($"items[{i}].sku", "All catalog items of one quote must come from one seller (one consignment).");
                return null;
            }
            sellerId = found.SellerId;
            registrations = found.Registrations;
            sellerCountry = found.SellerCountry;
            var price = item.AgreedUnitPrice is { } agreed && currency.Value == market.Currency ? agreed : PriceOf(found, market, currency, rates);
            if (price is null)
            {
                errors.Add("exchangeRates", $"No exchange rate from {found.BaseCurrency} to {currency}.");
                return null;
            }
            var sellerRate = found.DutyRates.TryGetValue(market.Code, out var attached) ? attached : (decimal?)null;
            var rate = item.DutyRatePercent ?? sellerRate;
            var rateSource = item.DutyRatePercent is not null ? DutyRateSource.Request : sellerRate is not null ? DutyRateSource.Seller : DutyRateSource.Tariff;
            resolved.Add(new(new LandedCostItem { HsCode = found.HsCode, OriginCountry = found.OriginCountry, UnitPrice = price.Value, Quantity = quantity, DutyRatePercent = rate, DutyRateSource = rateSource },
                new QuotedItem(found.Sku, found.Title, found.HsCode, found.OriginCountry, price.Value, quantity, rate, Name(rateSource))));
        }
        return (resolved, registrations, sellerCountry, sellerId);
    }

    /// <summary>
    /// The shelf price in the quote currency: Pricing's rule for the market (the seller's fixed price there, else the
    /// base price at the stored rate); a quote in another currency, or with an explicit rate for the seller's currency, converts with the quote's rates.
    /// </summary>
    private decimal? PriceOf(CatalogSku sku, MarketDefinition market, CurrencyCode currency, QuoteRates rates)
    {
        decimal converted;
        if (sku.MarketPrice is null && (currency.Value != market.Currency || rates.Explicit.Count > 0))
            return rates.TryConvert(sku.BasePrice, sku.BaseCurrency, currency, out converted) ? new Money(converted, currency).RoundToMinorUnits().Amount : null;
        Money shelf;
        try
        {
            shelf = Pricing.PriceIn(market, markets.Rates, sku.BasePrice, sku.BaseCurrency, sku.MarketPrice);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        if (shelf.Currency == currency) return shelf.Amount;
        return rates.TryConvert(shelf.Amount, shelf.Currency.Value, currency, out converted) ? new Money(converted, currency).RoundToMinorUnits().Amount : null;
    }

    private sealed record CatalogSku(
        Guid SellerId, string SellerCountry, IReadOnlyList<string> Registrations, string Sku, string? Title, string HsCode, string OriginCountry,
        decimal BasePrice, string BaseCurrency, decimal? MarketPrice, IReadOnlyDictionary<string, decimal> DutyRates);

    private async Task<Dictionary<int, CatalogSku>> LoadSkusAsync(
        List<(int Index, string Sku, string? Seller)> skus, MarketDefinition market, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<LiveCrossDbContext>();
        var upper = skus.Select(s => s.Sku.ToUpperInvariant()).Distinct().ToList();
        var rows = await db.Variants.AsNoTracking()
            .Where(v => upper.Contains(v.Sku.ToUpper()))
            .Join(db.Products.AsNoTracking().Where(p => p.Status == ProductStatus.Active), v => v.ProductId, p => p.Id, (v, p) => new { v, p })
            .Select(x => new
            {
                x.v.Sku,
                x.v.BasePrice,
                x.v.Currency,
                MarketPrice = x.v.MarketPrices.Where(m => m.MarketCode == market.Code && m.Currency == market.Currency).Select(m => (decimal?)m.Amount).FirstOrDefault(),
                Blocked = x.p.MarketRules.Any(r => r.MarketCode == market.Code && r.Blocked),
                x.p.HsCode,
                x.p.OriginCountry,
                x.p.DefaultLocale,
                Titles = x.p.Translations.Select(t => new { t.Locale, t.Title }).ToList(),
                DutyRates = x.p.DutyRates.Select(d => new { d.MarketCode, d.RatePercent }).ToList(),
                x.p.SellerId,
                SellerSlug = x.p.Seller!.Slug,
                SellerCountry = x.p.Seller.Country,
            })
            .ToListAsync(cancellationToken);
        var sellerIds = rows.Select(r => r.SellerId).Distinct().ToList();
        var registrations = (await db.SellerTaxRegistrations.AsNoTracking().Where(r => sellerIds.Contains(r.SellerId)).ToListAsync(cancellationToken))
            .GroupBy(r => r.SellerId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(r => r.Scheme).Order(StringComparer.Ordinal)]);

        var found = new Dictionary<int, CatalogSku>();
        foreach (var (index, sku, seller) in skus)
        {
            var matches = rows.Where(r => string.Equals(r.Sku, sku, StringComparison.OrdinalIgnoreCase)
                && (seller is null || string.Equals(r.SellerSlug, seller, StringComparison.OrdinalIgnoreCase))).ToList();
            if (matches.Count == 0) { errors.Add($"items[{index}].sku", $"No active product has SKU '{sku}'{(seller is null ? "" : $" at seller '{seller}'")}."); continue; }
            if (matches.Count > 1) { errors.Add($"items[{index}].seller", $"SKU '{sku}' is sold by several sellers; give the seller's slug."); continue; }
            var r = matches[0];
            if (r.Blocked) { errors.Add($"items[{index}].sku", $"SKU '{sku}' is not sold in {market.Code}."); continue; }
            var title = LocaleFallback.Pick(r.Titles, t => t.Locale, "en", r.DefaultLocale)?.Title;
            found[index] = new CatalogSku(r.SellerId, r.SellerCountry, registrations.GetValueOrDefault(r.SellerId) ?? [], r.Sku, title, r.HsCode, r.OriginCountry,
                r.BasePrice, r.Currency, r.MarketPrice, r.DutyRates.ToDictionary(d => d.MarketCode, d => d.RatePercent));
        }
        return found;
    }

    private List<ExchangeRate> ExplicitRates(Dictionary<string, decimal>? given, ValidationErrors errors)
    {
        var list = new List<ExchangeRate>();
        if (given is null) return list;
        if (given.Count > 20) { errors.Add("exchangeRates", "At most 20 rates."); return list; }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var (pair, rate) in given)
        {
            var field = $"exchangeRates.{pair}";
            var parts = pair.Split('/');
            if (parts.Length != 2 || !CurrencyCode.TryParse(parts[0].Trim(), out var from) || !CurrencyCode.TryParse(parts[1].Trim(), out var to) || from == to)
            {
                errors.Add(field, "Write a pair of two different supported ISO 4217 currencies as \"USD/BRL\" (units of BRL per USD).");
                continue;
            }
            if (rate <= 0 || rate > 1_000_000_000m) { errors.Add(field, "A positive rate below 1,000,000,000."); continue; }
            list.Add(new ExchangeRate(from, to, rate, "request", today));
        }
        return list;
    }

    private List<string>? Registrations(List<string?>? given, ValidationErrors errors)
    {
        if (given is null) return null;
        if (given.Count > 20) { errors.Add("sellerRegistrations", "At most 20 schemes."); return null; }
        var list = new List<string>();
        for (var i = 0; i < given.Count; i++)
        {
            var code = given[i]?.Trim().ToUpperInvariant();
            if (code is null || !engine.SchemeCodes.Contains(code)) errors.Add($"sellerRegistrations[{i}]", $"'{given[i]}' is not a known scheme ({string.Join(", ", engine.SchemeCodes.Order(StringComparer.Ordinal))}).");
            else list.Add(code);
        }
        return list;
    }

    // Built only when there is an error to name: most quotes have none.
    private static string ItemField(int index, string? name = null) => name is null ? $"items[{index}]" : $"items[{index}].{name}";

    private static string? AmountProblem(decimal? amount, CurrencyCode currency, decimal max)
    {
        if (amount is not { } value) return null;
        if (value < 0) return "Cannot be negative.";
        if (value > max) return $"Above the largest amount accepted ({max.ToString("#,0", CultureInfo.InvariantCulture)} {currency}).";
        if (decimal.Round(value, currency.MinorUnits) != value) return $"{currency} has {currency.MinorUnits} decimal places.";
        return null;
    }

    private static LandedCostQuoteDto ToDto(LandedCostQuote q, Guid id, DateTimeOffset issuedAt, DateTimeOffset expiresAt, IReadOnlyList<QuotedItem> items) => new(
        id, issuedAt, expiresAt, q.Market, q.Region, q.Date, q.Currency.Value,
        q.Goods.Amount, q.Shipping.Amount, q.Insurance.Amount, q.Duty.Amount, q.Tax.Amount, q.Total.Amount, q.PayableAtCheckout.Amount,
        [.. q.Fees.Select(f => new QuoteFeeDto(f.Code, f.Name, f.Amount.Amount, f.Note))],
        Name(q.CollectedAt), q.TaxAtCheckout.Amount, q.TaxAtBorder.Amount, q.DutyAtCheckout.Amount, q.DutyAtBorder.Amount,
        q.Scheme, q.RuleVersion, q.RuleVersions, [.. q.Lines.Select(l => new QuoteLineDto(l.Code, TextOf(l)))], items);

    // The same few explanation lines recur in every quote of a market; their text is formatted once. Bounded, since
    // amounts in lines (thresholds) come from the rule files, not from requests, the set is small anyway.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<QuoteExplanation, string> Texts = new();

    private static string TextOf(QuoteExplanation line)
    {
        if (Texts.TryGetValue(line, out var text)) return text;
        text = line.Text;
        if (Texts.Count < 10_000) Texts.TryAdd(line, text);
        return text;
    }

    private static string Name(ShippingChannel value) => value == ShippingChannel.Postal ? "postal" : "courier";

    private static string Name(BuyerType value) => value == BuyerType.Business ? "business" : "consumer";

    private static string Name(CollectionPoint value) => value switch { CollectionPoint.Border => "border", CollectionPoint.Mixed => "mixed", _ => "checkout" };

    private static string Name(DutyRateSource value) => value switch { DutyRateSource.Request => "request", DutyRateSource.Seller => "seller", _ => "tariff" };

    private static bool TryParseName<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value) && !text.Trim().All(char.IsAsciiDigit);

    private static QuoteOutcome Fail(ValidationErrors errors) => new(null, errors.ToDictionary());
}
