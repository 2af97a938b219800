using LiveCross.Domain;
using LiveCross.Domain.Catalog;
using LiveCross.Domain.Markets;
using LiveCross.Domain.Monetary;
using LiveCross.Domain.Shipping;
using LiveCross.Server.Catalog;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Shipping;

/// <summary>
/// One line of a parcel: a catalog SKU (by <see cref="Sku"/> or <see cref="VariantId"/>), whose weight, size and
/// batteries come from its product, or a described item (weight, size, battery) for a seller's calculator.
/// </summary>
public sealed record ShippingItemInput(
    string? Sku = null, Guid? VariantId = null, int? Quantity = null,
    int? WeightGrams = null, int? LengthMm = null, int? WidthMm = null, int? HeightMm = null, string? Battery = null);

/// <summary>
/// A parcel to quote: to market <see cref="Destination"/> (and <see cref="Region"/>, the ISO 3166-2 subdivision
/// without its country, where remote-area fees apply), from <see cref="ShipFrom"/> (default: the seller's country),
/// ordered on <see cref="Date"/> before the dispatch cut-off (default: now).
/// </summary>
public sealed record ShippingOptionsRequest(string? Destination, string? Region, string? ShipFrom, DateOnly? Date, List<ShippingItemInput?>? Items);

public sealed record ShippingChargeDto(string Type, MoneyDto Amount);

/// <summary>Why a service refuses the parcel: <see cref="Reason"/> is batteries, overweight, too-long or too-big.</summary>
public sealed record ShippingUnavailableDto(string Reason, string Message, string? Battery);

/// <summary>
/// One shipping option. <see cref="Price"/> is in the shopper's (market's) currency; <see cref="CarrierPrice"/> and
/// <see cref="Charges"/> are in the rate card's. Unavailable options have no price or dates, and say why.
/// </summary>
public sealed record ShippingOptionDto(
    string Id, string Carrier, string CarrierName, string Service, string Mode, bool Tracked, bool Available,
    MoneyDto? Price, MoneyDto? CarrierPrice, IReadOnlyList<ShippingChargeDto> Charges, long ChargeableWeightGrams,
    int? MinBusinessDays, int? MaxBusinessDays, DateOnly? EarliestDelivery, DateOnly? LatestDelivery,
    ShippingUnavailableDto? Unavailable);

/// <summary>
/// The options for one parcel on one lane, available ones cheapest first. <see cref="Options"/> is empty, with a
/// <see cref="Message"/>, when no carrier serves the lane.
/// </summary>
public sealed record ShippingOptionsResponse(
    string Origin, string Destination, string? Region, string Currency, DateOnly? ShipsOn,
    IReadOnlyList<ShippingOptionDto> Options, string? Message);

public enum ShippingChoiceStatus
{
    /// <summary>The option is offered for this parcel, at the price given (if one was given).</summary>
    Available,

    /// <summary>The option is offered, but its price is no longer the one the shopper saw.</summary>
    PriceChanged,

    /// <summary>The service refuses this parcel (e.g. an item with batteries was added).</summary>
    Refused,

    /// <summary>No such option on this lane (the cart's destination or origin changed, or the id is wrong).</summary>
    NotOffered,

    /// <summary>The request itself is invalid; see the errors.</summary>
    Invalid,
}

/// <summary>The checkout's re-check of a chosen option: the option as it stands now, and whether it still holds.</summary>
public sealed record ShippingChoice(ShippingChoiceStatus Status, ShippingOptionDto? Option, string Message, ValidationErrors Errors);

/// <summary>
/// Shipping options for the product page, the checkout and the seller calculator: resolves SKUs to their
/// products' weight, size and batteries, finds the lane's rate cards, dates the dispatch and prices every option
/// in the destination market's currency (converted at the stored rates, rounded once to its minor units).
/// </summary>
public sealed class ShippingQuotes(LiveCrossDbContext db, MarketRegistry markets, ShippingRateCards rateCards, TimeProvider clock)
{
    public const int MaxItems = 100;
    public const int MaxQuantity = 999;

