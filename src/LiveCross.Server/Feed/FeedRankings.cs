using LiveCross.Domain.Recommendations;
using Microsoft.Extensions.Caching.Memory;

namespace LiveCross.Server.Feed;

/// <summary>
/// Each shopper's ranking, kept <see cref="Lifetime"/> per model and market so the pages of a feed never repeat an item.
/// Bounded: anonymous client ids are free to make, so at most <see cref="MaxRankings"/> are kept and past that a
/// shopper's ranking is computed again for each page (a feed may then repeat an item, but memory stays flat).
/// </summary>
public sealed class FeedRankings : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public const int MaxRankings = 20_000;

    private readonly MemoryCache _rankings = new(new MemoryCacheOptions { SizeLimit = MaxRankings });

    public IReadOnlyList<Recommendation> GetOrRank(object key, Func<IReadOnlyList<Recommendation>> rank) =>
        _rankings.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            entry.Size = 1;
            return rank();
        })!;

    public int Count => _rankings.Count;

    public void Dispose() => _rankings.Dispose();
}
