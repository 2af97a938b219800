using System.Diagnostics.CodeAnalysis;

namespace LiveCross.Domain.Catalog;

/// <summary>
/// A Harmonized System tariff code: 6 digits shared internationally (chapter, heading, subheading),
/// optionally extended by national digits up to 10. Dots and spaces as in "6109.10.00" are accepted
/// and removed.
/// </summary>
public readonly record struct HsCode
{
    private HsCode(string digits) => Digits = digits;

    public string Digits { get; }

    public int Chapter => int.Parse(Digits.AsSpan(0, 2), provider: System.Globalization.CultureInfo.InvariantCulture);

    public string Heading => Digits[..4];

    public string Subheading => Digits[..6];

    public static bool TryParse([NotNullWhen(true)] string? text, out HsCode code, out string? error)
    {
        code = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) { error = "An HS code is required."; return false; }
        // Most codes arrive as plain digits: only a code with separators is copied.
        var digits = text.AsSpan().ContainsAny('.', ' ') ? new string(text.Where(c => c != '.' && c != ' ').ToArray()) : text;
        if (digits.AsSpan().ContainsAnyExceptInRange('0', '9')) { error = "An HS code has digits only (dots and spaces allowed as separators)."; return false; }
        if (digits.Length is < 6 or > 10 || digits.Length % 2 == 1)
        {
            error = "An HS code has 6, 8 or 10 digits.";
            return false;
        }
        var chapter = int.Parse(digits.AsSpan(0, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        // HS 2022 has chapters 01–97; chapter 77 is reserved for future use.
        if (chapter is < 1 or > 97 || chapter == 77) { error = $"HS chapter {digits[..2]} does not exist."; return false; }
        code = new HsCode(digits);
        return true;
    }

    public static HsCode Parse(string text) =>
        TryParse(text, out var code, out var error) ? code : throw new FormatException(error);

    public override string ToString() => Digits ?? "";
}
