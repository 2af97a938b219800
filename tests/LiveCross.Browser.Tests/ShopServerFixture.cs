using System.Net;
using LiveCross.Testing;

namespace LiveCross.Browser.Tests;

/// <summary>
/// The whole server on Kestrel at a random loopback port, so a real browser can reach it over HTTP;
/// SQLite with demo data. One per test class (class fixture); tests make their own products.
/// </summary>
public sealed class ShopServerFixture : IAsyncLifetime
{
    private LiveCrossApp? _app;

    public LiveCrossApp App => _app ?? throw new InvalidOperationException("The server did not start.");

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri BaseAddress => App.ClientOptions.BaseAddress;

    public ValueTask InitializeAsync()
    {
        var app = new LiveCrossApp(TestDatabase.Sqlite);
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer(); // migrations and demo data run now
        _app = app;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
