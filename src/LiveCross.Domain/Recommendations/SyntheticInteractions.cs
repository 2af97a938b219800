namespace LiveCross.Domain.Recommendations;

/// <summary>Size and shape of generated data. Everything follows from <see cref="Seed"/>.</summary>
public sealed record SyntheticDataSettings
{
    public int Users { get; init; } = 6000;
    public int Items { get; init; } = 3000;
    public int Seed { get; init; } = 1;
    public int CategoryGroups { get; init; } = 6;
    public int CategoriesPerGroup { get; init; } = 4;
    public IReadOnlyList<string> Markets { get; init; } = ["US", "DE", "GB", "JP", "BR", "FR", "ID", "SA"];
    public int Weeks { get; init; } = 6;

    /// <summary>Median sessions per shopper; the count is log-normal around it, so a few shoppers are far busier.</summary>
    public double MedianSessions { get; init; } = 5;

    public DateTimeOffset Start { get; init; } = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset End => Start.AddDays(7 * Weeks);
}

public sealed record SyntheticData(IReadOnlyList<CatalogItem> Catalogue, IReadOnlyList<Interaction> Interactions, DateTimeOffset End);

/// <summary>
/// Generates shoppers, items and events with known structure, deterministic by seed. The structure is deliberately not
/// a low-rank product (ALS's own assumption):
/// <list type="bullet">
/// <item>Categories come in groups (e.g. 6 groups × 4 categories). A shopper's taste is a mixture over 1–3 favourite
/// categories (the second is from the first one's group half the time) with random weights, plus 15 % spread over
/// everything. For 30 % of shoppers one favourite is swapped for another category at a random moment (taste drift).</item>
/// <item>Items have a category, a kind (60 % videos, 40 % products, plus a few live sessions on air or starting at the
/// end), markets (60 % everywhere, else 1–3 markets) and an appeal that is Zipf-like (1/rank^0.9 times log-normal noise),
/// so popularity is long-tailed. 30 % of items appear during the period; nothing is touched before it exists.
/// Videos tag 1–2 products of their category.</item>
/// <item>Shoppers live in one market (Zipf over markets) and have a log-normal number of sessions spread over the weeks.
/// A session picks one category from the current taste and visits 2–12 items: 75 % from that category, 15 % from the
/// wider taste, 10 % from anything, each by appeal, only items shown in the shopper's market; after a video a shopper
/// may tap a tagged product.</item>
/// <item>Each visit makes events: videos a view, watch progress to a depth that grows with how much the category is
/// liked (with noise), sometimes a like, comment, share or tag click; products a view and, rarely, add to cart,
/// checkout and payment (purchases are much rarer than views).</item>
/// </list>
/// </summary>
public static class SyntheticInteractions
{
    private const double TasteNoise = 0.15;

