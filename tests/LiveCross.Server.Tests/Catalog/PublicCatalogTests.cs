using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Catalog;

public abstract class PublicCatalogTests(AppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task Product_list_for_DE_is_priced_in_euro_with_cents()
    {
        using var client = App.CreateClient();
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/products?market=DE&locale=de&pageSize=100", TestContext.Current.CancellationToken);
        page.GetProperty("currency").GetString().ShouldBe("EUR");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.ShouldNotBeEmpty();
        foreach (var item in items)
        {
            var price = item.GetProperty("price");
            price.GetProperty("currency").GetString().ShouldBe("EUR");
            var amount = price.GetProperty("amount").GetDecimal();
            amount.ShouldBeGreaterThan(0m);
            decimal.Round(amount, 2).ShouldBe(amount);
        }
    }

    [Fact]
    public async Task Product_list_for_JP_has_whole_yen()
    {
        using var client = App.CreateClient();
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/products?market=JP&pageSize=100", TestContext.Current.CancellationToken);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.ShouldNotBeEmpty();
        foreach (var item in items)
        {
            var amount = item.GetProperty("price").GetProperty("amount").GetDecimal();
            decimal.Round(amount, 0).ShouldBe(amount);
            item.GetProperty("price").GetProperty("currency").GetString().ShouldBe("JPY");
        }
    }
}

public sealed class PublicCatalogTestsOnSqlite(SqliteAppFixture fixture) : PublicCatalogTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PublicCatalogTestsOnPostgres(PostgresAppFixture fixture) : PublicCatalogTests(fixture), IClassFixture<PostgresAppFixture>;
