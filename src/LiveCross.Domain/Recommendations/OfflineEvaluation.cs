using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LiveCross.Domain.Recommendations;

public sealed record MethodScores(string Method, double Precision, double Recall, double Ndcg, double Coverage);

public sealed record EvaluationReport(
    int K, DateTimeOffset Cutoff, int TrainEvents, int TrainNonZeros, int TestEvents, int EvaluatedShoppers, int CatalogueSize,
    TimeSpan TrainingTime, IReadOnlyList<MethodScores> Methods)
{
    public MethodScores this[string method] => Methods.First(m => m.Method == method);

    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"time split at {Cutoff:u}: {TrainEvents:N0} events ({TrainNonZeros:N0} shopper-item pairs) to train, {TestEvents:N0} to test; {EvaluatedShoppers:N0} shoppers evaluated, catalogue {CatalogueSize:N0}; training {TrainingTime.TotalSeconds:F1} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"method",-15} {$"P@{K}",8} {$"R@{K}",8} {$"NDCG@{K}",8} {"coverage",9}");
        foreach (var m in Methods)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{m.Method,-15} {m.Precision,8:F4} {m.Recall,8:F4} {m.Ndcg,8:F4} {m.Coverage,9:P1}");
        }
        return text.ToString();
    }
}

/// <summary>
/// Offline evaluation with a global time split: the model trains on every event before the cut-off (the
/// <c>trainShare</c> quantile of event times) and is asked, as of the cut-off, for each shopper who has history before
/// it and touched something new after it. Relevant items are those the shopper first touched after the cut-off, so no
/// method sees the future and already-seen items (which the feed leaves out) are not counted.
/// </summary>
public static class OfflineEvaluation
{
    public const string Popularity = "popularity";
    public const string ItemToItem = "item-to-item";
    public const string Als = "als";
    public const string Blend = "blend";

    public static EvaluationReport Run(
        IReadOnlyList<CatalogItem> catalogue, IReadOnlyList<Interaction> interactions, RecommenderSettings settings,
        int k = 10, double trainShare = 0.8, int maxShoppers = 5000, Action<AlsIteration>? onAlsIteration = null,
        CancellationToken cancellationToken = default)
    {
        if (interactions.Count == 0) throw new ArgumentException("There are no interactions to evaluate.", nameof(interactions));
        var times = interactions.Select(i => i.OccurredAt).Order().ToArray();
        var cutoff = times[Math.Clamp((int)(times.Length * trainShare), 0, times.Length - 1)];
        var train = interactions.Where(i => i.OccurredAt < cutoff).ToList();
        var test = interactions.Where(i => i.OccurredAt >= cutoff).ToList();

        var started = Stopwatch.GetTimestamp();
        var model = RecommendationModel.Train(catalogue, train, settings, cutoff, onAlsIteration, cancellationToken);
        var trainingTime = Stopwatch.GetElapsedTime(started);

        var seen = train.GroupBy(i => i.UserKey).ToDictionary(g => g.Key, g => g.Select(i => i.ItemKey).ToHashSet(StringComparer.Ordinal));
        var market = train.Where(i => i.Market is not null).GroupBy(i => i.UserKey).ToDictionary(g => g.Key, g => g.MaxBy(i => i.OccurredAt)!.Market!);
        var catalogueKeys = catalogue.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var shoppers = test.GroupBy(i => i.UserKey)
            .Where(g => model.Knows(g.Key) && market.ContainsKey(g.Key))
            .Select(g => (User: g.Key, Relevant: (IReadOnlySet<string>)g.Select(i => i.ItemKey).Where(item => catalogueKeys.Contains(item) && !seen[g.Key].Contains(item)).ToHashSet(StringComparer.Ordinal)))
            .Where(s => s.Relevant.Count > 0)
            .OrderBy(s => s.User, StringComparer.Ordinal)
            .Take(maxShoppers)
            .ToArray();

        var methods = new (string Name, Func<FeedRequest, IReadOnlyList<Recommendation>> Recommend)[]
        {
            (Popularity, r => model.RecommendFrom(RecommendationSource.Popular, r)),
            (ItemToItem, r => model.RecommendFrom(RecommendationSource.CoOccurrence, r)),
            (Als, r => model.RecommendFrom(RecommendationSource.Als, r)),
            (Blend, model.Recommend),
        };
        var results = new List<MethodScores>();
        foreach (var (name, recommend) in methods)
        {
            var lists = new IReadOnlyList<string>[shoppers.Length];
            Parallel.For(0, shoppers.Length, new ParallelOptions { CancellationToken = cancellationToken }, n =>
            {
                var request = new FeedRequest(shoppers[n].User, market[shoppers[n].User], k, cutoff);
                lists[n] = [.. recommend(request).Select(r => r.ItemKey)];
            });
            results.Add(new MethodScores(
                name,
                Mean(shoppers.Length, n => RankingMetrics.PrecisionAt(k, lists[n], shoppers[n].Relevant)),
                Mean(shoppers.Length, n => RankingMetrics.RecallAt(k, lists[n], shoppers[n].Relevant)),
                Mean(shoppers.Length, n => RankingMetrics.NdcgAt(k, lists[n], shoppers[n].Relevant)),
                RankingMetrics.CoverageAt(k, lists, model.Items)));
        }
        return new EvaluationReport(k, cutoff, train.Count, model.NonZeros, test.Count, shoppers.Length, model.Items, trainingTime, results);
    }

    private static double Mean(int count, Func<int, double> value) =>
        count == 0 ? 0 : Enumerable.Range(0, count).Sum(value) / count;
}
