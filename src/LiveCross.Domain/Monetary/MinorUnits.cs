namespace LiveCross.Domain.Monetary;

/// <summary>
/// Amounts as whole numbers of the currency's smallest unit, as payment providers take them
/// (12.34 EUR → 1234, 1500 JPY → 1500, 1.234 KWD → 1234).
/// </summary>
public static class MinorUnits
{
    /// <summary>The amount in minor units; refuses an amount with more decimals than the currency has, rather than rounding money silently.</summary>
    public static long ToMinorUnits(this Money money)
    {
        if (!money.IsRoundedToMinorUnits)
            throw new ArgumentException($"{money} has more decimals than {money.Currency} has minor units ({money.Currency.MinorUnits}).", nameof(money));
        return decimal.ToInt64(money.Amount * Factor(money.Currency));
    }

    public static Money FromMinorUnits(long amount, CurrencyCode currency) =>
        new Money(amount / Factor(currency), currency).RoundToMinorUnits();

    private static decimal Factor(CurrencyCode currency) => currency.MinorUnits switch
    {
        0 => 1m,
        1 => 10m,
        2 => 100m,
        3 => 1000m,
        var n => (decimal)Math.Pow(10, n),
    };
}
