using LiveCross.Testing;
using Microsoft.Playwright;

namespace LiveCross.Browser.Tests;

/// <summary>
/// One headless Chromium per test class, driven by Playwright. It is the system's Chromium: the suite
/// never downloads a browser. Without Chromium the tests skip (and fail under CI=true).
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string? ExecutablePath => ExternalProgram.Find("/usr/bin/chromium");

    public IBrowser Browser
    {
        get
        {
            if (_browser is null) ExternalProgram.Require(ExecutablePath, "Chromium");
            return _browser ?? throw new InvalidOperationException("Chromium did not start.");
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (ExecutablePath is not { } chromium) return;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            // No sandbox: test machines and containers often run as root, where Chromium's sandbox refuses to start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
