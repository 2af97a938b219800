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
    // First word of each entry → the entries starting with it, each as its words. Whole-word matching by looking words
    // up, not by a regex: a regex needs lookarounds for word edges, and a wall-clock timeout on it refused innocent lines
    // as "banned" whenever the machine was busy.
    private readonly Dictionary<string, List<string[]>> _byFirstWord = new(StringComparer.OrdinalIgnoreCase);
    private readonly SearchValues<string>? _substrings;

    public BannedWords(IEnumerable<string> words)
    {
        var all = words.Select(w => w.Trim().Normalize(NormalizationForm.FormKC)).Where(w => w.Length > 0 && !w.StartsWith('#')).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var cjk = all.Where(w => w.Any(IsCjk)).ToArray();
        Count = all.Count;
        foreach (var entry in all.Where(w => !w.Any(IsCjk)))
        {
            var entryWords = WordsOf(entry);
            if (entryWords.Count == 0) continue;
            if (!_byFirstWord.TryGetValue(entryWords[0], out var entries)) _byFirstWord[entryWords[0]] = entries = [];
            entries.Add([.. entryWords]);
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
        if (_byFirstWord.Count == 0) return false;
        var textWords = WordsOf(folded);
        for (var i = 0; i < textWords.Count; i++)
        {
            if (!_byFirstWord.TryGetValue(textWords[i], out var entries)) continue;
            foreach (var entry in entries)
                if (i + entry.Length <= textWords.Count && entry.Select((w, k) => string.Equals(w, textWords[i + k], StringComparison.OrdinalIgnoreCase)).All(same => same))
                    return true;
        }
        return false;
    }

    /// <summary>The runs of letters and digits (any script), in order: what a whole word is.</summary>
    private static List<string> WordsOf(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && IsWordChar(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }
        return words;
    }

    private static bool IsWordChar(char c) => char.GetUnicodeCategory(c) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
        or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsCjk(char c) =>
        c is >= '\u3040' and <= '\u30ff' // kana
            or >= '\u3400' and <= '\u4dbf' // CJK extension A
            or >= '\u4e00' and <= '\u9fff' // CJK unified ideographs
            or >= '\uac00' and <= '\ud7af' // Hangul syllables
            or >= '\uf900' and <= '\ufaff';
}