    public static SyntheticData Generate(SyntheticDataSettings settings)
    {
        var random = new Random(settings.Seed);
        var categories = settings.CategoryGroups * settings.CategoriesPerGroup;
        var markets = settings.Markets;
        var start = settings.Start;
        var span = settings.End - start;

        var items = new List<GeneratedItem>(settings.Items);
        var ranks = Enumerable.Range(1, settings.Items).OrderBy(_ => random.Next()).ToArray();
        for (var n = 0; n < settings.Items; n++)
        {
            var category = ZipfIndex(random, categories, 0.5);
            var kind = random.NextDouble() < 0.6 ? ItemKind.Video : ItemKind.Product;
            var shownIn = random.NextDouble() < 0.6
                ? markets.ToHashSet()
                : markets.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToHashSet();
            var created = random.NextDouble() < 0.7
                ? start - TimeSpan.FromDays(56 * random.NextDouble())
                : start + span * random.NextDouble();
            var appeal = Math.Pow(ranks[n], -0.9) * Math.Exp(0.5 * Gaussian(random));
            items.Add(new GeneratedItem(new CatalogItem($"{(kind == ItemKind.Video ? "v" : "p")}{n}", kind, CategoryName(category, settings), shownIn, created), category, appeal));
        }
        var productsByCategory = items.Where(i => i.Item.Kind == ItemKind.Product).GroupBy(i => i.Category).ToDictionary(g => g.Key, g => g.ToArray());
        var tags = items.Select(i => i.Item.Kind == ItemKind.Video && productsByCategory.TryGetValue(i.Category, out var products)
            ? Enumerable.Range(0, 1 + random.Next(2)).Select(_ => products[random.Next(products.Length)]).Distinct().ToArray()
            : []).ToArray();
        var indexOf = items.Select((item, n) => (item, n)).ToDictionary(p => p.item, p => p.n);

        // Per market and category: items shown there with cumulative appeal, for sampling by appeal.
        var pools = markets.ToDictionary(m => m, m => Enumerable.Range(0, categories + 1)
            .Select(c => new Pool([.. items.Where(i => i.Item.IsShownIn(m) && (c == categories || i.Category == c))]))
            .ToArray());

        var interactions = new List<Interaction>();
        for (var u = 0; u < settings.Users; u++)
        {
            var user = $"u{u}";
            var market = markets[ZipfIndex(random, markets.Count, 1.0)];
            var taste = Taste(random, settings);
            var drift = random.NextDouble() < 0.3 ? start + span * random.NextDouble() : (DateTimeOffset?)null;
            var drifted = drift is null ? taste : Drift(random, taste, settings);
            var sessions = Math.Clamp((int)Math.Round(settings.MedianSessions * Math.Exp(0.8 * Gaussian(random))), 1, 80);
            var times = Enumerable.Range(0, sessions).Select(_ => start + span * random.NextDouble()).Order().ToArray();
            foreach (var sessionStart in times)
            {
                var current = drift is { } d && sessionStart >= d ? drifted : taste;
                var sessionCategory = Sample(random, current);
                var at = sessionStart;
                var visits = 2 + Math.Min(10, (int)(-Math.Log(1 - random.NextDouble()) * 4));
                var seen = new HashSet<GeneratedItem>();
                for (var v = 0; v < visits; v++)
                {
                    var roll = random.NextDouble();
                    var category = roll < 0.75 ? sessionCategory : roll < 0.9 ? Sample(random, current) : categories;
                    var item = pools[market][category].Draw(random, at);
                    if (item is null || !seen.Add(item)) continue;
                    var liking = current[item.Category] / current.Max();
                    at = Visit(random, interactions, user, market, item, liking, at);
                    if (item.Item.Kind == ItemKind.Video && tags[indexOf[item]].Length > 0 && random.NextDouble() < 0.25 * liking)
                    {
                        var product = tags[indexOf[item]][random.Next(tags[indexOf[item]].Length)];
                        if (product.Item.CreatedAt <= at && product.Item.IsShownIn(market) && seen.Add(product))
                        {
                            interactions.Add(new Interaction(user, item.Item.Key, item.Item.Kind, InteractionType.TagClick, at, market));
                            at = Visit(random, interactions, user, market, product, liking, at.AddSeconds(2));
                        }
                    }
                }
            }
        }

        var catalogue = items.Select(i => i.Item).ToList();
        var end = settings.End;
        for (var n = 0; n < Math.Max(2, settings.Items / 200); n++)
        {
            var shownIn = markets.OrderBy(_ => random.Next()).Take(1 + random.Next(markets.Count)).ToHashSet();
            var liveNow = n % 2 == 0;
            catalogue.Add(new CatalogItem($"l{n}", ItemKind.Live, CategoryName(random.Next(categories), settings), shownIn, end.AddDays(-1),
                LiveNow: liveNow, LiveStartsAt: liveNow ? end.AddMinutes(-20) : end.AddMinutes(30 + random.Next(60))));
        }
        interactions.Sort((a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        return new SyntheticData(catalogue, interactions, end);
    }

    private static DateTimeOffset Visit(Random random, List<Interaction> interactions, string user, string market, GeneratedItem generated, double liking, DateTimeOffset at)
    {
        var item = generated.Item;
        // How engaged this visit is: the taste for the category, blurred by noise so a liked category is not always watched.
        var engagement = 1 / (1 + Math.Exp(-(3 * liking - 1.5 + Gaussian(random))));
        if (item.Kind == ItemKind.Video)
        {
            interactions.Add(new Interaction(user, item.Key, item.Kind, InteractionType.ViewStart, at, market));
            var quarters = 0;
            while (quarters < 4 && random.NextDouble() < 0.35 + 0.6 * engagement) quarters++;
            for (var q = 1; q <= quarters; q++)
            {
                interactions.Add(new Interaction(user, item.Key, item.Kind, InteractionType.WatchProgress, at.AddSeconds(8 * q), market, q / 4f));
            }
            at = at.AddSeconds(8 * quarters + 2);
            if (random.NextDouble() < 0.2 * engagement) interactions.Add(new Interaction(user, item.Key, item.Kind, InteractionType.Like, at, market));
            if (random.NextDouble() < 0.04 * engagement) interactions.Add(new Interaction(user, item.Key, item.Kind, InteractionType.Comment, at, market));
            if (random.NextDouble() < 0.02 * engagement) interactions.Add(new Interaction(user, item.Key, item.Kind, InteractionType.Share, at, market));
            return at.AddSeconds(3);
        }

        interactions.Add(new Interaction(user, item.Key, item.Kind, InteractionType.ProductView, at, market));
        at = at.AddSeconds(20 + random.Next(40));
        if (random.NextDouble() < 0.12 * engagement)
        {
            interactions.Add(new Interaction(user, item.Key, item.Kind, InteractionType.AddToCart, at, market));
            if (random.NextDouble() < 0.5)
            {
                interactions.Add(new Interaction(user, item.Key, item.Kind, InteractionType.CheckoutStart, at.AddSeconds(30), market));
                if (random.NextDouble() < 0.7) interactions.Add(new Interaction(user, item.Key, item.Kind, InteractionType.PaymentSuccess, at.AddSeconds(90), market));
            }
        }
        return at.AddSeconds(5);
    }

    private static double[] Taste(Random random, SyntheticDataSettings settings)
    {
        var categories = settings.CategoryGroups * settings.CategoriesPerGroup;
        var taste = Enumerable.Repeat(TasteNoise / categories, categories).ToArray();
        var first = random.Next(categories);
        var favourites = new List<int> { first };
        var count = 1 + random.Next(3);
        while (favourites.Count < count)
        {
            var next = random.NextDouble() < 0.5
                ? first / settings.CategoriesPerGroup * settings.CategoriesPerGroup + random.Next(settings.CategoriesPerGroup)
                : random.Next(categories);
            if (!favourites.Contains(next)) favourites.Add(next);
        }
        var weights = favourites.Select(_ => -Math.Log(1 - random.NextDouble())).ToArray();
        var total = weights.Sum();
        for (var n = 0; n < favourites.Count; n++) taste[favourites[n]] += (1 - TasteNoise) * weights[n] / total;
        return taste;
    }

    private static double[] Drift(Random random, double[] taste, SyntheticDataSettings settings)
    {
        var drifted = (double[])taste.Clone();
        var from = Array.IndexOf(taste, taste.Max());
        var to = random.Next(taste.Length);
        (drifted[from], drifted[to]) = (drifted[to], drifted[from]);
        return drifted;
    }

    private static int Sample(Random random, double[] weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var n = 0; n < weights.Length; n++)
        {
            roll -= weights[n];
            if (roll < 0) return n;
        }
        return weights.Length - 1;
    }

    private static int ZipfIndex(Random random, int count, double exponent) =>
        Sample(random, [.. Enumerable.Range(1, count).Select(rank => Math.Pow(rank, -exponent))]);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string CategoryName(int category, SyntheticDataSettings settings) =>
        $"group{category / settings.CategoriesPerGroup}/category{category % settings.CategoriesPerGroup}";

    private sealed record GeneratedItem(CatalogItem Item, int Category, double Appeal);

    /// <summary>Items to draw from by appeal; an item not yet created at the draw's time is drawn again (a few tries).</summary>
    private sealed class Pool(GeneratedItem[] items)
    {
        private readonly double[] _cumulative = Cumulative(items);

        public GeneratedItem? Draw(Random random, DateTimeOffset at)
        {
            if (items.Length == 0) return null;
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var roll = random.NextDouble() * _cumulative[^1];
                var n = Array.BinarySearch(_cumulative, roll);
                var item = items[Math.Min(items.Length - 1, n < 0 ? ~n : n)];
                if (item.Item.CreatedAt <= at) return item;
            }
            return null;
        }

        private static double[] Cumulative(GeneratedItem[] items)
        {
            var cumulative = new double[items.Length];
            var sum = 0.0;
            for (var n = 0; n < items.Length; n++) cumulative[n] = sum += items[n].Appeal;
            return cumulative;
        }
    }
}
