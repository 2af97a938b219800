using System.Collections.Frozen;

namespace LiveCross.Domain.LandedCost;

/// <summary>The dated import regimes of one market and its tariff.</summary>
public sealed class MarketImportRules
{
    public MarketImportRules(string market, IReadOnlyList<RegimeVersion> versions, TariffTable tariff)
    {
        if (versions.Count == 0) throw new ArgumentException("A market needs at least one regime version.", nameof(versions));
        Market = market;
        Versions = [.. versions.OrderBy(v => v.ValidFrom)];
        Tariff = tariff;
        _ruleVersions = [.. Versions.Select(v => (IReadOnlyList<string>)[.. v.EntryIds, tariff.Version])];
    }

    private readonly IReadOnlyList<string>[] _ruleVersions;

    public string Market { get; }

    /// <summary>Oldest first; each runs until the next one's <see cref="RegimeVersion.ValidFrom"/>.</summary>
    public RegimeVersion[] Versions { get; }

    public TariffTable Tariff { get; }

    public DateOnly EarliestDate => Versions[0].ValidFrom;

    /// <summary>The version in force on <paramref name="date"/>; null before the first.</summary>
    public RegimeVersion? InForceOn(DateOnly date) => IndexInForceOn(date) is var i and >= 0 ? Versions[i] : null;

    public int IndexInForceOn(DateOnly date)
    {
        for (var i = Versions.Length - 1; i >= 0; i--)
        {
            if (Versions[i].ValidFrom <= date) return i;
        }
        return -1;
    }

    /// <summary>The entry ids of a version plus the tariff version, computed once.</summary>
    public IReadOnlyList<string> RuleVersionsOf(int versionIndex) => _ruleVersions[versionIndex];
}

/// <summary>Every market's import rules, loaded once; quoting only reads it.</summary>
public sealed class RuleBook(IEnumerable<MarketImportRules> markets)
{
    private readonly FrozenDictionary<string, MarketImportRules> _markets = markets.ToFrozenDictionary(m => m.Market, StringComparer.Ordinal);

    public IEnumerable<MarketImportRules> Markets => _markets.Values;

    public bool TryGet(string market, out MarketImportRules rules) => _markets.TryGetValue(market, out rules!);
}
