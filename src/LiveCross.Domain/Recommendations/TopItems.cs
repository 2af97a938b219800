namespace LiveCross.Domain.Recommendations;

/// <summary>Keeps the best <c>capacity</c> (item, score) pairs seen, higher score first and the lower index on ties.</summary>
internal sealed class TopItems(int capacity)
{
    private readonly PriorityQueue<int, (float Score, int Item)> _heap = new(capacity + 1, WorstFirst.Instance);

    public void Offer(int item, float score)
    {
        if (capacity <= 0) return;
        if (_heap.Count < capacity)
        {
            _heap.Enqueue(item, (score, item));
            return;
        }
        _heap.TryPeek(out _, out var worst);
        if (WorstFirst.Instance.Compare((score, item), worst) <= 0) return;
        _heap.EnqueueDequeue(item, (score, item));
    }

    public List<(int Item, float Score)> Ranked()
    {
        var result = new List<(int Item, float Score)>(_heap.Count);
        while (_heap.TryDequeue(out var item, out var key)) result.Add((item, key.Score));
        result.Reverse();
        return result;
    }

    private sealed class WorstFirst : IComparer<(float Score, int Item)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, int Item) x, (float Score, int Item) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Item.CompareTo(x.Item);
        }
    }
}
