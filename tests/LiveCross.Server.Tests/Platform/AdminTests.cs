using System.Net;
using System.Text.Json.Nodes;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Platform;

/// <summary>The platform admin edits markets, exchange rates and sellers; shoppers see the result at once; nobody else may.</summary>
public abstract class AdminTests(AppFixture fixture)
{
    private const string Password = "Correct-horse-9";

    private LiveCrossApp App => fixture.App;

    private Task<HttpClient> Admin() => App.ClientForAsync(DemoAccounts.Admin);

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd");

    /// <summary>Every admin endpoint with a valid request, so that a refusal can only come from who is asking.</summary>
    private static readonly Dictionary<string, Func<HttpClient, Guid, string, Task<HttpResponseMessage>>> AdminEndpoints = new()
    {
        ["GET /api/v1/admin/sellers"] = (c, seller, email) => c.GetAsync("/api/v1/admin/sellers", Api.Cancel),
        ["POST /api/v1/admin/sellers"] = (c, seller, email) => c.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/sellers",
            new JsonObject { ["name"] = "Intruder Goods", ["slug"] = "intruder-" + Unique.Word(), ["country"] = "US", ["currency"] = "USD" }),
        ["POST /api/v1/admin/sellers/{id:guid}/staff"] = (c, seller, email) => c.SendJsonAsync(HttpMethod.Post, $"/api/v1/admin/sellers/{seller}/staff",
            new JsonObject { ["email"] = email, ["password"] = Password }),
        ["PUT /api/v1/admin/markets/{code}"] = async (c, seller, email) =>
        {
            var nl = MarketBody.From(await c.GetJsonAsync("/api/v1/markets/NL"));
            nl["paymentMethods"]!.AsArray().Add("intruder-pay");
            return await c.SendJsonAsync(HttpMethod.Put, "/api/v1/admin/markets/NL", nl);
        },
        ["POST /api/v1/admin/exchange-rates"] = (c, seller, email) => c.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/exchange-rates",
            new JsonObject { ["base"] = "USD", ["quote"] = "THB", ["rate"] = 1.0m, ["source"] = "Intruder", ["asOf"] = Today }),
        // The rendered config carries the media server's callback secret.
        ["GET /api/v1/admin/media-server/nginx.conf"] = (c, seller, email) => c.GetAsync("/api/v1/admin/media-server/nginx.conf", Api.Cancel),
    };

    [Fact]
    public void Every_admin_endpoint_is_covered_by_the_authorization_check()
    {
        var routes = ApiRoutes.Named(App, "/api/v1/admin");

        routes.ShouldBe(AdminEndpoints.Keys, ignoreOrder: true);
    }

    public static TheoryData<string, string> NonAdminCalls =>
        new(from endpoint in AdminEndpoints.Keys
            from account in new[] { "anonymous", DemoAccounts.Seller1, DemoAccounts.Customer1 }
            select (endpoint, account));

    [Theory]
    [MemberData(nameof(NonAdminCalls))]
    public async Task Only_a_platform_admin_may_call_admin_endpoints(string endpoint, string account)
    {
        using var admin = await Admin();
        var seller = (await admin.GetJsonAsync("/api/v1/admin/sellers")).EnumerateArray().First().Id();
        var staffEmail = Unique.Email("staff");
        var before = await AdminStateAsync(admin);
        using var caller = account == "anonymous" ? App.CreateClient() : await App.ClientForAsync(account);

        var response = await AdminEndpoints[endpoint](caller, seller, staffEmail);

        await response.ShouldBeProblemAsync(account == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden);
        (await AdminStateAsync(admin)).ShouldBe(before);
        using var anonymous = App.CreateClient();
        await (await anonymous.SendJsonAsync(HttpMethod.Post, "/api/v1/account/login", new JsonObject { ["email"] = staffEmail, ["password"] = Password }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Admin_change_to_a_market_is_what_shoppers_see()
    {
        using var admin = await Admin();
        using var shopper = App.CreateClient();
        var method = "pay-" + Unique.Word();
        var nl = MarketBody.From(await shopper.GetJsonAsync("/api/v1/markets/NL"));
        nl["paymentMethods"]!.AsArray().Add(method);

        var saved = await (await admin.SendJsonAsync(HttpMethod.Put, "/api/v1/admin/markets/NL", nl)).ShouldBeJsonAsync();

        saved.GetProperty("paymentMethods").EnumerateArray().Select(m => m.GetString()).ShouldContain(method);
        var shown = await shopper.GetJsonAsync("/api/v1/markets/NL");
        shown.GetProperty("paymentMethods").EnumerateArray().Select(m => m.GetString()).ShouldContain(method);
        (await shopper.GetJsonAsync("/api/v1/markets")).EnumerateArray().Single(m => m.GetProperty("code").GetString() == "NL")
            .GetProperty("paymentMethods").EnumerateArray().Select(m => m.GetString()).ShouldContain(method);
    }

    [Fact]
    public async Task Invalid_market_definition_is_refused_naming_each_field_and_changes_nothing()
    {
        using var admin = await Admin();
        using var shopper = App.CreateClient();
        var before = (await shopper.GetJsonAsync("/api/v1/markets/DE")).GetRawText();
        var de = MarketBody.From(await shopper.GetJsonAsync("/api/v1/markets/DE"));
        de["currencyMinorUnits"] = 0;
        de["defaultLocale"] = "fr-FR";
        de["paymentMethods"]!.AsArray().Add("ideal-" + Unique.Word());

        var problem = await (await admin.SendJsonAsync(HttpMethod.Put, "/api/v1/admin/markets/DE", de)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Api.ErrorFields(problem).ShouldBe(["currencyMinorUnits", "defaultLocale"], ignoreOrder: true);
        (await shopper.GetJsonAsync("/api/v1/markets/DE")).GetRawText().ShouldBe(before);
        de["currencyMinorUnits"] = 2;
        de["defaultLocale"] = "de-DE";
        de["currency"] = "DEM";
        await (await admin.SendJsonAsync(HttpMethod.Put, "/api/v1/admin/markets/DE", de)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "currency");
        (await shopper.GetJsonAsync("/api/v1/markets/DE")).GetRawText().ShouldBe(before);
    }

    [Fact]
    public async Task Newer_dollar_euro_rate_reprices_german_shelves()
    {
        using var admin = await Admin();
        using var seller1 = await App.ClientForAsync(DemoAccounts.Seller1);
        using var seller2 = await App.ClientForAsync(DemoAccounts.Seller2);
        using var shopper = App.CreateClient();
        var inDollars = await seller1.CreateProductAsync(ProductBuilder.Titled($"USB Hub {Unique.Word()}").Variant(Unique.Sku(), 42.99m));
        var inYuan = await seller2.CreateProductAsync(ProductBuilder.Titled($"Silk Gloves {Unique.Word()}").Category("apparel/accessories").HsCode("611610").Variant(Unique.Sku(), 158.00m));
        var oldRate = await shopper.RateAsync("USD", "EUR");
        var usdToCny = await shopper.RateAsync("USD", "CNY");
        var newRate = decimal.Round(oldRate * 1.07m, 4);
        var usBefore = (await (await shopper.PublicProductAsync(inDollars.Id(), "US")).ShouldBeJsonAsync()).GetProperty("price").Amount();

        var added = await (await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/exchange-rates",
            new JsonObject { ["base"] = "USD", ["quote"] = "EUR", ["rate"] = newRate, ["source"] = "ECB reference rate", ["asOf"] = Today })).ShouldBeJsonAsync(HttpStatusCode.Created);

        added.GetProperty("rate").GetDecimal().ShouldBe(newRate);
        (await shopper.RateAsync("USD", "EUR")).ShouldBe(newRate);
        var dollarsInDe = await (await shopper.PublicProductAsync(inDollars.Id(), "DE")).ShouldBeJsonAsync();
        dollarsInDe.GetProperty("price").Amount().ShouldBe(CatalogApi.Converted(42.99m, newRate, 2));
        dollarsInDe.GetProperty("price").Amount().ShouldNotBe(CatalogApi.Converted(42.99m, oldRate, 2));
        var yuanInDe = await (await shopper.PublicProductAsync(inYuan.Id(), "DE")).ShouldBeJsonAsync();
        yuanInDe.GetProperty("price").Amount().ShouldBe(CatalogApi.Converted(158.00m, 1m / usdToCny * newRate, 2));
        (await (await shopper.PublicProductAsync(inDollars.Id(), "US")).ShouldBeJsonAsync()).GetProperty("price").Amount().ShouldBe(usBefore);
    }

    [Fact]
    public async Task Newer_rate_entered_the_other_way_round_reprices_too()
    {
        using var admin = await Admin();
        using var seller1 = await App.ClientForAsync(DemoAccounts.Seller1);
        using var shopper = App.CreateClient();
        var product = await seller1.CreateProductAsync(ProductBuilder.Titled($"Webcam {Unique.Word()}").Variant(Unique.Sku(), 64.00m));
        var poundsPerDollar = await shopper.RateAsync("USD", "GBP");
        var dollarsPerPound = decimal.Round(1m / poundsPerDollar * 1.05m, 4);

        // Sterling is quoted as dollars per pound (GBP/USD), the inverse of the stored USD/GBP pair.
        await (await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/exchange-rates",
            new JsonObject { ["base"] = "GBP", ["quote"] = "USD", ["rate"] = dollarsPerPound, ["source"] = "Bank of England", ["asOf"] = Today })).ShouldBeJsonAsync(HttpStatusCode.Created);

        var inGb = await (await shopper.PublicProductAsync(product.Id(), "GB")).ShouldBeJsonAsync();
        inGb.GetProperty("price").Currency().ShouldBe("GBP");
        inGb.GetProperty("price").Amount().ShouldBe(CatalogApi.Converted(64.00m, 1m / dollarsPerPound, 2));
    }

    [Fact]
    public async Task Admin_onboards_a_seller_whose_staff_can_sign_in_and_sell()
    {
        using var admin = await Admin();
        using var shopper = App.CreateClient();
        var slug = "alpine-" + Unique.Word();
        var email = Unique.Email("staff");

        var seller = await (await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/sellers",
            new JsonObject { ["name"] = "Alpine Outdoor GmbH", ["slug"] = slug, ["country"] = "DE", ["currency"] = "EUR" })).ShouldBeJsonAsync(HttpStatusCode.Created);
        await (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/admin/sellers/{seller.Id()}/staff",
            new JsonObject { ["email"] = email, ["password"] = Password, ["displayName"] = "Jonas" })).ShouldBeJsonAsync(HttpStatusCode.Created);

        (await admin.GetJsonAsync("/api/v1/admin/sellers")).EnumerateArray().Select(s => s.GetProperty("slug").GetString()).ShouldContain(slug);
        using var staff = await App.ClientForAsync(email, Password);
        (await staff.GetJsonAsync("/api/v1/account/me")).GetProperty("sellerId").GetGuid().ShouldBe(seller.Id());
        (await staff.SellerProductCountAsync()).ShouldBe(0);
        var product = await staff.CreateProductAsync(ProductBuilder.Titled($"Trail Headlamp {Unique.Word()}").Category("electronics/wearables").HsCode("851310").Variant(Unique.Sku(), 34.90m));
        product.GetProperty("variants")[0].GetProperty("price").Currency().ShouldBe("EUR");
        var inDe = await (await shopper.PublicProductAsync(product.Id(), "DE")).ShouldBeJsonAsync();
        inDe.GetProperty("price").Amount().ShouldBe(34.90m);
        inDe.GetProperty("seller").GetProperty("name").GetString().ShouldBe("Alpine Outdoor GmbH");
    }

    private static async Task<string> AdminStateAsync(HttpClient admin) =>
        string.Join('\n',
            (await admin.GetJsonAsync("/api/v1/admin/sellers")).GetRawText(),
            (await admin.GetJsonAsync("/api/v1/exchange-rates")).GetRawText(),
            (await admin.GetJsonAsync("/api/v1/markets/NL")).GetRawText());
}

public sealed class AdminTestsOnSqlite(SqliteAppFixture fixture) : AdminTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class AdminTestsOnPostgres(PostgresAppFixture fixture) : AdminTests(fixture), IClassFixture<PostgresAppFixture>;
