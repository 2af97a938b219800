using LiveCross.Domain.Events;

namespace LiveCross.Server.Events;

/// <summary>Where an event came from: a browser or app through the ingest, or the server recording a fact.</summary>
public enum EventSource : byte
{
    Client = 1,
    Server,
}

/// <summary>
/// One row of the event store: the event as validated, stamped with who (user id or anonymous client id), where
/// (market, locale) and when the server received it. <see cref="Key"/> identifies it per subject for de-duplication.
/// </summary>
public sealed record StoredEvent
{
    public required Guid Key { get; init; }

    public required string EventId { get; init; }

    public required EventType Type { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>"u:{user id}" for a signed-in shopper, "c:{client id}" for an anonymous one, "o:{order id}" for a guest's order facts.</summary>
    public required string Subject { get; init; }

    public Guid? UserId { get; init; }

    public string? ClientId { get; init; }

    public required string Market { get; init; }

    public required string Locale { get; init; }

    public Guid? VideoId { get; init; }

    public Guid? LiveSessionId { get; init; }

    public Guid? ProductId { get; init; }

    public Guid? OrderId { get; init; }

    public int? Percent { get; init; }

    public double? WatchSeconds { get; init; }

    /// <summary>Money a payment_success brought: the order's line totals for its product, in <see cref="Currency"/> (ISO 4217).</summary>
    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public required EventSource Source { get; init; }

    public static string SubjectOf(Guid? userId, string? clientId) =>
        userId is { } user ? $"u:{user:N}" : $"c:{clientId}";

    /// <summary>
    /// A 128-bit digest of subject and event id: the same client retrying the same event id maps to the same key,
    /// two clients that happen to pick one id do not. 16 bytes keep the in-memory recent set and the primary key small.
    /// </summary>
    public static Guid KeyOf(string subject, string eventId)
    {
        Span<byte> text = stackalloc byte[System.Text.Encoding.UTF8.GetMaxByteCount(subject.Length + eventId.Length + 1)];
        var length = System.Text.Encoding.UTF8.GetBytes(subject, text);
        text[length++] = (byte)'\n';
        length += System.Text.Encoding.UTF8.GetBytes(eventId, text[length..]);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(text[..length], hash);
        return new Guid(hash[..16]);
    }
}
