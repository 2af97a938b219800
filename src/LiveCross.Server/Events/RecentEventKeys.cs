namespace LiveCross.Server.Events;

/// <summary>
/// The keys of the most recent events, to answer "duplicate" in the ingest's reply without asking the store.
/// Bounded: the oldest key leaves when a new one comes in at capacity.
/// </summary>
public sealed class RecentEventKeys(int capacity)
{
    // Grown as keys come (doubling), not sized to the capacity up front: a preallocated million took ~49 MB of every
    // node's heap from start-up, however few events it ever saw.
    private readonly HashSet<Guid> _keys = new(Math.Min(capacity, 4096));
    private readonly Queue<Guid> _order = new(Math.Min(capacity, 4096));
    private readonly Lock _lock = new();

    /// <summary>For each key, true when it is new (and is now remembered), false when it was seen before.</summary>
    public void Admit(ReadOnlySpan<Guid> keys, Span<bool> isNew)
    {
        lock (_lock)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                isNew[i] = _keys.Add(keys[i]);
                if (!isNew[i]) continue;
                _order.Enqueue(keys[i]);
                if (_order.Count > capacity) _keys.Remove(_order.Dequeue());
            }
        }
    }

    /// <summary>
    /// Forgets keys admitted for events that were then not queued, so their retry counts as new. (Their place in the
    /// eviction order stays; evicting a key no longer in the set is harmless.)
    /// </summary>
    public void Forget(IEnumerable<Guid> keys)
    {
        lock (_lock)
        {
            foreach (var key in keys) _keys.Remove(key);
        }
    }

    /// <summary>Seeds the set with keys already stored, oldest first.</summary>
    public void Remember(IEnumerable<Guid> keys)
    {
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (!_keys.Add(key)) continue;
                _order.Enqueue(key);
                if (_order.Count > capacity) _keys.Remove(_order.Dequeue());
            }
        }
    }
}
