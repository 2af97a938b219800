using System.Globalization;
using System.Text;

namespace LiveCross.Domain.Live;

public enum DrawEntryKind
{
    /// <summary>Be in the room for at least <see cref="DrawEntryRule.WatchSeconds"/> seconds, as the server measured it.</summary>
    Watch,

    /// <summary>Post <see cref="DrawEntryRule.Phrase"/> in the room's chat.</summary>
    Phrase,
}

/// <summary>What a viewer shows to enter: the seconds the server measured them in the room, or a chat message.</summary>
public abstract record EntryEvidence
{
    public sealed record Watched(int Seconds) : EntryEvidence;

    public sealed record Chat(string Text) : EntryEvidence;
}

/// <summary>How a viewer qualifies for a lucky draw.</summary>
public sealed record DrawEntryRule(DrawEntryKind Kind, int WatchSeconds, string? Phrase)
{
    public const int MaxPhraseLength = 100;
    public const int MaxWatchSeconds = 3600;

    public static DrawEntryRule Watch(int seconds) => new(DrawEntryKind.Watch, seconds, null);

    public static DrawEntryRule Post(string phrase) => new(DrawEntryKind.Phrase, 0, Normalize(phrase));

    /// <summary>
    /// True when the evidence meets the rule. A chat message qualifies when, both normalised (Unicode NFKC, case-folded,
    /// runs of white space made one space, trimmed), it contains the phrase: "好运来!!" and "Lucky ME please" count for
    /// "好运来" and "lucky me".
    /// </summary>
    public bool IsMetBy(EntryEvidence evidence) => (Kind, evidence) switch
    {
        (DrawEntryKind.Watch, EntryEvidence.Watched w) => w.Seconds >= WatchSeconds,
        (DrawEntryKind.Phrase, EntryEvidence.Chat c) => Phrase is { Length: > 0 } && Normalize(c.Text).Contains(Phrase, StringComparison.Ordinal),
        _ => false,
    };

    public static string Normalize(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        var result = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                space = result.Length > 0;
                continue;
            }
            if (space) result.Append(' ');
            space = false;
            result.Append(c);
        }
        return result.ToString();
    }
}
