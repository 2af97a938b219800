namespace LiveCross.Testing;

/// <summary>
/// One running app shared by the tests of a class (xunit class fixture). Tests that share it make their
/// own data (unique SKUs, their own accounts), so they do not depend on each other.
/// </summary>
public abstract class AppFixture(TestDatabase database) : IAsyncLifetime
{
    private LiveCrossApp? _app;

    public TestDatabase Database => database;

    /// <summary>The app; skips the calling test (fails under CI) when its database server is not installed.</summary>
    public LiveCrossApp App
    {
        get
        {
            if (_app is null && database == TestDatabase.Postgres) ExternalProgram.Require(PostgresServer.InitDbPath, "PostgreSQL (initdb)");
            return _app ?? throw new InvalidOperationException("The app did not start.");
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (database == TestDatabase.Postgres && PostgresServer.InitDbPath is null && !ExternalProgram.IsCi) return;
        _app = await LiveCrossApp.StartAsync(database, configure: Configure);
    }

    /// <summary>Settings or services a fixture needs before the app starts.</summary>
    protected virtual void Configure(LiveCrossApp app)
    {
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

public sealed class SqliteAppFixture() : AppFixture(TestDatabase.Sqlite);

public sealed class PostgresAppFixture() : AppFixture(TestDatabase.Postgres);
