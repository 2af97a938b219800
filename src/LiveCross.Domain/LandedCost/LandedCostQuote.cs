using System.Globalization;
using LiveCross.Domain.Monetary;

namespace LiveCross.Domain.LandedCost;

public enum CollectionPoint
{
    /// <summary>Everything due is paid at checkout (or nothing is due).</summary>
    Checkout,

    /// <summary>Duty and tax are collected on delivery, by the carrier or the post.</summary>
    Border,

    Mixed,
}

/// <summary>A charge that is neither duty nor tax; shown apart, not in the total.</summary>
public sealed record QuoteFee(string Code, string Name, Money Amount, string? Note);

/// <summary>Stable codes of the explanation lines, for translating them in the UI.</summary>
public static class QuoteLineCodes
{
    public const string SchemeCheckout = "tax.scheme-checkout";
    public const string SchemeItemsCheckout = "tax.scheme-items-checkout";
    public const string SchemeItemsOver = "tax.scheme-items-over-threshold";
    public const string SchemeOverThreshold = "tax.scheme-over-threshold";
    public const string SchemeConsignmentCeiling = "tax.scheme-consignment-ceiling";
    public const string SellerNotRegistered = "tax.seller-not-registered";
    public const string ReverseCharge = "tax.reverse-charge";
    public const string BusinessBuyerBorder = "tax.business-buyer-border";
    public const string TaxBorder = "tax.border";
    public const string TaxPorDentro = "tax.por-dentro";
    public const string TaxDeMinimis = "tax.de-minimis";
    public const string TaxNone = "tax.none";
    public const string TaxInGlobalRate = "tax.in-global-rate";
    public const string TaxOnDutyOnly = "tax.on-duty-only";
    public const string RegionMissing = "tax.region-missing";
    public const string DutyDeMinimis = "duty.de-minimis";
    public const string DutyTariff = "duty.tariff";
    public const string DutyFlat = "duty.flat";
    public const string DutyBand = "duty.band";
    public const string DutyAdditional = "duty.additional";
    public const string DutyAtCheckout = "duty.at-checkout";
    public const string NoDeMinimis = "duty.no-de-minimis";
    public const string SellerCollects = "charges.seller-collects";
    public const string PersonalUseValuation = "valuation.personal-use";
    public const string RoundingJapan = "rounding.japan";
    public const string RoundingKorea = "rounding.korea";
}

