namespace LiveCross.Domain.Recommendations;

/// <summary>
/// Time-decayed popularity per market: each event adds its weight × 2^(−age / half-life) to its item, in the market it
/// was stamped with and globally. An item's score in a market is its market score plus a fifth of its global score, so
/// a small market with few events still gets a sensible order. Only items shown in the market are ranked there.
/// </summary>
internal sealed class Popularity
{
    private const float GlobalShare = 0.2f;

    private readonly float[] _global;
    private readonly Dictionary<string, float[]> _byMarket;
    private readonly Dictionary<string, int[]> _rankedByMarket;

    private Popularity(float[] global, Dictionary<string, float[]> byMarket, Dictionary<string, int[]> rankedByMarket)
    {
        _global = global;
        _byMarket = byMarket;
        _rankedByMarket = rankedByMarket;
    }

    public static Popularity Build(
        IEnumerable<Interaction> interactions, IReadOnlyList<CatalogItem> catalogue, IReadOnlyDictionary<string, int> itemIndex,
        FeedbackWeights weights, TimeSpan halfLife, DateTimeOffset now)
    {
        var global = new float[catalogue.Count];
        var byMarket = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var interaction in interactions)
        {
            if (!itemIndex.TryGetValue(interaction.ItemKey, out var item)) continue;
            var age = Math.Max(0, (now - interaction.OccurredAt).TotalSeconds);
            var value = weights.Of(interaction) * (float)Math.Pow(2, -age / halfLife.TotalSeconds);
            global[item] += value;
            if (interaction.Market is null) continue;
            if (!byMarket.TryGetValue(interaction.Market, out var scores)) byMarket[interaction.Market] = scores = new float[catalogue.Count];
            scores[item] += value;
        }

        var ranked = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var market in catalogue.SelectMany(item => item.Markets).Distinct(StringComparer.Ordinal))
        {
            byMarket.TryGetValue(market, out var scores);
            var shown = Enumerable.Range(0, catalogue.Count).Where(i => catalogue[i].IsShownIn(market)).ToArray();
            var keys = shown.Select(i => -((scores?[i] ?? 0f) + GlobalShare * global[i])).ToArray();
            Array.Sort(keys, shown); // Array.Sort is not stable, so ties are broken by index below
            SortTiesByIndex(keys, shown);
            ranked[market] = shown;
        }
        return new Popularity(global, byMarket, ranked);
    }

    /// <summary>Items shown in the market, most popular first.</summary>
    public ReadOnlySpan<int> RankedIn(string market) =>
        _rankedByMarket.TryGetValue(market, out var ranked) ? ranked : [];

    public float Score(string market, int item) =>
        (_byMarket.TryGetValue(market, out var scores) ? scores[item] : 0f) + GlobalShare * _global[item];

    private static void SortTiesByIndex(float[] keys, int[] items)
    {
        var start = 0;
        for (var n = 1; n <= keys.Length; n++)
        {
            if (n < keys.Length && keys[n] == keys[start]) continue;
            if (n - start > 1) Array.Sort(items, start, n - start);
            start = n;
        }
    }
}
