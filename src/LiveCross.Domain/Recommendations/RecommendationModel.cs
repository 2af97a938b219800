using System.Numerics.Tensors;

namespace LiveCross.Domain.Recommendations;

/// <summary>
/// A trained recommender: immutable once built, so any number of threads may read it while the next one trains.
/// Candidates come from time-decayed popularity in the shopper's market, item-to-item co-occurrence over the shopper's
/// recent history, implicit ALS, and live sessions on air or starting soon; they are blended by weighted reciprocal-rank
/// fusion, filtered to what the shopper's market may show, and a few slots go to exploration. A shopper the model has
/// never seen gets live and popular items of their market; a new item gets a reserved slot and exploration draws.
/// </summary>
public sealed class RecommendationModel
{
    public const int MaxCount = 500;

    private readonly CatalogItem[] _items;
    private readonly Dictionary<string, int> _itemIndex;
    private readonly InteractionMatrix _matrix;
    private readonly Popularity _popularity;
    private readonly CoOccurrence _coOccurrence;
    private readonly AlsFactors? _als;
    private readonly float[] _itemNorms;
    private readonly int[] _liveItems;

    private RecommendationModel(
        CatalogItem[] items, Dictionary<string, int> itemIndex, InteractionMatrix matrix, Popularity popularity,
        CoOccurrence coOccurrence, AlsFactors? als, RecommenderSettings settings, DateTimeOffset trainedAt)
    {
        _items = items;
        _itemIndex = itemIndex;
        _matrix = matrix;
        _popularity = popularity;
        _coOccurrence = coOccurrence;
        _als = als;
        Settings = settings;
        TrainedAt = trainedAt;
        _itemNorms = new float[items.Length];
        if (als is not null)
        {
            for (var i = 0; i < items.Length; i++) _itemNorms[i] = TensorPrimitives.Norm(als.Item(i));
        }
        _liveItems = Enumerable.Range(0, items.Length).Where(i => items[i].Kind == ItemKind.Live).ToArray();
    }

    public RecommenderSettings Settings { get; }
    public DateTimeOffset TrainedAt { get; }
    public int Shoppers => _matrix.Users.Count;
    public int Items => _items.Length;

    /// <summary>Events that were trained on (those whose item is in the catalogue).</summary>
    public int Interactions => _matrix.EventCount;

    /// <summary>Distinct shopper × item pairs trained on (the non-zero cells ALS sweeps).</summary>
    public int NonZeros => _matrix.NonZeros;

    public static RecommendationModel Empty(RecommenderSettings settings) => Train([], [], settings, DateTimeOffset.UnixEpoch);

