namespace LiveCross.Server.LandedCost;

/// <summary>
/// The body of <c>POST /api/v1/quotes/landed-cost</c>; every field is checked, null means "not given". Settable
/// properties, not a positional record nor init-only ones: for either, System.Text.Json's source generator reads
/// through the constructor path, which boxes every value and was 40% slower on the benchmark body.
/// </summary>
public sealed record LandedCostQuoteInput
{
    public string? Destination { get; set; }
    public string? Region { get; set; }
    public string? Date { get; set; }
    public string? Currency { get; set; }
    public string? Channel { get; set; }
    public string? BuyerType { get; set; }
    public List<string?>? SellerRegistrations { get; set; }
    public Dictionary<string, decimal>? ExchangeRates { get; set; }
    public List<QuoteItemInput?>? Items { get; set; }
    public decimal? Shipping { get; set; }
    public decimal? Insurance { get; set; }
    public string? ShipFrom { get; set; }
}

/// <summary>A catalog SKU (<see cref="Sku"/>, with <see cref="Seller"/> slug when two sellers use the same SKU) or a described item.</summary>
public sealed record QuoteItemInput
{
    public string? Sku { get; set; }
    public string? Seller { get; set; }
    public string? HsCode { get; set; }
    public string? OriginCountry { get; set; }
    public string? Description { get; set; }
    public decimal? UnitPrice { get; set; }
    public int? Quantity { get; set; }
    public decimal? DutyRatePercent { get; set; }

    /// <summary>
    /// Checkout only, never read from a request: the unit price, in the market's currency, agreed for a catalog SKU
    /// instead of its shelf price (a flash-sale price, or a price after a coupon's share of the discount).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public decimal? AgreedUnitPrice { get; set; }
}

/// <summary>An item as quoted: what the catalog or the request said, resolved.</summary>
public sealed record QuotedItem(
    string? Sku, string? Description, string HsCode, string OriginCountry, decimal UnitPrice, int Quantity, decimal? DutyRatePercent, string DutyRateSource);

/// <summary>The request after validation and catalog lookup: what a quote was computed from, carried in its token.</summary>
public sealed record QuoteInputs(
    string Destination, string? Region, DateOnly Date, string Currency, string Channel, string BuyerType,
    IReadOnlyList<string> SellerRegistrations, IReadOnlyDictionary<string, decimal> ExchangeRates, IReadOnlyList<QuotedItem> Items,
    decimal Shipping, decimal Insurance, string ShipFrom, Guid? SellerId);

public sealed record QuoteFeeDto(string Code, string Name, decimal Amount, string? Note);

public sealed record QuoteLineDto(string Code, string Text);

public sealed record LandedCostQuoteDto(
    Guid Id, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt,
    string Destination, string? Region, DateOnly Date, string Currency,
    decimal Goods, decimal Shipping, decimal Insurance, decimal Duty, decimal Tax, decimal Total, decimal PayableAtCheckout,
    IReadOnlyList<QuoteFeeDto> Fees, string CollectedAt, decimal TaxAtCheckout, decimal TaxAtBorder, decimal DutyAtCheckout, decimal DutyAtBorder,
    string Scheme, string RuleVersion, IReadOnlyList<string> RuleVersions, IReadOnlyList<QuoteLineDto> Lines, IReadOnlyList<QuotedItem> Items,
    string? Token = null);

/// <summary>
/// What a quote token carries and the checkout gets back: the amounts, who collects them and the rules used.
/// The explanation text is not in it (the checkout can ask for a new quote to show it).
/// </summary>
public sealed record SignedQuote(
    Guid Id, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string Currency,
    decimal Goods, decimal Shipping, decimal Insurance, decimal Duty, decimal Tax, decimal Total, decimal PayableAtCheckout,
    decimal TaxAtCheckout, decimal TaxAtBorder, decimal DutyAtCheckout, decimal DutyAtBorder, string CollectedAt, string Scheme,
    string RuleVersion, IReadOnlyList<string> RuleVersions, IReadOnlyList<QuoteFeeDto> Fees)
{
    public static SignedQuote From(LandedCostQuoteDto q) => new(
        q.Id, q.IssuedAt, q.ExpiresAt, q.Currency, q.Goods, q.Shipping, q.Insurance, q.Duty, q.Tax, q.Total, q.PayableAtCheckout,
        q.TaxAtCheckout, q.TaxAtBorder, q.DutyAtCheckout, q.DutyAtBorder, q.CollectedAt, q.Scheme, q.RuleVersion, q.RuleVersions, q.Fees);
}

/// <summary>A quote with its signed token, or the fields that were wrong.</summary>
public sealed record QuoteOutcome(LandedCostQuoteDto? Quote, IDictionary<string, string[]>? Errors)
{
    public bool Succeeded => Quote is not null;
}

/// <summary>Source-generated JSON for the quote endpoint and the token payload: the hot path reflects over nothing.</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(LandedCostQuoteInput))]
[System.Text.Json.Serialization.JsonSerializable(typeof(LandedCostQuoteDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(QuoteTokenPayload))]
public sealed partial class QuoteJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>The signed part of a quote token.</summary>
public sealed record QuoteTokenPayload(SignedQuote Quote, QuoteInputs Inputs);

public enum QuoteVerificationStatus
{
    Valid,
    Expired,
    Tampered,
    Malformed,
}

/// <summary>What the checkout learns from a quote token: the quote and its inputs, or why it is refused.</summary>
public sealed record QuoteVerification(QuoteVerificationStatus Status, string Message, SignedQuote? Quote, QuoteInputs? Inputs)
{
    public bool IsValid => Status == QuoteVerificationStatus.Valid;
}
