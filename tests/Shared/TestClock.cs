namespace LiveCross.Testing;

/// <summary>
/// The app's clock in tests: real time plus an offset a test moves forward, so that a payment window can pass
/// in an instant. Timers and delays still run in real time, so background jobs keep polling as they do in production.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), by, "Time only moves forward.");
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
