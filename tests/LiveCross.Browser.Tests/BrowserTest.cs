using System.Text.RegularExpressions;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Testing;
using Microsoft.Playwright;

namespace LiveCross.Browser.Tests;

/// <summary>
/// A test in a fresh browser context (no cookies) on a phone-sized screen, against the class's server
/// and Chromium. The context speaks American English, so a shopper starts in the US market.
/// </summary>
public abstract class BrowserTest(ShopServerFixture server, ChromiumFixture chromium) : IAsyncLifetime
{
    public const int ViewportWidth = 420;

    private IBrowserContext? _context;
    private IPage? _page;

    static BrowserTest()
    {
        // The machine is small and shared; the first render of a page can take a few seconds.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    protected LiveCrossApp App => server.App;

    protected IBrowserContext Context => _context ?? throw new InvalidOperationException("No browser context.");

    protected IPage Page
    {
        get
        {
            _ = chromium.Browser; // skips the test when Chromium is missing
            return _page ?? throw new InvalidOperationException("No page.");
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (ChromiumFixture.ExecutablePath is null) return;
        _context = await chromium.Browser.NewContextAsync(new()
        {
            BaseURL = server.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new() { Width = ViewportWidth, Height = 900 },
            Locale = "en-US",
        });
        _context.SetDefaultTimeout(15_000);
        _page = await _context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null) await _context.DisposeAsync();
    }

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    /// <summary>Signs in through the login form, as a person would.</summary>
    protected async Task SignInAsync(string email, string password = DemoAccounts.Password)
    {
        await Page.GotoAsync("/account/login");
        await Page.GetByTestId("email").FillAsync(email);
        await Page.GetByTestId("password").FillAsync(password);
        await Page.GetByTestId("sign-in").ClickAsync();
        await Expect(Page.GetByTestId("user-name")).ToBeVisibleAsync();
    }

    /// <summary>Saves a full-page screenshot into the test output folder, for a human to look at.</summary>
    protected async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    protected static Regex PathIs(string path) => new("^https?://[^/]+" + Regex.Escape(path) + "(\\?.*)?$");
}