    /// <summary>
    /// Trains every source on the interactions, as of <paramref name="now"/> (popularity decays towards it). Items are
    /// the catalogue's (the first of duplicate keys counts); events on other items are not used.
    /// </summary>
    public static RecommendationModel Train(
        IReadOnlyList<CatalogItem> catalogue, IReadOnlyList<Interaction> interactions, RecommenderSettings settings,
        DateTimeOffset now, Action<AlsIteration>? onAlsIteration = null, CancellationToken cancellationToken = default)
    {
        if (settings.Problem() is { } problem) throw new ArgumentException(problem, nameof(settings));
        var itemIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new List<CatalogItem>(catalogue.Count);
        foreach (var item in catalogue)
        {
            if (itemIndex.TryAdd(item.Key, items.Count)) items.Add(item);
        }
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = settings.Als.MaxDegreeOfParallelism ?? Environment.ProcessorCount,
        };
        var matrix = InteractionMatrix.Build(interactions, itemIndex, settings.Weights);
        var popularity = Popularity.Build(interactions, items, itemIndex, settings.Weights, settings.PopularityHalfLife, now);
        var coOccurrence = CoOccurrence.Build(matrix, settings.NeighboursPerItem, settings.CoOccurrenceHistoryLimit, parallel);
        var als = matrix.NonZeros == 0 || settings.Als.Iterations == 0
            ? null
            : ImplicitAls.Train(matrix, settings.Weights, settings.Als, settings.Seed, onAlsIteration, cancellationToken);
        return new RecommendationModel([.. items], itemIndex, matrix, popularity, coOccurrence, als, settings, now);
    }

    /// <summary>True when the model has seen this shopper interact with a catalogue item.</summary>
    public bool Knows(string userKey) => _matrix.TryGetUser(userKey, out var user) && _matrix.UserItemCount(user) > 0;

    /// <summary>The blended, filtered feed page with exploration: what a shopper is shown.</summary>
    public IReadOnlyList<Recommendation> Recommend(FeedRequest request)
    {
        var context = Context(request);
        var n = Settings.CandidatesPerSource;
        var sources = new List<(RecommendationSource Source, float Weight, List<(int Item, float Score)> Ranked)>
        {
            (RecommendationSource.Live, Settings.LiveWeight, LiveCandidates(context, n)),
            (RecommendationSource.Popular, Settings.PopularityWeight, PopularCandidates(context, n)),
        };
        if (context.User >= 0)
        {
            sources.Add((RecommendationSource.CoOccurrence, Settings.CoOccurrenceWeight, CoOccurrenceCandidates(context, n)));
            sources.Add((RecommendationSource.Als, Settings.AlsWeight, AlsCandidates(context, n)));
        }
        var fused = Fuse(sources);
        return Explore(fused, context);
    }

    /// <summary>One source alone, filtered like the feed but without exploration: what the offline evaluation compares.</summary>
    public IReadOnlyList<Recommendation> RecommendFrom(RecommendationSource source, FeedRequest request)
    {
        var context = Context(request);
        var ranked = source switch
        {
            RecommendationSource.Popular => PopularCandidates(context, request.Count),
            RecommendationSource.Live => LiveCandidates(context, request.Count),
            RecommendationSource.CoOccurrence when context.User >= 0 => CoOccurrenceCandidates(context, request.Count),
            RecommendationSource.Als when context.User >= 0 => AlsCandidates(context, request.Count),
            _ => [],
        };
        return [.. ranked.Select(pair => ToRecommendation(pair.Item, pair.Score, source))];
    }

    /// <summary>
    /// Items like this one for its page ("viewers of this also watched/bought"): co-occurrence neighbours fused with the
    /// nearest items by ALS vectors (cosine), shown in the market, without the item itself. Unknown item: none.
    /// </summary>
    public IReadOnlyList<Recommendation> SimilarItems(string itemKey, string market, int count, DateTimeOffset now)
    {
        ValidateCount(count);
        if (!_itemIndex.TryGetValue(itemKey, out var item)) return [];
        var context = Context(new FeedRequest(null, market, count, now, new HashSet<string>(StringComparer.Ordinal) { itemKey }));
        var n = Settings.CandidatesPerSource;

        var neighbours = new List<(int Item, float Score)>();
        var similarities = _coOccurrence.Similarities(item);
        var list = _coOccurrence.Neighbours(item);
        for (var k = 0; k < list.Length; k++)
        {
            if (context.IsEligible(list[k])) neighbours.Add((list[k], similarities[k]));
        }

        var nearest = new List<(int Item, float Score)>();
        if (_als is not null && _itemNorms[item] > 0f)
        {
            var top = new TopItems(n);
            var vector = _als.Item(item);
            for (var other = 0; other < _items.Length; other++)
            {
                if (_itemNorms[other] == 0f || !context.IsEligible(other)) continue;
                top.Offer(other, TensorPrimitives.Dot(vector, _als.Item(other)) / (_itemNorms[item] * _itemNorms[other]));
            }
            nearest = top.Ranked();
        }
        var fused = Fuse(
        [
            (RecommendationSource.CoOccurrence, Settings.CoOccurrenceWeight, neighbours),
            (RecommendationSource.Als, Settings.AlsWeight, nearest),
        ]);
        return [.. fused.Take(count)];
    }

    private RequestContext Context(FeedRequest request)
    {
        ValidateCount(request.Count);
        if (string.IsNullOrWhiteSpace(request.Market)) throw new ArgumentException("A market is required.", nameof(request));
        var user = request.UserKey is not null && _matrix.TryGetUser(request.UserKey, out var known) && _matrix.UserItemCount(known) > 0 ? known : -1;
        var excluded = new HashSet<int>();
        foreach (var key in request.Exclude ?? new HashSet<string>())
        {
            if (_itemIndex.TryGetValue(key, out var item)) excluded.Add(item);
        }
        return new RequestContext(this, request, user, excluded);
    }

    private static void ValidateCount(int count)
    {
        if (count is < 1 or > MaxCount) throw new ArgumentOutOfRangeException(nameof(count), count, $"Between 1 and {MaxCount} items can be asked for.");
    }

    private List<(int Item, float Score)> PopularCandidates(RequestContext context, int count)
    {
        var result = new List<(int Item, float Score)>(count);
        foreach (var item in _popularity.RankedIn(context.Request.Market))
        {
            if (result.Count == count) break;
            if (context.IsEligible(item)) result.Add((item, _popularity.Score(context.Request.Market, item)));
        }
        return result;
    }

    /// <summary>Live now first (most popular first), then those starting soonest.</summary>
    private List<(int Item, float Score)> LiveCandidates(RequestContext context, int count) =>
    [
        .. _liveItems.Where(context.IsEligible)
            .OrderByDescending(i => _items[i].LiveNow)
            .ThenBy(i => _items[i].LiveNow ? 0 : (_items[i].LiveStartsAt!.Value - context.Request.Now).Ticks)
            .ThenByDescending(i => _popularity.Score(context.Request.Market, i))
            .ThenBy(i => i)
            .Take(count)
            .Select(i => (i, 1f)),
    ];

    private List<(int Item, float Score)> CoOccurrenceCandidates(RequestContext context, int count)
    {
        var user = context.User;
        var from = _matrix.UserStart[user];
        var to = _matrix.UserStart[user + 1];
        var latest = long.MinValue;
        for (var n = from; n < to; n++) latest = Math.Max(latest, _matrix.UserLastTicks[n]);

        var scores = new Dictionary<int, float>();
        for (var n = from; n < to; n++)
        {
            var age = TimeSpan.FromTicks(latest - _matrix.UserLastTicks[n]);
            var affinity = (1f + MathF.Log(1f + _matrix.UserStrength[n])) * (float)Math.Pow(2, -age / Settings.HistoryHalfLife);
            var neighbours = _coOccurrence.Neighbours(_matrix.UserItems[n]);
            var similarities = _coOccurrence.Similarities(_matrix.UserItems[n]);
            for (var k = 0; k < neighbours.Length; k++)
            {
                scores[neighbours[k]] = scores.GetValueOrDefault(neighbours[k]) + affinity * similarities[k];
            }
        }
        var top = new TopItems(count);
        foreach (var (item, score) in scores)
        {
            if (context.IsEligible(item)) top.Offer(item, score);
        }
        return top.Ranked();
    }

    private List<(int Item, float Score)> AlsCandidates(RequestContext context, int count)
    {
        if (_als is null) return [];
        var top = new TopItems(count);
        var vector = _als.User(context.User);
        for (var item = 0; item < _items.Length; item++)
        {
            if (context.IsEligible(item)) top.Offer(item, TensorPrimitives.Dot(vector, _als.Item(item)));
        }
        return top.Ranked();
    }

    private List<Recommendation> Fuse(IEnumerable<(RecommendationSource Source, float Weight, List<(int Item, float Score)> Ranked)> sources)
    {
        var fused = new Dictionary<int, (float Score, float Best, RecommendationSource Source)>();
        foreach (var (source, weight, ranked) in sources)
        {
            for (var rank = 0; rank < ranked.Count; rank++)
            {
                var share = weight / (Settings.FusionRankOffset + rank + 1);
                var item = ranked[rank].Item;
                var current = fused.TryGetValue(item, out var known) ? known : (Score: 0f, Best: 0f, Source: source);
                fused[item] = share > current.Best ? (current.Score + share, share, source) : (current.Score + share, current.Best, current.Source);
            }
        }
        return
        [
            .. fused.OrderByDescending(pair => pair.Value.Score).ThenBy(pair => pair.Key)
                .Select(pair => ToRecommendation(pair.Key, pair.Value.Score, pair.Value.Source)),
        ];
    }

    /// <summary>
    /// Fills the page from the fused ranking, except the new-item slot and, with probability ExplorationRate each, other
    /// slots, which take a new item or a long-tail item of the market instead (drawn by a generator seeded from the
    /// settings' seed, the shopper, the market and the page, so the same request gets the same page).
    /// </summary>
    private List<Recommendation> Explore(List<Recommendation> ranked, RequestContext context)
    {
        var request = context.Request;
        var random = new Random(StableHash.Of(Settings.Seed, request.UserKey ?? "", request.Market, request.Page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var inRanking = ranked.Take(request.Count).Select(r => _itemIndex[r.ItemKey]).ToHashSet();
        var fresh = Shuffled(Enumerable.Range(0, _items.Length).Where(i => IsNew(i, request.Now) && context.IsEligible(i) && !inRanking.Contains(i)), random);
        if (context.User >= 0)
        {
            // New items have no interactions to go by, so a known shopper gets those of the categories they engage with most.
            var taste = CategoryTaste(context.User);
            fresh = [.. fresh.OrderBy(i => taste.GetValueOrDefault(_items[i].Category))];
        }
        var marketRanking = _popularity.RankedIn(request.Market);
        var tail = Shuffled(marketRanking.Length <= 50 ? [] : marketRanking[50..Math.Min(marketRanking.Length, 1000)].ToArray().Where(i => context.IsEligible(i) && !inRanking.Contains(i)), random);

        var page = new List<Recommendation>(request.Count);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var next = 0;
        while (page.Count < request.Count)
        {
            Recommendation? pick = null;
            if (page.Count == Settings.NewItemSlot && fresh.Count > 0)
            {
                pick = Take(fresh, RecommendationSource.NewItem);
            }
            else if (random.NextDouble() < Settings.ExplorationRate && (fresh.Count > 0 || tail.Count > 0))
            {
                pick = fresh.Count > 0 ? Take(fresh, RecommendationSource.NewItem) : Take(tail, RecommendationSource.Exploration);
            }
            while (pick is null && next < ranked.Count)
            {
                if (!taken.Contains(ranked[next].ItemKey)) pick = ranked[next];
                next++;
            }
            pick ??= fresh.Count > 0 ? Take(fresh, RecommendationSource.NewItem) : tail.Count > 0 ? Take(tail, RecommendationSource.Exploration) : null;
            if (pick is null) break;
            if (taken.Add(pick.ItemKey)) page.Add(pick);
        }
        return page;

        Recommendation Take(List<int> pool, RecommendationSource source)
        {
            var item = pool[^1];
            pool.RemoveAt(pool.Count - 1);
            return ToRecommendation(item, 0f, source);
        }
    }

    private Dictionary<string, float> CategoryTaste(int user)
    {
        var taste = new Dictionary<string, float>(StringComparer.Ordinal);
        for (var n = _matrix.UserStart[user]; n < _matrix.UserStart[user + 1]; n++)
        {
            var category = _items[_matrix.UserItems[n]].Category;
            taste[category] = taste.GetValueOrDefault(category) + _matrix.UserStrength[n];
        }
        return taste;
    }

    private static List<int> Shuffled(IEnumerable<int> items, Random random)
    {
        var list = items.ToList();
        for (var n = list.Count - 1; n > 0; n--)
        {
            var k = random.Next(n + 1);
            (list[n], list[k]) = (list[k], list[n]);
        }
        return list;
    }

    private bool IsNew(int item, DateTimeOffset now) =>
        _items[item].CreatedAt >= now - Settings.NewItemAge
        && _matrix.ItemStart[item + 1] - _matrix.ItemStart[item] <= Settings.NewItemMaxShoppers;

    private Recommendation ToRecommendation(int item, float score, RecommendationSource source) =>
        new(_items[item].Key, _items[item].Kind, score, source);

    private bool IsShowable(int item, string market, DateTimeOffset now)
    {
        var candidate = _items[item];
        if (!candidate.IsShownIn(market)) return false;
        if (candidate.Kind != ItemKind.Live) return true;
        return candidate.LiveNow
            || (candidate.LiveStartsAt is { } start && start >= now && start - now <= Settings.LiveStartingSoon);
    }

    private bool HasSeen(int user, int item) =>
        user >= 0 && _matrix.UserItems.AsSpan(_matrix.UserStart[user], _matrix.UserItemCount(user)).BinarySearch(item) >= 0;

    private sealed class RequestContext(RecommendationModel model, FeedRequest request, int user, HashSet<int> excluded)
    {
        public FeedRequest Request { get; } = request;
        public int User { get; } = user;

        public bool IsEligible(int item) =>
            model.IsShowable(item, Request.Market, Request.Now)
            && !excluded.Contains(item)
            && !(model.Settings.ExcludeSeen && !model._items[item].LiveNow && model.HasSeen(User, item));
    }
}
