using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Server.Platform.DemoData;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
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
    private TimeProvider? _clock;
    private readonly Dictionary<string, string> _tokens = [];

    public LiveCrossApp(TestDatabase database, string? postgresConnectionString = null, bool demoData = true)
    {
        Database = database;
        DataDirectory = Path.Combine(Path.GetTempPath(), "livecross-test-" + Guid.NewGuid().ToString("N")[..12]);
        _settings["DataDirectory"] = DataDirectory;
        _settings["DemoData"] = demoData ? "true" : "false";
        _settings["Database:Provider"] = database.ToString();
        if (database == TestDatabase.Postgres) _settings["Database:ConnectionString"] = postgresConnectionString;
    }

    public TestDatabase Database { get; }

    public string DataDirectory { get; }

    /// <summary>Starts an app on the given database; for PostgreSQL, creates its database on the shared private server.</summary>
    public static async Task<LiveCrossApp> StartAsync(TestDatabase database, bool demoData = true, TimeProvider? clock = null)
    {
        var connection = database == TestDatabase.Postgres ? await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("livecross") : null;
        var app = new LiveCrossApp(database, connection, demoData) { _clock = clock };
        _ = app.Server; // builds and starts the host: migrations and seeding run now
        return app;
    }

    public LiveCrossApp WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        // Registered before the app's own services, so the platform's TryAdd keeps this clock (see PlatformModule).
        if (_clock is not null) builder.ConfigureServices(services => services.AddSingleton(_clock));
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
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
