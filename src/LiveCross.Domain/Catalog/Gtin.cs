using System.Diagnostics.CodeAnalysis;

namespace LiveCross.Domain.Catalog;

/// <summary>A GS1 Global Trade Item Number (GTIN-8, -12/UPC-A, -13/EAN, -14) with a valid check digit.</summary>
public readonly record struct Gtin
{
    private Gtin(string digits) => Digits = digits;

    public string Digits { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, out Gtin gtin, out string? error)
    {
        gtin = default;
        error = null;
        var digits = text?.Trim() ?? "";
        if (digits.Length is not (8 or 12 or 13 or 14) || !digits.All(char.IsAsciiDigit))
        {
            error = "A GTIN has 8, 12, 13 or 14 digits.";
            return false;
        }
        if (CheckDigit(digits.AsSpan(0, digits.Length - 1)) != digits[^1] - '0')
        {
            error = "The GTIN's check digit is wrong.";
            return false;
        }
        gtin = new Gtin(digits);
        return true;
    }

    /// <summary>GS1 mod-10: from the right, weights 3,1,3,1… over the data digits.</summary>
    public static int CheckDigit(ReadOnlySpan<char> dataDigits)
    {
        var sum = 0;
        for (var i = 0; i < dataDigits.Length; i++)
        {
            var digit = dataDigits[dataDigits.Length - 1 - i] - '0';
            sum += digit * (i % 2 == 0 ? 3 : 1);
        }
        return (10 - sum % 10) % 10;
    }

    public override string ToString() => Digits ?? "";
}
