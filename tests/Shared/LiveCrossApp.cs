using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Server.Platform.DemoData;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Testing;

public enum TestDatabase
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The whole LiveCross server in the test process, on a real database: a SQLite file in a temporary
/// data folder, or a fresh database on the private PostgreSQL server. Demo data is seeded, so the demo
/// accounts and sellers exist.
/// </summary>
public class LiveCrossApp : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, string?> _settings = [];
    private readonly Dictionary<string, string> _tokens = [];
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly bool _ownsDataDirectory;

    /// <param name="dataDirectory">A data folder to share with another app (a restart on the same SQLite file); the caller deletes it. By default a fresh one, deleted on dispose.</param>
    public LiveCrossApp(TestDatabase database, string? postgresConnectionString = null, bool demoData = true, string? dataDirectory = null)
    {
        Database = database;
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? NewDataDirectory();
        _settings["DataDirectory"] = DataDirectory;
        _settings["DemoData"] = demoData ? "true" : "false";
        _settings["Database:Provider"] = database.ToString();
        if (database == TestDatabase.Postgres) _settings["Database:ConnectionString"] = postgresConnectionString;
    }

    public TestDatabase Database { get; }

    /// <summary>The app's TimeProvider; move it forward to let time pass.</summary>
    public TestClock Clock { get; } = new();

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "livecross-test-" + Guid.NewGuid().ToString("N")[..12]);

    public string DataDirectory { get; }

    /// <summary>Starts an app on the given database; for PostgreSQL, creates its database on the shared private server.</summary>
    public static async Task<LiveCrossApp> StartAsync(TestDatabase database, bool demoData = true, Action<LiveCrossApp>? configure = null, string? dataDirectory = null)
    {
        var connection = database == TestDatabase.Postgres ? await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("livecross") : null;
        var app = new LiveCrossApp(database, connection, demoData, dataDirectory);
        configure?.Invoke(app);
        _ = app.Server; // builds and starts the host: migrations and seeding run now
        return app;
    }

    public LiveCrossApp WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Adds or replaces services before the app starts (a test's own outbox handler, say).</summary>
    public LiveCrossApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            foreach (var configure in _services) configure(services);
        });
    }

    /// <summary>An HTTP client signed in with a bearer token, as an API client would be.</summary>
    public async Task<HttpClient> ClientForAsync(string email, string password = DemoAccounts.Password)
    {
        if (!_tokens.TryGetValue(email, out var token))
        {
            using var anonymous = CreateClient();
            var response = await anonymous.PostAsJsonAsync("/api/v1/account/login", new { email, password });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"sign-in of {email}: {await response.Content.ReadAsStringAsync()}");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
            _tokens[email] = token = body.GetProperty("accessToken").GetString()!;
        }
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDataDirectory) return;
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
