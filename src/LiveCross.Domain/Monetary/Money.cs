namespace LiveCross.Domain.Monetary;

/// <summary>An amount in one currency. Arithmetic never mixes currencies.</summary>
public readonly record struct Money(decimal Amount, CurrencyCode Currency)
{
    /// <summary>
    /// Rounds to the currency's minor units, half away from zero (0.125 EUR → 0.13, −0.125 → −0.13).
    /// Commercial rounding is what shoppers and tax authorities expect; .NET's default banker's rounding
    /// (half to even) is not used anywhere for money.
    /// </summary>
    public Money RoundToMinorUnits() =>
        this with { Amount = decimal.Round(Amount, Currency.MinorUnits, MidpointRounding.AwayFromZero) + ZeroWithScale[Currency.MinorUnits] };

    // Adding a zero of scale n gives a decimal at least n places wide, so 899.0 EUR reads "899.00" in JSON and forms.
    private static readonly decimal[] ZeroWithScale = [0m, 0.0m, 0.00m, 0.000m, 0.0000m];

    /// <summary>Converts at <paramref name="rate"/> (units of <paramref name="target"/> per unit of this currency), then rounds to the target's minor units.</summary>
    public Money ConvertTo(CurrencyCode target, decimal rate)
    {
        if (rate <= 0) throw new ArgumentOutOfRangeException(nameof(rate), rate, "An exchange rate must be positive.");
        return new Money(Amount * rate, target).RoundToMinorUnits();
    }

    public bool IsRoundedToMinorUnits => decimal.Round(Amount, Currency.MinorUnits) == Amount;

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, SameCurrency(left, right));

    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount, SameCurrency(left, right));

    public static Money operator *(Money money, decimal factor) => money with { Amount = money.Amount * factor };

    public Money Add(Money other) => this + other;

    public Money Subtract(Money other) => this - other;

    public Money Multiply(decimal factor) => this * factor;

    private static CurrencyCode SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? left.Currency
            : throw new InvalidOperationException($"Cannot combine {left.Currency} and {right.Currency} amounts.");

    public override string ToString() => $"{Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} {Currency}";
}
