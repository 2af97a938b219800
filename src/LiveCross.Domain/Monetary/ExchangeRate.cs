namespace LiveCross.Domain.Monetary;

/// <summary>One unit of <paramref name="Base"/> buys <paramref name="Rate"/> units of <paramref name="Quote"/>, as published by <paramref name="Source"/> on <paramref name="AsOf"/>.</summary>
public sealed record ExchangeRate(CurrencyCode Base, CurrencyCode Quote, decimal Rate, string Source, DateOnly AsOf);

/// <summary>
/// The rates in force: for each pair the latest by as-of date, whichever way round it was entered.
/// A pair not stored directly is served by its inverse, or crossed through the pivot currency (USD),
/// so a snapshot of rates against USD covers every pair.
/// </summary>
public sealed class ExchangeRateTable
{
    public static readonly CurrencyCode Pivot = CurrencyCode.Parse("USD");

    private readonly Dictionary<(CurrencyCode, CurrencyCode), ExchangeRate> _latest = [];

    public ExchangeRateTable(IEnumerable<ExchangeRate> rates)
    {
        foreach (var rate in rates)
        {
            var key = (rate.Base, rate.Quote);
            if (!_latest.TryGetValue(key, out var known) || known.AsOf < rate.AsOf) _latest[key] = rate;
        }
    }

    public IReadOnlyCollection<ExchangeRate> Rates => _latest.Values;

    public bool TryGetRate(CurrencyCode from, CurrencyCode to, out decimal rate)
    {
        rate = 1m;
        if (from == to) return true;
        if (TryDirect(from, to, out rate)) return true;
        if (from != Pivot && to != Pivot && TryDirect(from, Pivot, out var toPivot) && TryDirect(Pivot, to, out var fromPivot))
        {
            rate = toPivot * fromPivot;
            return true;
        }
        return false;
    }

    /// <summary>Converts and rounds to the target currency's minor units (half away from zero).</summary>
    public Money Convert(Money money, CurrencyCode to) =>
        TryGetRate(money.Currency, to, out var rate)
            ? money.ConvertTo(to, rate)
            : throw new InvalidOperationException($"No exchange rate from {money.Currency} to {to}.");

    /// <summary>The pair as stored either way round; when both directions are stored, the one with the later as-of date wins.</summary>
    private bool TryDirect(CurrencyCode from, CurrencyCode to, out decimal rate)
    {
        _latest.TryGetValue((from, to), out var direct);
        _latest.TryGetValue((to, from), out var inverse);
        if (direct is not null && (inverse is null || direct.AsOf >= inverse.AsOf)) { rate = direct.Rate; return true; }
        if (inverse is not null) { rate = 1m / inverse.Rate; return true; }
        rate = 0m;
        return false;
    }
}
