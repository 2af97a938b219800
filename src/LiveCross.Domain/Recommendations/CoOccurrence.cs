namespace LiveCross.Domain.Recommendations;

/// <summary>
/// Item-to-item similarity from co-occurrence ("viewers of this also watched/bought"), as in SAR: two items are similar
/// in proportion to the shoppers who touched both, normalised by cosine (c_ij / √(c_i·c_j)) so that a blockbuster is
/// not everyone's neighbour. Each shopper counts with their latest <c>historyLimit</c> items only, which bounds the
/// cost by Σ min(n_u, limit)² and keeps one very busy account from dominating. The best <c>neighbours</c> of each item
/// are kept.
/// </summary>
internal sealed class CoOccurrence
{
    private readonly int[] _start;
    private readonly int[] _neighbours;
    private readonly float[] _similarity;

    private CoOccurrence(int[] start, int[] neighbours, float[] similarity)
    {
        _start = start;
        _neighbours = neighbours;
        _similarity = similarity;
    }

    public ReadOnlySpan<int> Neighbours(int item) => _neighbours.AsSpan(_start[item], _start[item + 1] - _start[item]);

    public ReadOnlySpan<float> Similarities(int item) => _similarity.AsSpan(_start[item], _start[item + 1] - _start[item]);

    public static CoOccurrence Build(InteractionMatrix matrix, int neighbours, int historyLimit, ParallelOptions parallel)
    {
        var users = matrix.Users.Count;
        var items = matrix.ItemCount;

        // Each shopper's latest items, and the reverse: which shoppers count for each item.
        var historyStart = new int[users + 1];
        var history = new List<int>(matrix.NonZeros);
        var itemCounts = new int[items + 1];
        for (var user = 0; user < users; user++)
        {
            var from = matrix.UserStart[user];
            var to = matrix.UserStart[user + 1];
            var cells = Enumerable.Range(from, to - from)
                .OrderByDescending(n => matrix.UserLastTicks[n]).ThenBy(n => matrix.UserItems[n])
                .Take(historyLimit).Select(n => matrix.UserItems[n]);
            foreach (var item in cells)
            {
                history.Add(item);
                itemCounts[item + 1]++;
            }
            historyStart[user + 1] = history.Count;
        }
        var holderStart = new int[items + 1];
        for (var i = 0; i < items; i++) holderStart[i + 1] = holderStart[i] + itemCounts[i + 1];
        var holders = new int[history.Count];
        var fill = (int[])holderStart.Clone();
        for (var user = 0; user < users; user++)
        {
            for (var n = historyStart[user]; n < historyStart[user + 1]; n++) holders[fill[history[n]]++] = user;
        }
        var historyItems = history.ToArray();

        var lists = new (int[] Items, float[] Similarity)[items];
        Parallel.For(0, items, parallel, () => (Counts: new float[items], Touched: new List<int>()), (item, _, scratch) =>
        {
            var (counts, touched) = scratch;
            for (var h = holderStart[item]; h < holderStart[item + 1]; h++)
            {
                var user = holders[h];
                for (var n = historyStart[user]; n < historyStart[user + 1]; n++)
                {
                    var other = historyItems[n];
                    if (other == item) continue;
                    if (counts[other] == 0f) touched.Add(other);
                    counts[other] += 1f;
                }
            }
            var own = holderStart[item + 1] - holderStart[item];
            var similar = touched.ToArray();
            var keys = new float[similar.Length];
            for (var n = 0; n < similar.Length; n++)
            {
                var other = similar[n];
                keys[n] = -counts[other] / MathF.Sqrt((float)own * (holderStart[other + 1] - holderStart[other]));
                counts[other] = 0f;
            }
            touched.Clear();
            lists[item] = Best(similar, keys, neighbours);
            return scratch;
        }, _ => { });

        var start = new int[items + 1];
        for (var i = 0; i < items; i++) start[i + 1] = start[i] + lists[i].Items.Length;
        var all = new int[start[items]];
        var similarity = new float[start[items]];
        for (var i = 0; i < items; i++)
        {
            lists[i].Items.CopyTo(all, start[i]);
            lists[i].Similarity.CopyTo(similarity, start[i]);
        }
        return new CoOccurrence(start, all, similarity);
    }

    private static (int[] Items, float[] Similarity) Best(int[] items, float[] negativeSimilarity, int count)
    {
        // Sort by similarity, then by item index, so the result does not depend on the order items were met in.
        var order = Enumerable.Range(0, items.Length)
            .OrderBy(n => negativeSimilarity[n]).ThenBy(n => items[n]).Take(count).ToArray();
        return (order.Select(n => items[n]).ToArray(), order.Select(n => -negativeSimilarity[n]).ToArray());
    }
}
