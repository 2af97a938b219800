using DuckDB.NET.Data;
using LiveCross.Domain.Recommendations;
using LiveCross.Server.Events;
using Signal = LiveCross.Domain.Recommendations.Interaction;

namespace LiveCross.Server.Feed;

/// <summary>
/// The platform's real events for <c>recs eval --events {file}</c>: every interaction in an event store file (read only,
/// so a copy of a node's file is enough), and a catalogue of the items they name, each shown in the markets it was seen
/// in. Categories are not in the events, so every item has its kind as its category.
/// </summary>
public static class PlatformEvaluationData
{
    public static (IReadOnlyList<CatalogItem> Catalogue, IReadOnlyList<Signal> Interactions) Load(string eventStoreFile)
    {
        using var connection = new DuckDBConnection($"Data Source={eventStoreFile};ACCESS_MODE=READ_ONLY");
        connection.Open();
        var interactions = InteractionReader.Read(connection, DateTimeOffset.UnixEpoch).Select(EventInteractionSource.Signal).ToList();
        var catalogue = interactions.GroupBy(i => i.ItemKey, StringComparer.Ordinal).Select(item => new CatalogItem(
            item.Key, item.First().Kind, item.First().Kind.ToString().ToLowerInvariant(),
            item.Select(i => i.Market).OfType<string>().ToHashSet(StringComparer.Ordinal), item.Min(i => i.OccurredAt))).ToList();
        return (catalogue, interactions);
    }
}
