using LiveCross.Domain.Recommendations;

namespace LiveCross.Domain.Tests.Recommendations;

/// <summary>Small hand-made catalogues and histories for recommender tests.</summary>
internal static class RecommendationBuilders
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static CatalogItem Item(string key, string category = "fashion", ItemKind kind = ItemKind.Video, string[]? markets = null, int ageDays = 30) =>
        new(key, kind, category, (markets ?? ["US", "DE"]).ToHashSet(), Now.AddDays(-ageDays));

    public static CatalogItem LiveSession(string key, string[] markets, bool liveNow, TimeSpan? startsIn = null) =>
        new(key, ItemKind.Live, "live", markets.ToHashSet(), Now.AddDays(-1), liveNow, liveNow ? Now.AddMinutes(-10) : Now + startsIn);

    /// <summary>A view, a full watch and a like of each item, an hour apart, in the given market.</summary>
    public static IEnumerable<Interaction> Watched(string user, string market, params string[] items) =>
        items.SelectMany((item, n) => new[]
        {
            new Interaction(user, item, ItemKind.Video, InteractionType.ViewStart, Now.AddHours(-48 + n), market),
            new Interaction(user, item, ItemKind.Video, InteractionType.WatchProgress, Now.AddHours(-48 + n).AddSeconds(30), market, 1f),
            new Interaction(user, item, ItemKind.Video, InteractionType.Like, Now.AddHours(-48 + n).AddSeconds(31), market),
        });

    public static RecommenderSettings Settings(int seed = 42) => new()
    {
        Seed = seed,
        Als = new AlsSettings { Factors = 8, Iterations = 6, Regularization = 1f },
    };
}
