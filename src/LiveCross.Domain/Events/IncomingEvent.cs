namespace LiveCross.Domain.Events;

/// <summary>One event as a client sent it, each field already read with its JSON type; null when absent.</summary>
public sealed record IncomingEvent
{
    public string? EventId { get; init; }

    public string? Type { get; init; }

    public DateTimeOffset? OccurredAt { get; init; }

    public Guid? VideoId { get; init; }

    public Guid? LiveSessionId { get; init; }

    public Guid? ProductId { get; init; }

    public Guid? OrderId { get; init; }

    public int? Percent { get; init; }

    public double? WatchSeconds { get; init; }
}

/// <summary>The time window an event's <c>occurredAt</c> must fall in, relative to when it is received.</summary>
public sealed record EventTimeWindow(TimeSpan MaxAge, TimeSpan MaxAhead);

/// <summary>The rules one client event must follow; the first broken one is the reason it is rejected.</summary>
public static class EventRules
{
    public const int MaxEventIdLength = 64;

    /// <summary>A day: longer watch times are clock or arithmetic mistakes.</summary>
    public const double MaxWatchSeconds = 86_400;

    public static readonly IReadOnlyList<int> ProgressPercents = [25, 50, 75, 100];

    /// <summary>Null when the event is acceptable from a browser, else why it is not.</summary>
    public static string? Check(IncomingEvent e, DateTimeOffset receivedAt, EventTimeWindow window)
    {
        if (string.IsNullOrEmpty(e.EventId)) return "eventId is required.";
        if (e.EventId.Length > MaxEventIdLength) return $"eventId is longer than {MaxEventIdLength} characters.";
        if (!IsEventId(e.EventId)) return "eventId may hold only letters, digits and - _ . :";
        if (e.Type is null) return "type is required.";
        if (!EventTypes.TryParse(e.Type, out var type)) return $"type '{Shorten(e.Type)}' is not one of {string.Join(", ", EventTypes.All)}.";
        if (type.IsServerFact()) return $"{e.Type} is recorded by the server, not sent by clients.";
        if (e.OccurredAt is not { } at) return "occurredAt is required (ISO 8601 with Z or an offset).";
        if (at > receivedAt + window.MaxAhead) return $"occurredAt is more than {window.MaxAhead.TotalMinutes:0} minutes ahead of the server's clock.";
        if (at < receivedAt - window.MaxAge) return $"occurredAt is more than {window.MaxAge.TotalDays:0.#} days old.";
        if (e.Percent is { } percent && (type != EventType.WatchProgress || !ProgressPercents.Contains(percent)))
            return type == EventType.WatchProgress ? "percent must be 25, 50, 75 or 100." : "percent belongs to watch_progress only.";
        if (e.WatchSeconds is { } seconds && (double.IsNaN(seconds) || seconds < 0 || seconds > MaxWatchSeconds))
            return $"watchSeconds must be from 0 to {MaxWatchSeconds:0}.";
        return SubjectProblem(type, e);
    }

    private static string? SubjectProblem(EventType type, IncomingEvent e)
    {
        var watched = e.VideoId is not null || e.LiveSessionId is not null;
        return type switch
        {
            EventType.ViewStart or EventType.Like or EventType.Comment or EventType.Share when !watched => $"{type.Name()} needs videoId or liveSessionId.",
            EventType.WatchProgress when !watched => "watch_progress needs videoId or liveSessionId.",
            EventType.WatchProgress when e.Percent is null => "watch_progress needs percent (25, 50, 75 or 100).",
            EventType.TagClick when !watched || e.ProductId is null => "tag_click needs productId and the videoId or liveSessionId it was shown in.",
            EventType.ProductView when e.ProductId is null => "product_view needs productId.",
            _ => null,
        };
    }

    public static bool IsEventId(string id)
    {
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')) return false;
        }
        return true;
    }

    /// <summary>An anonymous client id as the tracker makes it (a UUID) or an app chooses it: 8 to 64 letters, digits, '-' or '_'.</summary>
    public static bool IsClientId(string? id)
    {
        if (id is null || id.Length is < 8 or > 64) return false;
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        }
        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
