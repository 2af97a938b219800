namespace LiveCross.Domain.LandedCost;

/// <summary>What a threshold or a duty is measured on.</summary>
public enum ValueBasis
{
    /// <summary>Price of the goods only; transport and insurance stated separately are left out (EU, UK, AU, NZ, SG, MY, KR).</summary>
    Intrinsic,

    /// <summary>Goods value at export, without international freight and insurance (US, CA, AU, NZ duty; ID, PH thresholds).</summary>
    Fob,

    /// <summary>Goods plus freight and insurance to the border.</summary>
    Cif,

    /// <summary>Goods plus shipping as charged (SA's SAR 1,000 test).</summary>
    GoodsAndShipping,
}

public enum SchemeTest
{
    /// <summary>The whole consignment must be at or under the threshold (EU IOSS, UK).</summary>
    Consignment,

    /// <summary>Each item on its own (AU, NZ, SG, MY): a parcel above the threshold can still be covered item by item.</summary>
    Item,
}

/// <summary>What happens when the buyer is a business under a scheme meant for consumers.</summary>
public enum BusinessBuyerTreatment
{
    /// <summary>The scheme does not apply; tax is collected at the border (EU B2B imports).</summary>
    Border,

    /// <summary>The seller charges no tax; the registered business accounts for it itself (UK, AU, NZ, SG).</summary>
    ReverseCharge,
}

public enum FlatDutyUnit
{
    /// <summary>Once per distinct 6-digit subheading in the consignment (EU €3 from 2026-07-01).</summary>
    DistinctSubheading,
    Item,
    Consignment,
}

public enum FeeUnit
{
    Consignment,

    /// <summary>Per unit shipped (quantity counts).</summary>
    Item,

    /// <summary>Per declaration line (each item line of the request).</summary>
    Line,
}

public enum RoundingRule
{
    /// <summary>Each component rounded to the currency's minor units, half away from zero.</summary>
    HalfAwayFromZero,

    /// <summary>Japan Customs Answer 1111: bases truncated to ¥1,000, duty and taxes truncated to ¥100, local tax from the national.</summary>
    JapanCustoms,

    /// <summary>Korea: tax amounts under 10 won are dropped.</summary>
    KoreaTruncateTens,
}

public enum ShippingChannel
{
    Courier,
    Postal,
}

public enum BuyerType
{
    Consumer,
    Business,
}

/// <summary>An amount in a currency, tested on a basis; <see cref="Inclusive"/> means "not exceeding" (≤), otherwise "under" (&lt;).</summary>
public sealed record Threshold
{
    public decimal Amount { get; init; }

    public string Currency { get; init; } = "";

    public ValueBasis Basis { get; init; } = ValueBasis.Intrinsic;

    public bool Inclusive { get; init; } = true;

    public bool Admits(decimal value) => Admits(value, Amount);

    /// <summary>The test against the threshold already converted into the value's currency.</summary>
    public bool Admits(decimal value, decimal limit) => Inclusive ? value <= limit : value < limit;
}

public sealed record ReducedRate
{
    public decimal RatePercent { get; init; }

    /// <summary>HS prefixes (2 to 10 digits) the rate applies to, e.g. "01".."21" for food, "49" for books.</summary>
    public string[] HsPrefixes { get; init; } = [];

    public string Label { get; init; } = "";

    private HsPrefixSet? _set;

    public bool Covers(string hsDigits) => (_set ??= new HsPrefixSet(HsPrefixes)).Contains(hsDigits);
}

/// <summary>The VAT/GST/consumption tax of a market and how its base is built.</summary>
public sealed record TaxRules
{
    /// <summary>Name for explanations: "import VAT", "GST", "HST", "ICMS", "consumption tax".</summary>
    public string Name { get; init; } = "";

    public decimal StandardRatePercent { get; init; }

    public ReducedRate[] ReducedRates { get; init; } = [];

    /// <summary>Regions whose rate replaces the standard one (CA HST provinces, BR states at 20%).</summary>
    public Dictionary<string, decimal> RegionalRatesPercent { get; init; } = [];

    /// <summary>Every region a request may name (ISO 3166-2 suffix, e.g. ON, NS, SP).</summary>
    public string[] Regions { get; init; } = [];

