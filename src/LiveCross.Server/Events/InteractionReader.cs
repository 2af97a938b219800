using DuckDB.NET.Data;
using LiveCross.Domain.Events;

namespace LiveCross.Server.Events;

/// <summary>What a shopper interacted with: a video, a live session or a product.</summary>
public enum ItemKind : byte
{
    Video = 1,
    Live,
    Product,
}

/// <summary>
/// One implicit-feedback signal for the recommender: who (<see cref="Subject"/>: "u:…" signed in, "c:…" anonymous,
/// "o:…" a guest's order), what item, which event, when, and for watch progress how much was watched (0.25 … 1).
/// </summary>
public sealed record Interaction(string Subject, ItemKind Kind, Guid ItemId, EventType Type, DateTimeOffset OccurredAt, double? WatchFraction, string Market);

/// <summary>
/// Reads interactions from the event store for training. Product events (tag click, product view, add to cart,
/// payment) are product interactions; the rest belong to the video or live session they name. checkout_start
/// names an order, not an item, and is left out.
/// </summary>
public sealed class InteractionReader(EventStore store, EventWriter writer)
{
    /// <summary>Interactions that occurred at or after <paramref name="since"/> (and before <paramref name="until"/>), oldest first, streamed.</summary>
    public IEnumerable<Interaction> Read(DateTimeOffset since, DateTimeOffset? until = null)
    {
        using var connection = store.OpenReader();
        foreach (var interaction in Read(connection, since, until)) yield return interaction;
    }

    /// <summary>The same over an open connection to an event store file (the <c>recs eval --events</c> command reads one).</summary>
    public static IEnumerable<Interaction> Read(DuckDBConnection connection, DateTimeOffset since, DateTimeOffset? until = null)
    {
        using var command = connection.CreateCommand();
        // The day predicate lets DuckDB skip row groups by their min/max without reading occurred_at.
        command.CommandText = """
            SELECT subject, type, occurred_at, video_id, live_session_id, product_id, percent, market
            FROM events
            WHERE occurred_day >= $sinceDay AND occurred_at >= $since AND occurred_at < $until AND type <> 'checkout_start'
            ORDER BY occurred_at
            """;
        command.Parameters.Add(new DuckDBParameter("sinceDay", DateOnly.FromDateTime(since.UtcDateTime)));
        command.Parameters.Add(new DuckDBParameter("since", since.UtcDateTime));
        command.Parameters.Add(new DuckDBParameter("until", (until ?? DateTimeOffset.MaxValue.AddDays(-1)).UtcDateTime));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!EventTypes.TryParse(reader.GetString(1), out var type)) continue;
            var (kind, item) = ItemOf(type, reader);
            if (item is not { } itemId) continue;
            yield return new Interaction(
                reader.GetString(0), kind, itemId, type,
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc)),
                reader.IsDBNull(6) ? null : reader.GetByte(6) / 100.0,
                reader.GetString(7));
        }
    }

    /// <summary>Waits until events accepted so far are in the store, for a caller that must see the latest (a retrain, a test).</summary>
    public Task CatchUpAsync(CancellationToken cancellationToken) => writer.FlushAsync(TimeSpan.FromSeconds(30), cancellationToken);

    private static (ItemKind Kind, Guid? Item) ItemOf(EventType type, DuckDBDataReader row)
    {
        Guid? Column(int i) => row.IsDBNull(i) ? null : row.GetGuid(i);
        return type switch
        {
            EventType.TagClick or EventType.ProductView or EventType.AddToCart or EventType.PaymentSuccess => (ItemKind.Product, Column(5)),
            _ when !row.IsDBNull(3) => (ItemKind.Video, Column(3)),
            _ => (ItemKind.Live, Column(4)),
        };
    }
}
