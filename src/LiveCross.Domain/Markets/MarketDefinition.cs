namespace LiveCross.Domain.Markets;

/// <summary>
/// A destination market (a country buyers live in) as kept in <c>Markets/Data/{code}.json</c>.
/// The references at the end (tax regime, payment methods, carriers) are filled in by later capabilities.
/// </summary>
public sealed record MarketDefinition
{
    /// <summary>ISO 3166-1 alpha-2, e.g. "DE".</summary>
    public string Code { get; init; } = "";

    /// <summary>Display names by locale; "en" is required.</summary>
    public Dictionary<string, string> Names { get; init; } = [];

    /// <summary>ISO 4217 currency buyers pay in.</summary>
    public string Currency { get; init; } = "";

    /// <summary>Minor units of <see cref="Currency"/>; must agree with ISO 4217 (a guard against typos in the file).</summary>
    public int CurrencyMinorUnits { get; init; }

    /// <summary>BCP 47 locale the market opens in, e.g. "de-DE"; one of <see cref="Locales"/>.</summary>
    public string DefaultLocale { get; init; } = "";

    public List<string> Locales { get; init; } = [];

    /// <summary>IANA time zone of the market's capital, e.g. "Europe/Berlin".</summary>
    public string TimeZone { get; init; } = "";

    public List<DayOfWeek> Weekend { get; init; } = [DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>Key of the import tax and duty regime (rules arrive with the landed-cost capability).</summary>
    public string? TaxRegime { get; init; }

    public List<string> PaymentMethods { get; init; } = [];

    public List<string> Carriers { get; init; } = [];

    public List<MarketHoliday> Holidays { get; init; } = [];

    public string DisplayName(string locale)
    {
        foreach (var candidate in LocaleFallback.Chain(locale))
        {
            if (Names.TryGetValue(candidate, out var name)) return name;
        }
        return Code;
    }
}

public sealed record MarketHoliday(DateOnly Date, string Name);
