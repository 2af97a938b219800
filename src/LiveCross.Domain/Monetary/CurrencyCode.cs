using System.Diagnostics.CodeAnalysis;

namespace LiveCross.Domain.Monetary;

/// <summary>An ISO 4217 alphabetic currency code that LiveCross knows the minor units of.</summary>
public readonly record struct CurrencyCode
{
    private CurrencyCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>Digits after the decimal point in this currency (ISO 4217 "minor unit").</summary>
    public int MinorUnits => Iso4217.MinorUnits[Value];

    public static CurrencyCode Parse(string value) =>
        TryParse(value, out var code) ? code : throw new FormatException($"'{value}' is not a known ISO 4217 currency code.");

    public static bool TryParse([NotNullWhen(true)] string? value, out CurrencyCode code)
    {
        code = default;
        if (value is null || value.Length != 3) return false;
        var upper = value.ToUpperInvariant();
        if (!Iso4217.MinorUnits.ContainsKey(upper)) return false;
        code = new CurrencyCode(upper);
        return true;
    }

    public override string ToString() => Value ?? "";
}
