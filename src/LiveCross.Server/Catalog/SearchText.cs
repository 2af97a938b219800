using System.Text;

namespace LiveCross.Server.Catalog;

/// <summary>
/// Folds text for search: Unicode NFKC (full-width Ｌｅｄ → Led, half-width katakana → full-width) then
/// lower case. Matching is by substring, which is what CJK needs: Chinese and Japanese are written without
/// spaces, so word-based full-text search would not find 耳机 inside 无线降噪耳机.
/// </summary>
public static class SearchText
{
    public static string Fold(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    public static string ForTranslation(string title, string? description) => Fold(title + "\n" + description);
}
