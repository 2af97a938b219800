namespace LiveCross.Domain.Recommendations;

/// <summary>
/// Shoppers × catalogue items, one cell per pair that interacted: the summed event weights (strength) and the time of
/// the latest event. Stored both by shopper (CSR) and by item (CSC) so ALS can sweep either side without searching.
/// Events for items that are not in the catalogue are left out: nothing can be said about where they may be shown.
/// </summary>
public sealed class InteractionMatrix
{
    private readonly Dictionary<string, int> _userIndex;

    private InteractionMatrix(
        string[] users, Dictionary<string, int> userIndex, string?[] userMarkets, int itemCount,
        int[] userStart, int[] userItems, float[] userStrength, long[] userLastTicks,
        int[] itemStart, int[] itemUsers, float[] itemStrength, int eventCount)
    {
        Users = users;
        _userIndex = userIndex;
        UserMarkets = userMarkets;
        ItemCount = itemCount;
        UserStart = userStart;
        UserItems = userItems;
        UserStrength = userStrength;
        UserLastTicks = userLastTicks;
        ItemStart = itemStart;
        ItemUsers = itemUsers;
        ItemStrength = itemStrength;
        EventCount = eventCount;
    }

    public IReadOnlyList<string> Users { get; }

    /// <summary>The market of each shopper's latest event (null when none was stamped).</summary>
    public IReadOnlyList<string?> UserMarkets { get; }

    public int ItemCount { get; }

    /// <summary>Events that landed in the matrix (their items are in the catalogue).</summary>
    public int EventCount { get; }

    public int NonZeros => UserItems.Length;

    internal int[] UserStart { get; }
    internal int[] UserItems { get; }
    internal float[] UserStrength { get; }
    internal long[] UserLastTicks { get; }
    internal int[] ItemStart { get; }
    internal int[] ItemUsers { get; }
    internal float[] ItemStrength { get; }

    public bool TryGetUser(string userKey, out int user) => _userIndex.TryGetValue(userKey, out user);

    public int UserItemCount(int user) => UserStart[user + 1] - UserStart[user];

    public static InteractionMatrix Build(IEnumerable<Interaction> interactions, IReadOnlyDictionary<string, int> itemIndex, FeedbackWeights weights)
    {
        var userIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var users = new List<string>();
        var userMarkets = new List<string?>();
        var userMarketTicks = new List<long>();
        var cells = new Dictionary<long, (float Strength, long LastTicks)>();
        var events = 0;
        foreach (var interaction in interactions)
        {
            if (!itemIndex.TryGetValue(interaction.ItemKey, out var item)) continue;
            if (!userIndex.TryGetValue(interaction.UserKey, out var user))
            {
                user = users.Count;
                userIndex.Add(interaction.UserKey, user);
                users.Add(interaction.UserKey);
                userMarkets.Add(null);
                userMarketTicks.Add(long.MinValue);
            }
            var ticks = interaction.OccurredAt.UtcTicks;
            if (interaction.Market is not null && ticks >= userMarketTicks[user])
            {
                userMarkets[user] = interaction.Market;
                userMarketTicks[user] = ticks;
            }
            var key = ((long)user << 32) | (uint)item;
            cells.TryGetValue(key, out var cell);
            cells[key] = (cell.Strength + weights.Of(interaction), Math.Max(cell.LastTicks, ticks));
            events++;
        }

        var keys = cells.Keys.ToArray();
        Array.Sort(keys);
        var userStart = new int[users.Count + 1];
        var userItems = new int[keys.Length];
        var userStrength = new float[keys.Length];
        var userLast = new long[keys.Length];
        var itemCounts = new int[itemIndex.Count + 1];
        for (var n = 0; n < keys.Length; n++)
        {
            var user = (int)(keys[n] >> 32);
            var item = (int)(keys[n] & 0xFFFFFFFF);
            userStart[user + 1]++;
            userItems[n] = item;
            (userStrength[n], userLast[n]) = cells[keys[n]];
            itemCounts[item + 1]++;
        }
        for (var u = 0; u < users.Count; u++) userStart[u + 1] += userStart[u];

        var itemStart = new int[itemIndex.Count + 1];
        for (var i = 0; i < itemIndex.Count; i++) itemStart[i + 1] = itemStart[i] + itemCounts[i + 1];
        var itemUsers = new int[keys.Length];
        var itemStrength = new float[keys.Length];
        var fill = (int[])itemStart.Clone();
        for (var user = 0; user < users.Count; user++)
        {
            for (var n = userStart[user]; n < userStart[user + 1]; n++)
            {
                var at = fill[userItems[n]]++;
                itemUsers[at] = user;
                itemStrength[at] = userStrength[n];
            }
        }

        return new InteractionMatrix(
            [.. users], userIndex, [.. userMarkets], itemIndex.Count,
            userStart, userItems, userStrength, userLast, itemStart, itemUsers, itemStrength, events);
    }
}