    /// <summary>Tax base includes the duty (nearly everywhere).</summary>
    public bool IncludesDuty { get; init; } = true;

    /// <summary>Tax base includes freight and insurance (CIF-based VAT, AU VoTI); false for CA's VFD + duty.</summary>
    public bool IncludesShippingAndInsurance { get; init; } = true;

    /// <summary>Brazil ICMS "por dentro": tax = base / (1 − t) · t.</summary>
    public bool PorDentro { get; init; }

    public string? Note { get; init; }

    public bool HasRegion(string region) => Array.IndexOf(Regions, region) >= 0;

    /// <summary>The reduced rate whose HS prefix the code starts with, else the standard rate.</summary>
    public decimal RateFor(string hsDigits)
    {
        foreach (var reduced in ReducedRates)
        {
            if (reduced.Covers(hsDigits)) return reduced.RatePercent;
        }
        return StandardRatePercent;
    }
}

/// <summary>A seller-collection scheme: the seller charges the destination's tax at checkout on the sale (IOSS, UK, AU, NZ, SG OVR, MY LVG).</summary>
public sealed record SupplyScheme
{
    public string Code { get; init; } = "";

    public string Name { get; init; } = "";

    public SchemeTest Test { get; init; }

    public Threshold Threshold { get; init; } = new();

    /// <summary>AU: the supplier does not charge GST when it expects the consignment to exceed this; the border collects instead.</summary>
    public Threshold? ConsignmentCeiling { get; init; }

    /// <summary>The tax at checkout is on the price including delivery (EU, UK, AU, NZ); MY LVG is on the goods only.</summary>
    public bool TaxBaseIncludesShipping { get; init; } = true;

    public BusinessBuyerTreatment BusinessBuyers { get; init; } = BusinessBuyerTreatment.Border;

    /// <summary>NZ: if the consignment is taxed at the border, GST there is only on the duty of items taxed at sale.</summary>
    public bool BorderTaxOnDutyOfCoveredItems { get; init; }

    /// <summary>EU: the seller re-charges the flat duty it pays as declarant at checkout.</summary>
    public bool RechargesFlatDuty { get; init; }

    public string? Note { get; init; }
}

/// <summary>The seller acts as importer (DDP) or is certified to collect border charges: computed as at the border, collected at checkout.</summary>
public sealed record CollectingScheme
{
    public string Code { get; init; } = "";

    public string Name { get; init; } = "";

    public string? Note { get; init; }
}

/// <summary>Border de minimis for a channel and place of shipment; the first matching rule applies. Null threshold: no relief.</summary>
public sealed record DeMinimisRule
{
    public ShippingChannel? Channel { get; init; }

    /// <summary>Place of direct shipment (CA: courier from US or MX).</summary>
    public string[]? ShipFrom { get; init; }

    /// <summary>Matches when any item originates in one of these (US: no de minimis for goods of CN and HK from 2025-05-02).</summary>
    public string[]? Origins { get; init; }

    public Threshold? Duty { get; init; }

    public Threshold? Tax { get; init; }

    public string? Note { get; init; }

    public bool Matches(ShippingChannel channel, string shipFrom) =>
        (Channel is null || Channel == channel) && (ShipFrom is null || Array.IndexOf(ShipFrom, shipFrom) >= 0);
}

public sealed record DutyBand
{
    /// <summary>Upper bound (inclusive) in the band set's currency; null for no bound.</summary>
    public decimal? UpTo { get; init; }

    public decimal RatePercent { get; init; }

    /// <summary>Fixed amount deducted from the duty (BR: 60% minus US$20).</summary>
    public decimal Deduct { get; init; }
}

/// <summary>
/// Value bands that set the duty of a whole low-value consignment instead of the tariff (BR II, ID PMK 4/2025, MX tasa global).
/// Above the last band the normal tariff applies.
/// </summary>
public sealed record DutyBandSet
{
    public string Label { get; init; } = "";

    /// <summary>Applies only when the seller is registered for this scheme (BR-RC).</summary>
    public string? Scheme { get; init; }

    /// <summary>Applies only when every item originates in one of these countries (MX T-MEC: US, CA).</summary>
    public string[]? Origins { get; init; }

    public ValueBasis Basis { get; init; } = ValueBasis.Cif;

    public string Currency { get; init; } = "";

