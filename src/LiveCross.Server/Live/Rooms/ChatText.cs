using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LiveCross.Server.Live.Rooms;

/// <summary>
/// Makes a viewer's chat line safe to show as plain text. Clients render it as text (never HTML), so <c>&lt;script&gt;</c>
/// arrives as those characters; on top of that the server removes what text rendering cannot defuse: control and
/// bidirectional-override characters (which can disguise a line), and links, which are "defanged"
/// (<c>https://shop.example/x</c> becomes <c>shop[.]example/x</c>) so no client turns them into something to click.
/// </summary>
public static partial class ChatText
{
    public static string Neutralise(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(normalized.Length);
        var lastWasSpace = false;
        foreach (var c in normalized)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace) builder.Append(' ');
                lastWasSpace = true;
                continue;
            }
            // Cc: controls; Cf: format characters, among them the bidi overrides U+202A–U+202E and U+2066–U+2069 and zero-width joiners.
            if (category is UnicodeCategory.Control or UnicodeCategory.Format) continue;
            builder.Append(c);
            lastWasSpace = false;
        }
        var flat = builder.ToString().Trim();
        return Links().Replace(flat, m => Defang(m.Value));
    }

    private static string Defang(string link)
    {
        var rest = SchemePrefix().Replace(link, "");
        return rest.Replace(".", "[.]", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b(?:(?:https?|ftp)://|www\.)[^\s]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|shop|xyz|top|cn|ru|link|ly|me|co|app)(?:/[^\s]*)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Links();

    [GeneratedRegex(@"^(?:(?:https?|ftp)://)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SchemePrefix();
}

/// <summary>
/// The banned-word lists, one data file per locale (<c>Data/banned-words.{locale}.txt</c>). A line is checked against
/// every locale's list, because viewers from every market read it. Words in scripts that separate words with spaces
/// match as whole words, case-insensitively; words in CJK scripts (no spaces between words) match as substrings.
/// </summary>
public sealed class BannedWords
{
    private readonly Regex? _words;
    private readonly SearchValues<string>? _substrings;

    public BannedWords(IEnumerable<string> words)
    {
        var all = words.Select(w => w.Trim().Normalize(NormalizationForm.FormKC)).Where(w => w.Length > 0 && !w.StartsWith('#')).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var spaced = all.Where(w => !w.Any(IsCjk)).ToList();
        var cjk = all.Where(w => w.Any(IsCjk)).ToArray();
        Count = all.Count;
        if (spaced.Count > 0)
        {
            var alternatives = string.Join("|", spaced.OrderByDescending(w => w.Length).Select(Regex.Escape));
            _words = new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{alternatives})(?![\p{{L}}\p{{N}}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(100));
        }
        if (cjk.Length > 0) _substrings = SearchValues.Create(cjk, StringComparison.OrdinalIgnoreCase);
    }

    public int Count { get; }

    public static BannedWords Load(string folder)
    {
        if (!Directory.Exists(folder)) return new BannedWords([]);
        var words = Directory.EnumerateFiles(folder, "banned-words.*.txt").SelectMany(File.ReadLines);
        return new BannedWords(words);
    }

    public bool Matches(string text)
    {
        // FormKC folds full-width letters (ｓｃａｍ) and compatibility forms onto the letters the lists are written in.
        var folded = text.Normalize(NormalizationForm.FormKC);
        if (_substrings is not null && folded.AsSpan().ContainsAny(_substrings)) return true;
        try
        {
            return _words is not null && _words.IsMatch(folded);
        }
        catch (RegexMatchTimeoutException)
        {
            // A line built to be slow to check is not worth showing.
            return true;
        }
    }

    private static bool IsCjk(char c) =>
        c is >= '\u3040' and <= '\u30ff' // kana
            or >= '\u3400' and <= '\u4dbf' // CJK extension A
            or >= '\u4e00' and <= '\u9fff' // CJK unified ideographs
            or >= '\uac00' and <= '\ud7af' // Hangul syllables
            or >= '\uf900' and <= '\ufaff';
}
