namespace LiveCross.Domain.Markets;

/// <summary>
/// The order in which translations are tried for a requested locale: the locale itself, then each
/// shorter parent (zh-Hans-SG → zh-Hans → zh), then English. Callers add the content's own default last.
/// </summary>
public static class LocaleFallback
{
    public const string Last = "en";

    /// <summary>A BCP 47 name ICU knows as a real (non-invariant) culture, e.g. "zh-Hans" or "de-DE".</summary>
    public static bool IsKnown(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return false;
        try
        {
            return System.Globalization.CultureInfo.GetCultureInfo(name, predefinedOnly: true).Name.Length > 0;
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return false;
        }
    }

    public static IEnumerable<string> Chain(string? locale)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var current = locale?.Trim() ?? "";
        while (current.Length > 0)
        {
            if (seen.Add(current)) yield return current;
            var dash = current.LastIndexOf('-');
            current = dash < 0 ? "" : current[..dash];
        }
        if (seen.Add(Last)) yield return Last;
    }

    /// <summary>Picks the best of <paramref name="available"/> for <paramref name="locale"/>; <paramref name="contentDefault"/> before any other.</summary>
    public static T? Pick<T>(IEnumerable<T> available, Func<T, string> localeOf, string? locale, string? contentDefault) where T : class
    {
        var list = available as IReadOnlyList<T> ?? available.ToList();
        if (list.Count == 0) return null;
        foreach (var candidate in Chain(locale))
        {
            var match = list.FirstOrDefault(t => string.Equals(localeOf(t), candidate, StringComparison.OrdinalIgnoreCase));
            if (match is not null) return match;
        }
        if (contentDefault is not null)
        {
            var fallback = list.FirstOrDefault(t => string.Equals(localeOf(t), contentDefault, StringComparison.OrdinalIgnoreCase));
            if (fallback is not null) return fallback;
        }
        return list[0];
    }
}
