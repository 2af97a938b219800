namespace LiveCross.Domain.Recommendations;

/// <summary>
/// Top-k ranking metrics with binary relevance. Precision divides by k even when fewer than k items were recommended
/// (an empty slot is a miss); NDCG's ideal ranking puts min(k, |relevant|) relevant items first.
/// </summary>
public static class RankingMetrics
{
    public static double PrecisionAt(int k, IReadOnlyList<string> recommended, IReadOnlySet<string> relevant) =>
        (double)Hits(k, recommended, relevant) / k;

    public static double RecallAt(int k, IReadOnlyList<string> recommended, IReadOnlySet<string> relevant) =>
        relevant.Count == 0 ? 0 : (double)Hits(k, recommended, relevant) / relevant.Count;

    public static double NdcgAt(int k, IReadOnlyList<string> recommended, IReadOnlySet<string> relevant)
    {
        if (relevant.Count == 0) return 0;
        var dcg = 0.0;
        for (var rank = 0; rank < Math.Min(k, recommended.Count); rank++)
        {
            if (relevant.Contains(recommended[rank])) dcg += 1 / Math.Log2(rank + 2);
        }
        var ideal = 0.0;
        for (var rank = 0; rank < Math.Min(k, relevant.Count); rank++) ideal += 1 / Math.Log2(rank + 2);
        return dcg / ideal;
    }

    /// <summary>Share of the catalogue that appears in at least one top-k list.</summary>
    public static double CoverageAt(int k, IEnumerable<IReadOnlyList<string>> lists, int catalogueSize) =>
        catalogueSize == 0 ? 0 : (double)lists.SelectMany(list => list.Take(k)).Distinct(StringComparer.Ordinal).Count() / catalogueSize;

    private static int Hits(int k, IReadOnlyList<string> recommended, IReadOnlySet<string> relevant) =>
        recommended.Take(k).Count(relevant.Contains);
}
