using System.Text;

namespace LiveCross.Server.Catalog;

/// <summary>
/// Folds text for search: Unicode NFKC (full-width Ｌｅｄ → Led, half-width katakana → full-width) then
/// lower case. Matching is by substring, which is what CJK needs: Chinese and Japanese are written without
/// spaces, so word-based full-text search would not find 耳机 inside 无线降噪耳机.
/// </summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        // A lone surrogate (possible in JSON input) cannot be normalized; it is replaced as a decoder would.
        if (HasLoneSurrogate(text)) text = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
        return text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
    }

    /// <summary>At most <paramref name="max"/> characters, never cutting a surrogate pair in half.</summary>
    public static string? Truncate(string? text, int max)
    {
        if (text is null || text.Length <= max) return text;
        return char.IsHighSurrogate(text[max - 1]) ? text[..(max - 1)] : text[..max];
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }

    public static string ForTranslation(string title, string? description) => Fold(title + "\n" + description);
}
