using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace LiveCross.Domain;

/// <summary>An ISO 3166-1 alpha-2 country code, e.g. DE.</summary>
public readonly record struct CountryCode
{
    private CountryCode(string value) => Value = value;

    public string Value { get; }

    public static CountryCode Parse(string value) =>
        TryParse(value, out var code) ? code : throw new FormatException($"'{value}' is not an ISO 3166-1 alpha-2 country code.");

    public static bool TryParse([NotNullWhen(true)] string? value, out CountryCode code)
    {
        code = default;
        if (value is null || value.Length != 2 || !char.IsAsciiLetter(value[0]) || !char.IsAsciiLetter(value[1])) return false;
        var upper = value.ToUpperInvariant();
        if (!KnownRegions.Contains(upper)) return false;
        code = new CountryCode(upper);
        return true;
    }

    // ICU's specific cultures cover every ISO 3166 country a shop can ship from or to.
    private static readonly HashSet<string> KnownRegions = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).TwoLetterISORegionName; } catch (ArgumentException) { return ""; } })
        .Where(r => r.Length == 2 && r.All(char.IsAsciiLetterUpper))
        .ToHashSet(StringComparer.Ordinal);

    public override string ToString() => Value ?? "";
}
