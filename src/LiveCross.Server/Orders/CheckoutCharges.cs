using System.Text.Json;
using LiveCross.Domain.Markets;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Cart;
using LiveCross.Server.Catalog;
using LiveCross.Server.LandedCost;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using LiveCross.Server.Shipping;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Orders;

/// <summary>
/// A SKU and quantity of the order, priced at the catalog's current price in the market (already re-validated), or, when
/// <see cref="AgreedPrice"/>, at a price agreed elsewhere (a flash sale's) that the landed-cost quote must use too.
/// </summary>
public sealed record PricedLine(SellableItem Item, int Quantity, Money LineTotal, bool AgreedPrice = false);

/// <summary>Everything checkout knows when the charges are assembled.</summary>
public sealed record ChargeRequest(
    MarketDefinition Market,
    string Region,
    ShippingAddress ShipTo,
    IReadOnlyList<PricedLine> Lines,
    Money Goods,
    string? QuoteToken,
    string? ShippingOptionId,
    DateTimeOffset Now,
    decimal Discount = 0m);

public abstract record ChargesResult
{
    public sealed record Assembled(OrderCharges Charges) : ChargesResult;

    /// <summary>The inputs were refused (an expired or tampered quote, an unknown shipping option): a 400 naming the field.</summary>
    public sealed record Invalid(ValidationErrors Errors) : ChargesResult;

    /// <summary>The quote the shopper was shown no longer holds (shipping, duty or tax changed since): a 409 with the new figures.</summary>
    public sealed record Changed(string Message, LandedCostQuoteDto Current) : ChargesResult;
}

/// <summary>
/// What the checkout shows before an order is placed: the parcel's shipping options, the one chosen, and the landed-cost quote with its token.
/// <see cref="Discount"/> is a coupon's, already taken off the quote's goods.
/// </summary>
public sealed record CheckoutQuote(ShippingOptionsResponse Shipping, ShippingOptionDto Option, LandedCostQuoteDto Quote, decimal Discount = 0m);

public abstract record CheckoutQuoteResult
{
    public sealed record Quoted(CheckoutQuote Checkout) : CheckoutQuoteResult;

    public sealed record Invalid(ValidationErrors Errors) : CheckoutQuoteResult;
}

/// <summary>
/// The one place an order's charges are put together. An order is one consignment: one seller's items in one
/// parcel, since import thresholds (IOSS ≤ €150, UK ≤ £135, ...) are tested per consignment. Its shipping is the
/// option the shopper chose (else the cheapest available), and its duty and tax come from a landed-cost quote over
/// the re-priced lines and that shipping price. When the shopper sends the quote token they were shown, it must be
/// ours, unexpired and for these items, and its figures must still be today's: the buyer is never charged other
/// than what was shown.
/// </summary>
public sealed class CheckoutCharges(LiveCrossDbContext db, ShippingQuotes shipping, LandedCostQuotes quotes, LandedCostEngine engine)
{
    /// <summary>Shipping options and the landed-cost quote for these lines, for the checkout page and for placement.</summary>
    public async Task<CheckoutQuoteResult> QuoteAsync(
        MarketDefinition market, string? region, IReadOnlyList<PricedLine> lines, string? shippingOptionId, decimal discount, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (lines.Count == 0)
        {
            errors.Add("items", "There is nothing to order.");
            return new CheckoutQuoteResult.Invalid(errors);
        }
        var goods = lines.Sum(l => l.LineTotal.Amount);
        if (discount < 0 || discount > goods) throw new ArgumentOutOfRangeException(nameof(discount), "A discount is between zero and the goods' value.");
        if (lines.Select(l => l.Item.SellerId).Distinct().Count() > 1)
        {
            errors.Add("items", "An order is one parcel from one seller: order each seller's items separately.");
            return new CheckoutQuoteResult.Invalid(errors);
        }
        var subdivision = Subdivision(region, market.Code);
        if (subdivision is null && !string.IsNullOrWhiteSpace(region) && engine.TaxesByRegion(market.Code))
        {
            errors.Add("region", $"Tax in {market.Code} depends on the region: give its ISO 3166-2 code, e.g. ON for CA-ON.");
            return new CheckoutQuoteResult.Invalid(errors);
        }

        var (options, shippingErrors) = await shipping.QuoteAsync(new ShippingOptionsRequest(market.Code, subdivision, null, null,
            [.. lines.Select(l => new ShippingItemInput(VariantId: l.Item.VariantId, Quantity: l.Quantity))]), cancellationToken);
        if (options is null)
        {
            foreach (var (field, messages) in shippingErrors.ToDictionary())
                foreach (var message in messages) errors.Add(field == "region" ? "region" : "items", message);
            return new CheckoutQuoteResult.Invalid(errors);
        }
        var option = Choose(options, shippingOptionId, errors);
        if (option is null) return new CheckoutQuoteResult.Invalid(errors);

        var sellerSlug = await db.Sellers.AsNoTracking().Where(s => s.Id == lines[0].Item.SellerId).Select(s => s.Slug).FirstAsync(cancellationToken);
        var agreed = AgreedUnitPrices(lines, goods, discount, CurrencyCode.Parse(market.Currency));
        var outcome = await quotes.QuoteAsync(new LandedCostQuoteInput
        {
            Destination = market.Code,
            Region = subdivision is not null && engine.TaxesByRegion(market.Code) ? subdivision : null,
            Items = [.. lines.Select((l, i) => (QuoteItemInput?)new QuoteItemInput { Sku = l.Item.Sku, Seller = sellerSlug, Quantity = l.Quantity, AgreedUnitPrice = agreed[i] })],
            Shipping = option.Price!.Amount,
        }, cancellationToken);
        if (outcome.Quote is not { } quote)
        {
            foreach (var (field, messages) in outcome.Errors!)
                foreach (var message in messages) errors.Add(field is "region" or "date" ? field : "items", message);
            return new CheckoutQuoteResult.Invalid(errors);
        }
        if (quote.Goods != goods - discount)
        {
            errors.Add("items", "Prices changed while the order was being priced; try again.");
            return new CheckoutQuoteResult.Invalid(errors);
        }
        return new CheckoutQuoteResult.Quoted(new CheckoutQuote(options, option, quote, discount));
    }

