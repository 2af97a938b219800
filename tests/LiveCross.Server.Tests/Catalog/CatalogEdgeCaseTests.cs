using System.Net;
using System.Text.Json.Nodes;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Catalog;

/// <summary>Inputs at the edges of what is allowed, and markets that change under fixed prices.</summary>
public abstract class CatalogEdgeCaseTests(AppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task Longest_allowed_title_and_description_with_CJK_options_are_stored_and_found()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var word = Unique.Word();
        var cjk = new string('丝', 80);
        var options = new Dictionary<string, string> { ["颜色一"] = cjk, ["颜色二"] = cjk, ["颜色三"] = cjk, ["颜色四"] = cjk, ["颜色五"] = cjk };
        var title = (word + " " + new string('T', 200))[..200];
        var product = ProductBuilder.Titled(title, new string('ﷺ', 5000)).Variant(Unique.Sku(), 30.00m, options: options);

        var created = await seller.CreateProductAsync(product);

        using var shopper = App.CreateClient();
        (await shopper.SearchAsync("US", word)).Ids().ShouldContain(created.Id());
        var stored = await seller.SellerProductAsync(created.Id());
        stored.GetProperty("variants")[0].GetProperty("options").GetProperty("颜色五").GetString().ShouldBe(cjk);
    }

    [Fact]
    public async Task Options_written_in_emoji_are_stored_whatever_their_escaped_length()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var emoji = string.Concat(Enumerable.Repeat("🔴", 40));
        var options = Enumerable.Range(1, 5).ToDictionary(i => new string((char)('a' + i), 39), _ => emoji);

        var created = await seller.CreateProductAsync(ProductBuilder.Titled("Emoji Case " + Unique.Word()).Variant(Unique.Sku(), 9.90m, options: options));

        var stored = await seller.SellerProductAsync(created.Id());
        stored.GetProperty("variants")[0].GetProperty("options").GetProperty(new string('f', 39)).GetString().ShouldBe(emoji);
    }

    [Fact]
    public async Task A_fixed_price_stops_applying_when_the_market_changes_its_currency()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var admin = await App.ClientForAsync(DemoAccounts.Admin);
        using var shopper = App.CreateClient();
        var sku = Unique.Sku();
        var created = await seller.CreateProductAsync(ProductBuilder.Titled("Fixed Price Lamp " + Unique.Word()).Variant(sku, 20.00m));
        (await seller.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{created.Id()}/markets/IE",
            new JsonObject { ["prices"] = new JsonArray(new JsonObject { ["sku"] = sku, ["amount"] = 49.99m }) })).EnsureSuccessStatusCode();
        var inEuro = await (await shopper.PublicProductAsync(created.Id(), "IE")).ShouldBeJsonAsync();
        inEuro.GetProperty("price").Amount().ShouldBe(49.99m);

        var ireland = MarketBody.From(await admin.GetJsonAsync("/api/v1/markets/IE"));
        ireland["currency"] = "GBP";
        (await admin.SendJsonAsync(HttpMethod.Put, "/api/v1/admin/markets/IE", ireland)).EnsureSuccessStatusCode();

        var inPounds = await (await shopper.PublicProductAsync(created.Id(), "IE")).ShouldBeJsonAsync();
        inPounds.GetProperty("price").Currency().ShouldBe("GBP");
        var rate = await shopper.RateAsync("USD", "GBP");
        inPounds.GetProperty("price").Amount().ShouldBe(CatalogApi.Converted(20.00m, rate, 2));
    }

    [Fact]
    public async Task Market_names_follow_the_locale_whatever_its_letter_case()
    {
        using var shopper = App.CreateClient();
        (await shopper.GetJsonAsync("/api/v1/markets/DE?locale=zh-hans")).GetProperty("name").GetString().ShouldBe("德国");
        (await shopper.GetJsonAsync("/api/v1/markets/DE?locale=ZH-HANS")).GetProperty("name").GetString().ShouldBe("德国");
    }

    [Theory]
    [InlineData("/?page=abc")]
    [InlineData("/?page=1.5")]
    [InlineData("/?page=-3")]
    [InlineData("/?category=nonsense")]
    public async Task Storefront_home_shrugs_off_query_values_a_person_typed(string url)
    {
        using var shopper = App.CreateClient();
        var response = await shopper.GetAsync(url, Api.Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Api.Cancel)).ShouldContain("data-testid=\"product-grid\"");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task An_unknown_page_is_a_readable_not_found_page_and_an_unknown_api_path_a_problem(string method)
    {
        using var client = App.CreateClient();

        var page = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/no-such-page"), Api.Cancel);
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await page.Content.ReadAsStringAsync(Api.Cancel)).ShouldContain("data-testid=\"error-page\"");

        var api = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/v1/no-such-thing"), Api.Cancel);
        api.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        api.Content.Headers.ContentType!.MediaType.ShouldBe(Api.ProblemJson);
    }

    [Fact]
    public async Task A_search_cut_at_200_characters_never_splits_an_emoji()
    {
        using var shopper = App.CreateClient();
        var q = Uri.EscapeDataString(new string('a', 199) + "😀");
        var response = await shopper.GetAsync($"/?q={q}", Api.Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    public async Task Preferences_never_redirect_off_the_site(string returnUrl)
    {
        using var shopper = App.CreateClient(new() { AllowAutoRedirect = false });
        var response = await shopper.GetAsync($"/preferences?market=DE&returnUrl={returnUrl}", Api.Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
    }
}

public sealed class CatalogEdgeCaseTestsOnSqlite(SqliteAppFixture fixture) : CatalogEdgeCaseTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class CatalogEdgeCaseTestsOnPostgres(PostgresAppFixture fixture) : CatalogEdgeCaseTests(fixture), IClassFixture<PostgresAppFixture>;
