using LiveCross.Domain.Recommendations;

namespace LiveCross.Server.Recommendations;

/// <summary>Where training reads events from (the event store's reader in production).</summary>
public interface IInteractionSource
{
    /// <summary>Every recommendation-relevant event since the given time, in any order.</summary>
    IAsyncEnumerable<Interaction> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>What the feed may show: videos, live sessions and products with their markets and live status.</summary>
public interface ICatalogueSource
{
    Task<IReadOnlyList<CatalogItem>> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>Events held in memory: for tests, the evaluation command, and a node with no event store wired yet (empty).</summary>
public sealed class InMemoryInteractionSource(IEnumerable<Interaction>? interactions = null) : IInteractionSource
{
    private volatile Interaction[] _interactions = [.. interactions ?? []];

    public void Replace(IEnumerable<Interaction> interactions) => _interactions = [.. interactions];

    public async IAsyncEnumerable<Interaction> ReadSinceAsync(DateTimeOffset since, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var interaction in _interactions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (interaction.OccurredAt >= since) yield return interaction;
        }
        await Task.CompletedTask;
    }
}

public sealed class InMemoryCatalogueSource(IEnumerable<CatalogItem>? items = null) : ICatalogueSource
{
    private volatile CatalogItem[] _items = [.. items ?? []];

    public void Replace(IEnumerable<CatalogItem> items) => _items = [.. items];

    public Task<IReadOnlyList<CatalogItem>> ReadAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<CatalogItem>>(_items);
}
