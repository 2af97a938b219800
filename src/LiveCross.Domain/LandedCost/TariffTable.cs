using System.Collections.Frozen;

namespace LiveCross.Domain.LandedCost;

public sealed record TariffRate
{
    /// <summary>HS heading or subheading digits: 2, 4, 6, 8 or 10 of them.</summary>
    public string Hs { get; init; } = "";

    public decimal RatePercent { get; init; }

    public string? Description { get; init; }

    public string? Note { get; init; }
}

/// <summary>
/// Duty rates of one customs territory keyed by HS prefix; the longest prefix of a code that has a rate wins,
/// else the default. Keys are the prefix digits as a number plus their length, so a lookup needs no substring.
/// </summary>
public sealed class TariffTable
{
    private readonly FrozenDictionary<long, decimal> _rates;

    public TariffTable(string territory, string version, decimal defaultRatePercent, IEnumerable<TariffRate> rates)
    {
        Territory = territory;
        Version = version;
        DefaultRatePercent = defaultRatePercent;
        var map = new Dictionary<long, decimal>();
        foreach (var rate in rates) map[Key(rate.Hs.AsSpan())] = rate.RatePercent;
        _rates = map.ToFrozenDictionary();
    }

    public string Territory { get; }

    public string Version { get; }

    public decimal DefaultRatePercent { get; }

    public int Count => _rates.Count;

    /// <summary>The rate for <paramref name="hsDigits"/> and the number of digits that matched (0 = the default).</summary>
    public decimal RatePercentFor(ReadOnlySpan<char> hsDigits, out int matchedDigits)
    {
        for (var length = Math.Min(hsDigits.Length, 10) & ~1; length >= 2; length -= 2)
        {
            if (_rates.TryGetValue(Key(hsDigits[..length]), out var rate))
            {
                matchedDigits = length;
                return rate;
            }
        }
        matchedDigits = 0;
        return DefaultRatePercent;
    }

    private static long Key(ReadOnlySpan<char> digits)
    {
        long value = 0;
        foreach (var c in digits) value = value * 10 + (c - '0');
        return value * 16 + digits.Length;
    }
}