    /// <summary>The band rate is a global rate that also stands for the tax (MX).</summary>
    public bool ReplacesTax { get; init; }

    /// <summary>Goods outside the bands, taxed at their tariff rate (ID: textiles, bags, shoes, cosmetics...).</summary>
    public string[] ExcludedHsPrefixes { get; init; } = [];

    private HsPrefixSet? _excluded;

    public bool Excludes(string hsDigits) => ExcludedHsPrefixes.Length > 0 && (_excluded ??= new HsPrefixSet(ExcludedHsPrefixes)).Contains(hsDigits);

    public DutyBand[] Bands { get; init; } = [];

    public string? Note { get; init; }
}

/// <summary>A flat duty per unit of something, for consignments up to a value (EU €3 per distinct subheading).</summary>
public sealed record FlatDuty
{
    public string Label { get; init; } = "";

    public decimal Amount { get; init; }

    public string Currency { get; init; } = "";

    public FlatDutyUnit Per { get; init; }

    public Threshold AppliesUpTo { get; init; } = new();

    /// <summary>False for the EU: the Commission said no VAT is charged on the €3 for IOSS imports.</summary>
    public bool TaxedUnderScheme { get; init; }

    public string? Note { get; init; }
}

/// <summary>Duty on top of the tariff for some origins or goods (US Section 301, Section 122 surcharge).</summary>
public sealed record AdditionalDuty
{
    public string Code { get; init; } = "";

    public string Name { get; init; } = "";

    public decimal RatePercent { get; init; }

    public string[]? Origins { get; init; }

    public string[]? HsPrefixes { get; init; }

    public string? Note { get; init; }

    private HsPrefixSet? _set;

    public bool AppliesTo(string hsDigits, string origin) =>
        (Origins is null || Array.IndexOf(Origins, origin) >= 0) && (HsPrefixes is null || (_set ??= new HsPrefixSet(HsPrefixes)).Contains(hsDigits));
}

/// <summary>A charge that is neither duty nor tax (national parcel fee, carrier handling): listed apart, not in the total.</summary>
public sealed record FeeRule
{
    public string Code { get; init; } = "";

    public string Name { get; init; } = "";

    public decimal Amount { get; init; }

    public string Currency { get; init; } = "";

    public FeeUnit Per { get; init; }

    public ShippingChannel? Channel { get; init; }

    /// <summary>Only for consignments up to this value (FR, IT: ≤ €150).</summary>
    public Threshold? AppliesUpTo { get; init; }

    /// <summary>Only for consignments above this value (AE admin fee above AED 300).</summary>
    public Threshold? AppliesAbove { get; init; }

    /// <summary>Only when duty or tax is collected at the border (Canada Post handling fee).</summary>
    public bool OnlyWithBorderCharges { get; init; }

    public string? Note { get; init; }
}

/// <summary>The import regime of one market in force from <see cref="ValidFrom"/> until the next version.</summary>
public sealed record RegimeVersion
{
    public string Market { get; init; } = "";

    public DateOnly ValidFrom { get; init; }

    /// <summary>Exclusive; null while in force.</summary>
    public DateOnly? ValidTo { get; init; }

    /// <summary>"DE@2026-07-01": the market and the date this combination of entries took effect.</summary>
    public string Version { get; init; } = "";

    /// <summary>The ids of the dated file entries that make up this version.</summary>
    public string[] EntryIds { get; init; } = [];

    public string Currency { get; init; } = "";

    public TaxRules Tax { get; init; } = new();

    public ValueBasis DutyBasis { get; init; } = ValueBasis.Cif;

    public DeMinimisRule[] DeMinimis { get; init; } = [];

    public SupplyScheme? Scheme { get; init; }

    public CollectingScheme[] CollectingSchemes { get; init; } = [];

    public DutyBandSet[] DutyBands { get; init; } = [];

    public FlatDuty? FlatDuty { get; init; }

    public AdditionalDuty[] AdditionalDuties { get; init; } = [];

    public FeeRule[] Fees { get; init; } = [];

    public RoundingRule Rounding { get; init; } = RoundingRule.HalfAwayFromZero;

    /// <summary>JP: goods bought for personal use are valued at this share of the retail price.</summary>
    public decimal? PersonalUseValuationFactor { get; init; }

    public string? Note { get; init; }
}
