[assembly: AssemblyFixture(typeof(LiveCross.Testing.SharedServersCleanup))]

namespace LiveCross.Testing;

/// <summary>Stops the servers a whole test process shares (its PostgreSQL) after the last test, before the runner's exit check.</summary>
public sealed class SharedServersCleanup : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await PostgresServer.StopSharedAsync();
}
