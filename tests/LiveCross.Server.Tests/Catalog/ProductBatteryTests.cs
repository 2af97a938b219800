using System.Net;
using System.Text;
using System.Text.Json;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Catalog;

/// <summary>A product's lithium batteries, which decide how it may ship, as the seller API, the CSV import and shoppers see them.</summary>
public abstract class ProductBatteryTests(AppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task A_product_is_saved_with_its_battery_type_and_shoppers_see_it()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var created = await seller.CreateProductAsync(ProductBuilder.Titled($"Power bank {Unique.Word()}").Battery("Lithium-Ion-Alone"));

        created.GetProperty("battery").GetString().ShouldBe("lithium-ion-alone");
        using var shopper = App.CreateClient();
        var detail = await (await shopper.PublicProductAsync(created.Id(), "DE")).ShouldBeJsonAsync();
        detail.GetProperty("battery").GetString().ShouldBe("lithium-ion-alone");
    }

    [Fact]
    public async Task A_product_sent_without_a_battery_type_has_none()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var product = ProductBuilder.Titled($"Cable {Unique.Word()}").Battery("lithium-ion-in-equipment");
        var created = await seller.CreateProductAsync(product);

        // A replace states the whole product: leaving the battery out means it has none.
        var replaced = await (await seller.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{created.Id()}",
            ProductBuilder.Titled("Cable").Variant(created.GetProperty("variants")[0].GetProperty("sku").GetString()!, 9.90m).ToJson(created.GetProperty("version").GetGuid())))
            .ShouldBeJsonAsync();
        replaced.GetProperty("battery").GetString().ShouldBe("none");
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("LithiumIonAlone")]
    [InlineData("1")]
    public async Task An_unknown_battery_type_is_a_problem_naming_the_field(string battery)
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var response = await seller.SendJsonAsync(HttpMethod.Post, CatalogApi.SellerProducts, ProductBuilder.Titled("Torch").Battery(battery).ToJson());
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "battery");
        problem.GetProperty("errors").GetProperty("battery")[0].GetString()!.ShouldContain("lithium-ion-in-equipment");
    }

    [Fact]
    public async Task The_CSV_import_reads_the_battery_column_and_reports_a_bad_value_by_row_and_column()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller2);
        var word = Unique.Word();
        var (good, bad) = (Unique.Sku("SB"), Unique.Sku("SB"));
        var csv = new CsvBuilder([.. CatalogCsv.Columns, "battery"]);
        csv.Add(CatalogCsv.Row("fan", good, 59.00m, $"Neck fan {word}").Set("battery", "lithium-ion-in-equipment"));
        var imported = await (await seller.PostAsync("/api/v1/seller/products/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), Api.Cancel))
            .ShouldBeJsonAsync(HttpStatusCode.Created);
        var fan = await seller.SellerProductAsync(imported.GetProperty("productIds")[0].GetGuid());
        fan.GetProperty("battery").GetString().ShouldBe("lithium-ion-in-equipment");

        var broken = new CsvBuilder([.. CatalogCsv.Columns, "battery"]);
        var row = broken.Add(CatalogCsv.Row("fan2", bad, 59.00m, $"Neck fan {word}").Set("battery", "li-ion"));
        var problem = await (await seller.PostAsync("/api/v1/seller/products/import", new StringContent(broken.ToString(), Encoding.UTF8, "text/csv"), Api.Cancel))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("rows").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString()))
            .ShouldBe([(row, "battery")]);
    }

    [Fact]
    public async Task The_demo_power_bank_is_a_battery_alone_and_the_earbuds_have_one_built_in()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        async Task<string?> BatteryOf(string sku)
        {
            var id = (await seller.GetJsonAsync($"{CatalogApi.SellerProducts}?q={sku}")).Ids().Single();
            return (await seller.SellerProductAsync(id)).GetProperty("battery").GetString();
        }
        (await BatteryOf("VW-PCS-10K")).ShouldBe("lithium-ion-alone");
        (await BatteryOf("VW-AWP-BLK")).ShouldBe("lithium-ion-in-equipment");
        (await BatteryOf("VW-FLC-1M")).ShouldBe("none");
    }
}

public sealed class ProductBatteryTestsOnSqlite(SqliteAppFixture fixture) : ProductBatteryTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class ProductBatteryTestsOnPostgres(PostgresAppFixture fixture) : ProductBatteryTests(fixture), IClassFixture<PostgresAppFixture>;
