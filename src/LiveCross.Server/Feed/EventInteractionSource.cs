using System.Runtime.CompilerServices;
using LiveCross.Domain.Events;
using LiveCross.Server.Events;
using LiveCross.Server.Recommendations;
using Signal = LiveCross.Domain.Recommendations.Interaction;
using SignalKind = LiveCross.Domain.Recommendations.ItemKind;
using SignalType = LiveCross.Domain.Recommendations.InteractionType;

namespace LiveCross.Server.Feed;

/// <summary>
/// The recommender trains from the platform's event store: each stored interaction becomes a feedback signal keyed by
/// the shopper as the store names them (<c>u:…</c>, <c>c:…</c>) and the item's id. Events accepted a moment ago are
/// flushed first, so a retrain sees them.
/// </summary>
public sealed class EventInteractionSource(InteractionReader reader) : IInteractionSource
{
    public async IAsyncEnumerable<Signal> ReadSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await reader.CatchUpAsync(cancellationToken);
        // DuckDB reads are synchronous: the scan runs off the caller's thread, and the retrain job is its only reader.
        var signals = await Task.Run(() => reader.Read(since).Select(Signal).ToList(), cancellationToken);
        foreach (var signal in signals) yield return signal;
    }

    /// <summary>A stored interaction as the recommender's feedback signal.</summary>
    public static Signal Signal(Events.Interaction i) => new(
        i.Subject, i.ItemId.ToString(), Kind(i.Kind), Type(i.Type), i.OccurredAt, i.Market, (float)(i.WatchFraction ?? 0));

    private static SignalKind Kind(Events.ItemKind kind) => kind switch
    {
        Events.ItemKind.Video => SignalKind.Video,
        Events.ItemKind.Live => SignalKind.Live,
        _ => SignalKind.Product,
    };

    private static SignalType Type(EventType type) => type switch
    {
        EventType.ViewStart => SignalType.ViewStart,
        EventType.WatchProgress => SignalType.WatchProgress,
        EventType.Like => SignalType.Like,
        EventType.Comment => SignalType.Comment,
        EventType.Share => SignalType.Share,
        EventType.TagClick => SignalType.TagClick,
        EventType.ProductView => SignalType.ProductView,
        EventType.AddToCart => SignalType.AddToCart,
        EventType.CheckoutStart => SignalType.CheckoutStart,
        _ => SignalType.PaymentSuccess,
    };
}