/// <summary>
/// One line of the explanation: a stable code and its parameters. The English text is built only when asked
/// for, so computing a quote formats no strings.
/// </summary>
public readonly record struct QuoteExplanation(string Code, string Subject, string Scheme, decimal RatePercent, decimal Amount, string AmountCurrency, int Count)
{
    public string Text => Code switch
    {
        QuoteLineCodes.SchemeCheckout => $"Consignment ≤ {Threshold}: {Subject} {Rate} collected at checkout under {Scheme}",
        QuoteLineCodes.SchemeItemsCheckout => $"Items ≤ {Threshold} each: {Subject} {Rate} collected at checkout under {Scheme}",
        QuoteLineCodes.SchemeItemsOver => $"{Count} item(s) above {Threshold} each are not covered by {Scheme}",
        QuoteLineCodes.SchemeOverThreshold => $"Consignment over {Threshold}: {Scheme} does not apply; {Subject} is due at import",
        QuoteLineCodes.SchemeConsignmentCeiling => $"Consignment over {Threshold}: the seller does not charge {Subject} under {Scheme}; it is due at import",
        QuoteLineCodes.SellerNotRegistered => $"The seller is not registered for {Scheme}: {Subject} is due at import",
        QuoteLineCodes.ReverseCharge => $"Business buyer: no {Subject} charged by the seller under {Scheme}; the buyer accounts for it (reverse charge)",
        QuoteLineCodes.BusinessBuyerBorder => $"Business buyer: {Scheme} does not apply; {Subject} is due at import",
        QuoteLineCodes.TaxBorder => $"{Subject} {Rate} on the customs value plus duty, collected at the border",
        QuoteLineCodes.TaxPorDentro => $"{Subject} {Rate} calculated \"por dentro\" (included in its own base)",
        QuoteLineCodes.TaxDeMinimis => $"Value ≤ {Threshold}: no {Subject} at import",
        QuoteLineCodes.TaxNone => $"No {Subject} is charged on this import",
        QuoteLineCodes.TaxInGlobalRate => $"{Subject} is included in the global rate",
        QuoteLineCodes.TaxOnDutyOnly => $"{Subject} already charged at checkout; at the border only on the duty",
        QuoteLineCodes.RegionMissing => $"No region given: {Subject} at the national rate {Rate}",
        QuoteLineCodes.DutyDeMinimis => $"Value ≤ {Threshold}: no import duty",
        QuoteLineCodes.DutyTariff => $"Import duty at the tariff rate of each item on the {Subject} value",
        QuoteLineCodes.DutyFlat => $"{Subject}: {Threshold} × {Count}",
        QuoteLineCodes.DutyBand => $"{Subject}: {Rate}{(Amount > 0 ? $" minus {Threshold}" : "")}",
        QuoteLineCodes.DutyAdditional => $"{Subject} {Rate} in addition to the tariff",
        QuoteLineCodes.DutyAtCheckout => $"Duty re-charged at checkout by the seller under {Scheme}",
        QuoteLineCodes.NoDeMinimis => "No de minimis: duty is due on every parcel",
        QuoteLineCodes.SellerCollects => $"{Scheme}: the seller pays duty and tax at import and collects them at checkout",
        QuoteLineCodes.PersonalUseValuation => $"Goods for personal use valued at {Rate} of the retail price",
        QuoteLineCodes.RoundingJapan => "Amounts rounded down as Japan Customs does (bases to ¥1,000, taxes to ¥100)",
        QuoteLineCodes.RoundingKorea => "Amounts under 10 won dropped",
        _ => Code,
    };

    private string Rate => RatePercent.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private string Threshold => AmountCurrency switch
    {
        "EUR" => "€" + Number,
        "GBP" => "£" + Number,
        "USD" => "US$" + Number,
        "JPY" => "¥" + Number,
        _ => Number + " " + AmountCurrency,
    };

    private string Number => Amount.ToString(Amount == decimal.Truncate(Amount) ? "#,0" : "#,0.00", CultureInfo.InvariantCulture);
}

public sealed class LandedCostQuote
{
    public required string Market { get; init; }

    public string? Region { get; init; }

    public DateOnly Date { get; init; }

    public required CurrencyCode Currency { get; init; }

    public Money Goods { get; init; }

    public Money Shipping { get; init; }

    public Money Insurance { get; init; }

    public Money DutyAtCheckout { get; init; }

    public Money DutyAtBorder { get; init; }

    public Money TaxAtCheckout { get; init; }

    public Money TaxAtBorder { get; init; }

    public Money Duty => DutyAtCheckout + DutyAtBorder;

    public Money Tax => TaxAtCheckout + TaxAtBorder;

    /// <summary>Goods + shipping + insurance + duty + tax; fees are not in it.</summary>
    public Money Total => Goods + Shipping + Insurance + Duty + Tax;

    /// <summary>What the shopper pays at checkout: the total less what the border collects.</summary>
    public Money PayableAtCheckout => Total - DutyAtBorder - TaxAtBorder;

    public CollectionPoint CollectedAt { get; init; }

    /// <summary>Scheme code used (IOSS, UK-VAT, BR-RC, ...), or "none".</summary>
    public required string Scheme { get; init; }

    /// <summary>"DE@2026-07-01": the regime version used.</summary>
    public required string RuleVersion { get; init; }

    /// <summary>The data entries and the tariff version the quote was computed from.</summary>
    public required IReadOnlyList<string> RuleVersions { get; init; }

    public required IReadOnlyList<QuoteFee> Fees { get; init; }

    public required IReadOnlyList<QuoteExplanation> Lines { get; init; }
}

/// <summary>Why a quote could not be computed: the request field and the reason.</summary>
public readonly record struct QuoteError(string Field, string Message);