    /// <summary>Options for a parcel, or the request's field errors.</summary>
    public async Task<(ShippingOptionsResponse? Response, ValidationErrors Errors)> QuoteAsync(ShippingOptionsRequest request, CancellationToken cancellationToken)
    {
        var errors = Validate(request, out var market);
        if (errors.Any) return (null, errors);
        var (parcel, sellerCountry) = await ParcelAsync(request.Items!, market!, errors, cancellationToken);
        if (errors.Any) return (null, errors);
        var origin = request.ShipFrom?.ToUpperInvariant() ?? sellerCountry;
        if (origin is null)
        {
            errors.Add("shipFrom", "Required when every item is described (no sku or variantId): the country the parcel leaves from.");
            return (null, errors);
        }
        return (Quote(origin, market!, Region(request.Region), request.Date, parcel!), errors);
    }

    /// <summary>
    /// Options for <paramref name="quantity"/> of a product on sale in <paramref name="market"/>; no response and no
    /// errors when it is not on sale there. Weight, size and batteries are the product's, so a <paramref name="sku"/>
    /// is only checked to be one of its SKUs.
    /// </summary>
    public async Task<(ShippingOptionsResponse? Response, ValidationErrors Errors)> QuoteProductAsync(
        Guid productId, MarketDefinition market, int quantity, string? sku, string? region, DateOnly? date, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var product = await OnSaleIn(market.Code)
            .Where(p => p.Id == productId)
            .Select(p => new { p.WeightGrams, p.LengthMm, p.WidthMm, p.HeightMm, p.Battery, p.Seller!.Country, Skus = p.Variants.Select(v => v.Sku).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        if (product is null) return (null, errors);
        if (sku is not null && !product.Skus.Contains(sku.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            errors.Add("sku", $"'{sku}' is not a SKU of product {productId}.");
            return (null, errors);
        }
        var parcel = new Parcel([new ParcelItem(product.WeightGrams, product.LengthMm, product.WidthMm, product.HeightMm, quantity, product.Battery)]);
        return (Quote(product.Country, market, region, date, parcel), errors);
    }

    /// <summary>
    /// For the checkout: is <paramref name="optionId"/> still offered for this parcel, and at
    /// <paramref name="expectedPrice"/> (the price the shopper saw) when given? The option returned carries the current price and dates.
    /// </summary>
    public async Task<ShippingChoice> ConfirmAsync(ShippingOptionsRequest request, string optionId, MoneyDto? expectedPrice, CancellationToken cancellationToken)
    {
        var (response, errors) = await QuoteAsync(request, cancellationToken);
        if (response is null) return new ShippingChoice(ShippingChoiceStatus.Invalid, null, "The parcel cannot be quoted; see the errors.", errors);
        var option = response.Options.FirstOrDefault(o => o.Id == optionId);
        if (option is null)
            return new ShippingChoice(ShippingChoiceStatus.NotOffered, null, $"Shipping option '{optionId}' is not offered from {response.Origin} to {response.Destination}.", errors);
        if (!option.Available)
            return new ShippingChoice(ShippingChoiceStatus.Refused, option, option.Unavailable!.Message, errors);
        if (expectedPrice is not null && expectedPrice != option.Price)
            return new ShippingChoice(ShippingChoiceStatus.PriceChanged, option,
                FormattableString.Invariant($"The price of {option.Service} is now {option.Price!.Amount} {option.Price.Currency}, not {expectedPrice.Amount} {expectedPrice.Currency}."), errors);
        return new ShippingChoice(ShippingChoiceStatus.Available, option, $"{option.Service} is available.", errors);
    }

    private ShippingOptionsResponse Quote(string origin, MarketDefinition market, string? region, DateOnly? date, Parcel parcel)
    {
        var currency = CurrencyCode.Parse(market.Currency);
        var cards = rateCards.Lane(origin, market.Code);
        var rule = rateCards.TryGetOrigin(origin, out var shippingOrigin) ? ShippingRateCards.DispatchRuleOf(shippingOrigin, markets) : null;
        if (cards.Count == 0 || rule is null)
            return new ShippingOptionsResponse(origin, market.Code, region, currency.Value, null, [], $"No carrier ships from {origin} to {market.Code} yet.");

        var shipsOn = date is { } day ? rule.ShipsOn(day) : rule.ShipsOn(clock.GetUtcNow());
        var options = ShippingQuoter.Quote(cards, parcel, region, shipsOn, ShippingRateCards.CalendarOf(market), currency, markets.Rates);
        var message = options.Any(o => o.IsAvailable) ? null : "No service on this lane takes this parcel; each option says why.";
        return new ShippingOptionsResponse(origin, market.Code, region, currency.Value, shipsOn, options.Select(ToDto).ToList(), message);
    }

    private ValidationErrors Validate(ShippingOptionsRequest request, out MarketDefinition? market)
    {
        var errors = new ValidationErrors();
        market = null;
        if (string.IsNullOrWhiteSpace(request.Destination)) errors.Add("destination", "Required: the market the parcel goes to, e.g. GB.");
        else if (!markets.TryGet(request.Destination.Trim(), out var found)) errors.Add("destination", $"There is no market '{request.Destination}'.");
        else market = found;
        errors.Require(request.Region is null || ShippingRegions.IsRegion(Region(request.Region)), "region", "A region is the ISO 3166-2 subdivision code without the country, e.g. ON for CA-ON.");
        errors.Require(request.ShipFrom is null || (CountryCode.TryParse(request.ShipFrom, out _)), "shipFrom", "An ISO 3166-1 alpha-2 country code is required, e.g. CN.");
        ValidateDate(request.Date, errors);

        var items = request.Items;
        if (items is not { Count: > 0 and <= MaxItems })
        {
            errors.Add("items", $"Between 1 and {MaxItems} items are required.");
            return errors;
        }
        if (!errors.NoNullItems(items, "items")) return errors;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i]!;
            var at = $"items[{i}]";
            errors.Require(item.Quantity is >= 1 and <= MaxQuantity, $"{at}.quantity", $"Between 1 and {MaxQuantity}.");
            var fromCatalog = item.Sku is not null || item.VariantId is not null;
            var described = item.WeightGrams is not null || item.LengthMm is not null || item.WidthMm is not null || item.HeightMm is not null || item.Battery is not null;
            if (fromCatalog && described)
            {
                errors.Add(at, "Send either a sku (or variantId) or a described item (weightGrams, dimensions, battery), not both.");
                continue;
            }
            if (item.Sku is not null && item.VariantId is not null) errors.Add($"{at}.sku", "Send either a sku or a variantId, not both.");
            if (item.Sku is not null) errors.Require(ProductInputValidator.IsSku(item.Sku), $"{at}.sku", "A SKU of 1 to 64 letters, digits, '-', '_' or '.' is required.");
            if (fromCatalog) continue;
            errors.Require(item.WeightGrams is > 0 and <= 1_000_000, $"{at}.weightGrams", "Required for a described item: between 1 g and 1,000 kg.");
            errors.Require(item.LengthMm is null or >= 0 and <= 5000, $"{at}.lengthMm", "Between 0 and 5,000 mm.");
            errors.Require(item.WidthMm is null or >= 0 and <= 5000, $"{at}.widthMm", "Between 0 and 5,000 mm.");
            errors.Require(item.HeightMm is null or >= 0 and <= 5000, $"{at}.heightMm", "Between 0 and 5,000 mm.");
            errors.Require(item.Battery is null || BatteryTypes.TryParse(item.Battery, out _), $"{at}.battery", $"Use one of: {string.Join(", ", BatteryTypes.Keys)}.");
        }
        return errors;
    }

    /// <summary>Dates a shopper or seller might plan for; the calendars in the data cover 2026–2027.</summary>
    public static void ValidateDate(DateOnly? date, ValidationErrors errors) =>
        errors.Require(date is null || (date.Value.Year is >= 2000 and <= 2099), "date", "A date between 2000-01-01 and 2099-12-31 is required (YYYY-MM-DD).");

    private static string? Region(string? region) => region?.Trim().ToUpperInvariant();

    /// <summary>The parcel from the request's items, and the country of the seller whose SKUs they are (null when every item is described).</summary>
    private async Task<(Parcel?, string?)> ParcelAsync(List<ShippingItemInput?> items, MarketDefinition market, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var skus = items.Where(i => i!.Sku is not null).Select(i => i!.Sku!.Trim().ToUpperInvariant()).Distinct().ToList();
        var ids = items.Where(i => i!.VariantId is not null).Select(i => i!.VariantId!.Value).Distinct().ToList();
        var found = skus.Count + ids.Count == 0 ? [] : await (
            from v in db.Variants.AsNoTracking()
            join p in OnSaleIn(market.Code) on v.ProductId equals p.Id
            where ids.Contains(v.Id) || skus.Contains(v.Sku.ToUpper())
            select new { v.Id, v.Sku, p.SellerId, p.Seller!.Country, p.WeightGrams, p.LengthMm, p.WidthMm, p.HeightMm, p.Battery })
            .ToListAsync(cancellationToken);

        var lines = new List<ParcelItem>();
        var sellers = new HashSet<(Guid Id, string Country)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i]!;
            var quantity = item.Quantity!.Value;
            if (item.Sku is null && item.VariantId is null)
            {
                var battery = BatteryTypes.TryParse(item.Battery, out var parsed) ? parsed : BatteryType.None;
                lines.Add(new ParcelItem(item.WeightGrams!.Value, item.LengthMm ?? 0, item.WidthMm ?? 0, item.HeightMm ?? 0, quantity, battery));
                continue;
            }
            var matches = item.VariantId is { } id
                ? found.Where(f => f.Id == id).ToList()
                : found.Where(f => string.Equals(f.Sku, item.Sku!.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            var field = item.VariantId is null ? $"items[{i}].sku" : $"items[{i}].variantId";
            if (matches.Count == 0) { errors.Add(field, $"No product on sale in {market.Code} has {(item.VariantId is null ? $"SKU '{item.Sku}'" : $"variant {item.VariantId}")}."); continue; }
            if (matches.Count > 1) { errors.Add(field, $"Several sellers use SKU '{item.Sku}'; send the variantId instead."); continue; }
            var match = matches[0];
            sellers.Add((match.SellerId, match.Country));
            lines.Add(new ParcelItem(match.WeightGrams, match.LengthMm, match.WidthMm, match.HeightMm, quantity, match.Battery));
        }
        if (sellers.Count > 1) errors.Add("items", "The items come from different sellers, who ship separately: quote one parcel per seller.");
        return errors.Any ? (null, null) : (new Parcel(lines), sellers.SingleOrDefault().Country);
    }

    /// <summary>Products a shopper in <paramref name="marketCode"/> can buy, as the catalog shows them.</summary>
    private IQueryable<Product> OnSaleIn(string marketCode) =>
        db.Products.AsNoTracking()
            .Where(p => p.Status == ProductStatus.Active)
            .Where(p => !p.MarketRules.Any(r => r.MarketCode == marketCode && r.Blocked));

    private static ShippingOptionDto ToDto(ShippingOption option)
    {
        var service = option.Card.Service;
        var charges = option.Charges is { } c
            ? new[] { ("freight", c.Freight), ("fuel", c.Fuel), ("dangerous-goods", c.DangerousGoods), ("oversize", c.Oversize), ("remote-area", c.RemoteArea) }
                .Where(x => x.Item1 == "freight" || x.Item2.Amount != 0)
                .Select(x => new ShippingChargeDto(x.Item1, MoneyDto.From(x.Item2)))
                .ToList()
            : [];
        return new ShippingOptionDto(
            option.Id, service.Carrier, service.CarrierName, service.Name, service.Mode.ToString().ToLowerInvariant(), service.Tracked, option.IsAvailable,
            option.Price is { } price ? MoneyDto.From(price) : null,
            option.Charges is { } total ? MoneyDto.From(total.Total) : null,
            charges, option.ChargeableWeightGrams,
            option.Delivery?.MinBusinessDays, option.Delivery?.MaxBusinessDays, option.Delivery?.Earliest, option.Delivery?.Latest,
            option.Refusal is { } refusal ? new ShippingUnavailableDto(ReasonKey(refusal.Reason), refusal.Detail, refusal.Battery == BatteryType.None ? null : refusal.Battery.Key()) : null);
    }

    public static string ReasonKey(RefusalReason reason) => reason switch
    {
        RefusalReason.Batteries => "batteries",
        RefusalReason.Overweight => "overweight",
        RefusalReason.TooLong => "too-long",
        _ => "too-big",
    };
}