    /// <summary>
    /// The unit price each line is quoted at, or null where the catalog's shelf price stands. A discount is shared over the
    /// lines in proportion to their value (the last line takes the rounding remainder), because duty and tax are due on
    /// what the buyer actually pays for the goods.
    /// </summary>
    private static decimal?[] AgreedUnitPrices(IReadOnlyList<PricedLine> lines, decimal goods, decimal discount, CurrencyCode currency)
    {
        var prices = new decimal?[lines.Count];
        var shared = 0m;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (discount == 0m)
            {
                prices[i] = line.AgreedPrice ? line.Item.UnitPrice.Amount : null;
                continue;
            }
            var share = i == lines.Count - 1 ? discount - shared : new Money(discount * line.LineTotal.Amount / goods, currency).RoundToMinorUnits().Amount;
            shared += share;
            // Not rounded: the calculator multiplies by the quantity and rounds the line, which gives back the discounted line value.
            prices[i] = (line.LineTotal.Amount - share) / line.Quantity;
        }
        return prices;
    }

    public async Task<ChargesResult> AssembleAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        var quoted = await QuoteAsync(request.Market, request.Region, request.Lines, request.ShippingOptionId, request.Discount, cancellationToken);
        if (quoted is CheckoutQuoteResult.Invalid invalid) return new ChargesResult.Invalid(invalid.Errors);
        var current = ((CheckoutQuoteResult.Quoted)quoted).Checkout;

        var shownQuoteId = current.Quote.Id;
        if (request.QuoteToken is not null)
        {
            var verified = quotes.Verify(request.QuoteToken);
            if (!verified.IsValid)
            {
                var errors = new ValidationErrors();
                errors.Add("quoteToken", verified.Message);
                return new ChargesResult.Invalid(errors);
            }
            if (Mismatch(verified.Inputs!, request) is { } why)
            {
                var errors = new ValidationErrors();
                errors.Add("quoteToken", why);
                return new ChargesResult.Invalid(errors);
            }
            if (Differences(verified.Quote!, current.Quote) is { Count: > 0 } changes)
                return new ChargesResult.Changed($"The charges changed since the quote was shown: {string.Join("; ", changes)}. Review them and place the order again.", current.Quote);
            shownQuoteId = verified.Quote!.Id;
        }
        return new ChargesResult.Assembled(ToCharges(current, shownQuoteId));
    }

    private static ShippingOptionDto? Choose(ShippingOptionsResponse options, string? optionId, ValidationErrors errors)
    {
        if (optionId is null)
        {
            var cheapest = options.Options.FirstOrDefault(o => o.Available);
            if (cheapest is null) errors.Add("shippingOptionId", options.Message ?? $"No carrier takes this parcel from {options.Origin} to {options.Destination}.");
            return cheapest;
        }
        var option = options.Options.FirstOrDefault(o => o.Id == optionId.Trim());
        if (option is null)
            errors.Add("shippingOptionId", $"Shipping option '{optionId}' is not offered from {options.Origin} to {options.Destination}; choose one of: {string.Join(", ", options.Options.Where(o => o.Available).Select(o => o.Id))}.");
        else if (!option.Available)
            errors.Add("shippingOptionId", option.Unavailable!.Message);
        return option is { Available: true } ? option : null;
    }

    /// <summary>Why a verified quote is not a quote of this order, or null when it is.</summary>
    private static string? Mismatch(QuoteInputs shown, ChargeRequest request)
    {
        if (shown.Destination != request.Market.Code || shown.Currency != request.Market.Currency)
            return $"The quote is for {shown.Destination} in {shown.Currency}, but the order is for {request.Market.Code} in {request.Market.Currency}; ask for a new quote.";
        if (shown.SellerId != request.Lines[0].Item.SellerId)
            return "The quote is for another seller's items; ask for a new quote.";
        var ordered = request.Lines.Select(l => (Sku: l.Item.Sku.ToUpperInvariant(), l.Quantity)).Order().ToList();
        var quotedItems = shown.Items.Select(i => (Sku: (i.Sku ?? "").ToUpperInvariant(), i.Quantity)).Order().ToList();
        return ordered.SequenceEqual(quotedItems) ? null : "The quote is for other items or quantities than the order; ask for a new quote.";
    }

    /// <summary>What differs between the quote shown and the charges as they stand now, in words.</summary>
    private static List<string> Differences(SignedQuote shown, LandedCostQuoteDto now)
    {
        var changes = new List<string>();
        void Compare(string what, decimal before, decimal after)
        {
            if (before != after) changes.Add(FormattableString.Invariant($"{what} {before} → {after} {now.Currency}"));
        }
        Compare("goods", shown.Goods, now.Goods);
        Compare("shipping", shown.Shipping, now.Shipping);
        Compare("duty", shown.Duty, now.Duty);
        Compare("tax", shown.Tax, now.Tax);
        Compare("due at checkout", shown.PayableAtCheckout, now.PayableAtCheckout);
        if (shown.CollectedAt != now.CollectedAt) changes.Add($"import charges collected at {shown.CollectedAt} → {now.CollectedAt}");
        return changes;
    }

    /// <summary>The order's charges from a checkout quote; <paramref name="shownQuoteId"/> is the id of the quote the shopper was shown.</summary>
    public static OrderCharges ToCharges(CheckoutQuote checkout, Guid shownQuoteId)
    {
        var q = checkout.Quote;
        return new OrderCharges
        {
            Goods = q.Goods + checkout.Discount,
            Discount = checkout.Discount,
            Shipping = q.Shipping,
            Insurance = q.Insurance,
            Duty = q.Duty,
            Tax = q.Tax,
            Fees = q.Fees.Sum(f => f.Amount),
            Total = q.Total,
            DutyAtCheckout = q.DutyAtCheckout,
            TaxAtCheckout = q.TaxAtCheckout,
            AmountDue = q.PayableAtCheckout,
            CollectedAt = q.CollectedAt,
            Scheme = q.Scheme,
            QuoteId = shownQuoteId.ToString(),
            RuleVersion = q.RuleVersion,
            ExplanationJson = JsonSerializer.Serialize(q.Lines.Select(l => new { code = l.Code, text = l.Text })),
            ShippingOptionId = checkout.Option.Id,
            Carrier = checkout.Option.Service.StartsWith(checkout.Option.CarrierName, StringComparison.OrdinalIgnoreCase)
                ? checkout.Option.Service
                : $"{checkout.Option.CarrierName} {checkout.Option.Service}",
            EstimatedDeliveryFrom = checkout.Option.EarliestDelivery,
            EstimatedDeliveryTo = checkout.Option.LatestDelivery,
        };
    }

    /// <summary>"ON" from "ON" or "CA-ON"; null when there is none, or when the address names its region in words (no code to price by).</summary>
    private static string? Subdivision(string? region, string country)
    {
        var code = region?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code)) return null;
        code = code.StartsWith(country + "-", StringComparison.Ordinal) ? code[(country.Length + 1)..] : code;
        return ShippingRegions.IsRegion(code) ? code : null;
    }
}
