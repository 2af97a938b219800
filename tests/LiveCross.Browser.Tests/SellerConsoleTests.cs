using System.Globalization;
using System.Net.Http.Json;
using LiveCross.Server.Platform.DemoData;
using Microsoft.Playwright;

namespace LiveCross.Browser.Tests;

public sealed class SellerConsoleTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Seller_edits_title_and_price_and_shoppers_see_them_on_the_product_page()
    {
        var ct = TestContext.Current.CancellationToken;
        var product = await TestProducts.CreateAsync(App, "Console Test Earbuds " + Guid.NewGuid().ToString("N")[..6], 59.90m, ct);
        var newTitle = "Renamed Earbuds " + Guid.NewGuid().ToString("N")[..6];

        await SignInAsync("seller1@livecross.test");
        await Page.GotoAsync("/seller/products");
        await Page.GetByTestId("seller-products").GetByTestId("edit-link").Filter(new() { HasText = product.Title }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(PathIs($"/seller/products/{product.Id}"));
        await Page.GetByTestId("title-en").FillAsync(newTitle);
        await Page.GetByTestId($"price-{product.Sku}").FillAsync(74.25m.ToString(CultureInfo.InvariantCulture));
        await Page.GetByTestId("save").ClickAsync();

        await Expect(Page.GetByTestId("saved")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("title-en")).ToHaveValueAsync(newTitle);

        await Page.GotoAsync($"/products/{product.Id}");
        await Expect(Page.GetByTestId("product-title")).ToHaveTextAsync(newTitle);
        await Expect(Page.GetByTestId("product-price")).ToHaveTextAsync("$74.25");
    }

    [Fact]
    public async Task Customer_who_opens_the_seller_console_is_denied()
    {
        await SignInAsync("customer1@livecross.test");

        await Page.GotoAsync("/seller/products");

        await Expect(Page).ToHaveURLAsync(PathIs("/account/denied"));
        await Expect(Page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("seller-products")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Anonymous_visitor_of_the_seller_console_is_sent_to_sign_in_and_back()
    {
        await Page.GotoAsync("/seller/products");

        await Expect(Page).ToHaveURLAsync(PathIs("/account/login"));
        await Page.GetByTestId("email").FillAsync("seller1@livecross.test");
        await Page.GetByTestId("password").FillAsync(DemoAccounts.Password);
        await Page.GetByTestId("sign-in").ClickAsync();

        await Expect(Page).ToHaveURLAsync(PathIs("/seller/products"));
        await Expect(Page.GetByTestId("seller-products")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_cookie_signed_in_api_change_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var product = await TestProducts.CreateAsync(App, "Forgery Target " + Guid.NewGuid().ToString("N")[..6], 19.90m, ct);
        await SignInAsync("seller1@livecross.test");

        // What a page on another site could make this browser send: the sign-in cookie, but no token.
        var response = await Context.APIRequest.PostAsync($"/api/v1/seller/products/{product.Id}/archive");

        response.Status.ShouldBe(400);
        (await response.TextAsync()).ShouldContain("antiforgery");
        using var seller = await App.ClientForAsync("seller1@livecross.test");
        var stored = await seller.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/seller/products/{product.Id}", ct);
        stored.GetProperty("status").GetString().ShouldBe("active");
    }

    [Fact]
    public async Task Seller_imports_a_csv_in_the_console_and_a_bad_file_shows_its_rows_and_imports_nothing()
    {
        var key = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        const string header = "product_key,category,hs_code,origin_country,weight_grams,status,sku,price,title:en";
        var good = $"{header}\nlamp,home/kitchen,940520,CN,900,active,LAMP-{key}-1,24.50,Console Lamp {key}\n";
        var bad = $"{header}\nkettle,home/kitchen,851671,CN,1200,active,KET-{key}-1,31.00,Console Kettle {key}\nkettle,home/kitchen,851671,CN,1200,active,KET-{key}-2,abc,Console Kettle {key}\n";
        await SignInAsync("seller1@livecross.test");

        await Page.GotoAsync("/seller/products");
        await Page.GetByTestId("import-link").ClickAsync();
        await Page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "bad.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(bad) });
        await Page.GetByTestId("import-submit").ClickAsync();

        await Expect(Page.GetByTestId("import-failed")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("import-problems").Locator("tbody tr").First.Locator("td").First).ToHaveTextAsync("3");
        await Expect(Page.GetByTestId("import-problems")).ToContainTextAsync("price");

        await Page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "good.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(good) });
        await Page.GetByTestId("import-submit").ClickAsync();
        await Expect(Page.GetByTestId("import-done")).ToBeVisibleAsync();

        await Page.GotoAsync($"/seller/products?q={key}");
        await Expect(Page.GetByTestId("seller-products").GetByTestId("edit-link")).ToHaveTextAsync([$"Console Lamp {key}"]);
    }

    [Fact]
    public async Task Seller_creates_a_product_in_the_console_after_fixing_a_mistake()
    {
        var key = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await SignInAsync("seller1@livecross.test");
        await Page.GotoAsync("/seller/products");
        await Page.GetByTestId("new-link").ClickAsync();

        await Page.GetByTestId("hs-code").FillAsync("12345");
        await Page.GetByTestId("weight").FillAsync("450");
        await Page.GetByTestId("title").FillAsync($"Console Speaker {key}");
        await Page.GetByTestId("sku").FillAsync($"SPK-{key}");
        await Page.GetByTestId("price").FillAsync("39.90");
        await Page.GetByTestId("create").ClickAsync();
        await Expect(Page.GetByTestId("errors")).ToContainTextAsync("hsCode");

        await Page.GetByTestId("hs-code").FillAsync("851822");
        await Page.GetByTestId("create").ClickAsync();

        await Expect(Page.GetByTestId($"price-SPK-{key}")).ToHaveValueAsync("39.90");
        await Expect(Page.GetByTestId("title-en")).ToHaveValueAsync($"Console Speaker {key}");
    }

    [Fact]
    public async Task A_seller_opening_another_sellers_product_in_the_console_finds_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var product = await TestProducts.CreateAsync(App, "Other Seller Lamp " + Guid.NewGuid().ToString("N")[..6], 15.00m, ct);
        await SignInAsync("seller2@livecross.test");

        await Page.GotoAsync($"/seller/products/{product.Id}");

        await Expect(Page.GetByTestId("not-found")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("save")).ToHaveCountAsync(0);
        await Page.GotoAsync($"/seller/products?q={product.Sku}");
        await Expect(Page.GetByTestId("seller-products").GetByTestId("edit-link")).ToHaveCountAsync(0);
    }
}
