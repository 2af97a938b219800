using System.Net;
using System.Text.Json.Nodes;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Orders;

/// <summary>Addresses are checked against each country's rules, stored for customers, and copied into orders.</summary>
public abstract class AddressTests(OrdersAppFixture fixture)
{
    private const string Addresses = "/api/v1/account/addresses";

    private LiveCrossApp App => fixture.App;

    private static JsonObject Stored(JsonObject address, string? label = null, bool? isDefault = null) =>
        new() { ["label"] = label, ["address"] = address, ["isDefault"] = isDefault };

    private static JsonObject Toronto() => new()
    {
        ["name"] = "Priya Patel",
        ["line1"] = "100 Queen St W",
        ["city"] = "Toronto",
        ["region"] = "Ontario",
        ["postalCode"] = "m5h2n2",
        ["country"] = "CA",
        ["phone"] = "(416) 555-0123",
    };

    private async Task<HttpClient> NewCustomerAsync()
    {
        var email = Unique.Email("addr");
        using var anonymous = App.CreateClient();
        await (await anonymous.SendJsonAsync(HttpMethod.Post, "/api/v1/account/register", new JsonObject { ["email"] = email, ["password"] = "Address-pass-1" })).ShouldBeJsonAsync(HttpStatusCode.Created);
        return await App.ClientForAsync(email, "Address-pass-1");
    }

    [Fact]
    public async Task A_stored_address_is_normalized_postal_code_region_code_and_phone_in_E164()
    {
        using var customer = await NewCustomerAsync();

        var created = await (await customer.SendJsonAsync(HttpMethod.Post, Addresses, Stored(Toronto(), "Office"))).ShouldBeJsonAsync(HttpStatusCode.Created);

        var address = created.GetProperty("address");
        address.GetProperty("postalCode").GetString().ShouldBe("M5H 2N2");
        address.GetProperty("region").GetString().ShouldBe("ON");
        address.GetProperty("phone").GetString().ShouldBe("+14165550123");
        created.GetProperty("isDefault").GetBoolean().ShouldBeTrue();
        (await customer.GetJsonAsync(Addresses)).EnumerateArray().Select(a => a.Id()).ShouldBe([created.Id()]);
    }

    [Fact]
    public async Task Addresses_can_be_replaced_and_deleted_and_one_of_them_is_the_default()
    {
        using var customer = await NewCustomerAsync();
        var home = await (await customer.SendJsonAsync(HttpMethod.Post, Addresses, Stored(OrdersApi.BerlinAddress(), "Home"))).ShouldBeJsonAsync(HttpStatusCode.Created);
        var work = await (await customer.SendJsonAsync(HttpMethod.Post, Addresses, Stored(Toronto(), "Work", isDefault: true))).ShouldBeJsonAsync(HttpStatusCode.Created);

        var list = (await customer.GetJsonAsync(Addresses)).EnumerateArray().ToDictionary(a => a.Id(), a => a.GetProperty("isDefault").GetBoolean());
        list.ShouldBe(new Dictionary<Guid, bool> { [work.Id()] = true, [home.Id()] = false }, ignoreOrder: true);

        var moved = OrdersApi.BerlinAddress();
        moved["line1"] = "Karl-Marx-Allee 1";
        var replaced = await (await customer.SendJsonAsync(HttpMethod.Put, $"{Addresses}/{home.Id()}", Stored(moved, "Home"))).ShouldBeJsonAsync();
        replaced.GetProperty("address").GetProperty("line1").GetString().ShouldBe("Karl-Marx-Allee 1");

        (await customer.DeleteAsync($"{Addresses}/{work.Id()}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await customer.GetJsonAsync(Addresses)).EnumerateArray().Select(a => a.Id()).ShouldBe([home.Id()]);
    }

    public static TheoryData<string, string, string, string> BadAddresses => new()
    {
        { "DE", "postalCode", "1011", "address.postalCode" },
        { "GB", "postalCode", "SW1A", "address.postalCode" },
        { "US", "region", "", "address.region" },
        { "CA", "region", "XX", "address.region" },
        { "BR", "region", "Lisboa", "address.region" },
        { "DE", "phone", "12345", "address.phone" },
        { "DE", "phone", "", "address.phone" },
        { "DE", "name", "", "address.name" },
        { "DE", "line1", "", "address.line1" },
        { "DE", "country", "CN", "address.country" },
    };

    [Theory]
    [MemberData(nameof(BadAddresses))]
    public async Task A_wrong_field_is_refused_by_name(string country, string field, string value, string expectedField)
    {
        using var customer = await NewCustomerAsync();
        var address = country switch
        {
            "US" => new JsonObject { ["name"] = "Jo Doe", ["line1"] = "1 Market St", ["city"] = "San Francisco", ["region"] = "CA", ["postalCode"] = "94105", ["country"] = "US", ["phone"] = "+1 415 555 0100" },
            "GB" => new JsonObject { ["name"] = "Jo Doe", ["line1"] = "10 Downing St", ["city"] = "London", ["postalCode"] = "SW1A 2AA", ["country"] = "GB", ["phone"] = "020 7946 0018" },
            "BR" => new JsonObject { ["name"] = "Ana Souza", ["line1"] = "Av. Paulista, 1000", ["city"] = "São Paulo", ["region"] = "SP", ["postalCode"] = "01310-100", ["country"] = "BR", ["phone"] = "+55 11 91234-5678" },
            "CA" => Toronto(),
            _ => OrdersApi.BerlinAddress(),
        };
        address[field] = value;

        await (await customer.SendJsonAsync(HttpMethod.Post, Addresses, Stored(address))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, expectedField);
        (await customer.GetJsonAsync(Addresses)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task An_order_to_a_stored_address_keeps_the_address_as_it_was_when_ordered()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var customer = await NewCustomerAsync();
        var item = await seller.StockedSkuAsync(10.00m, 5);
        var stored = await (await customer.SendJsonAsync(HttpMethod.Post, Addresses, Stored(OrdersApi.BerlinAddress()))).ShouldBeJsonAsync(HttpStatusCode.Created);

        var order = await customer.PlaceOkAsync(new JsonObject
        {
            ["market"] = "DE",
            ["addressId"] = stored.Id().ToString(),
            ["items"] = new JsonArray(new JsonObject { ["sku"] = item.Sku, ["quantity"] = 1 }),
        });
        var moved = OrdersApi.BerlinAddress();
        moved["line1"] = "Alexanderplatz 1";
        await (await customer.SendJsonAsync(HttpMethod.Put, $"{Addresses}/{stored.Id()}", Stored(moved))).ShouldBeJsonAsync();

        var read = await customer.GetJsonAsync($"{OrdersApi.Orders}/{order.Id()}");
        read.GetProperty("shipTo").GetProperty("line1").GetString().ShouldBe("Friedrichstraße 43");
        read.GetProperty("email").GetString().ShouldEndWith("@example.test");
        read.TryGetProperty("accessToken", out var token).ShouldBeTrue();
        token.ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Another_customers_address_cannot_be_read_changed_or_ordered_to()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var owner = await NewCustomerAsync();
        using var other = await NewCustomerAsync();
        var item = await seller.StockedSkuAsync(10.00m, 5);
        var stored = await (await owner.SendJsonAsync(HttpMethod.Post, Addresses, Stored(OrdersApi.BerlinAddress()))).ShouldBeJsonAsync(HttpStatusCode.Created);

        (await other.GetJsonAsync(Addresses)).GetArrayLength().ShouldBe(0);
        (await other.SendJsonAsync(HttpMethod.Put, $"{Addresses}/{stored.Id()}", Stored(Toronto()))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.DeleteAsync($"{Addresses}/{stored.Id()}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await other.PlaceAsync(new JsonObject
        {
            ["market"] = "DE",
            ["addressId"] = stored.Id().ToString(),
            ["items"] = new JsonArray(new JsonObject { ["sku"] = item.Sku, ["quantity"] = 1 }),
        }, Guid.NewGuid().ToString())).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "addressId");
        (await owner.GetJsonAsync(Addresses)).EnumerateArray().Single().GetProperty("address").GetProperty("city").GetString().ShouldBe("Berlin");
    }

    [Fact]
    public async Task The_address_format_of_a_country_lists_its_regions()
    {
        using var anonymous = App.CreateClient();

        var canada = await anonymous.GetJsonAsync("/api/v1/address-formats/ca");

        canada.GetProperty("regionRequired").GetBoolean().ShouldBeTrue();
        canada.GetProperty("postalCodeExample").GetString().ShouldBe("K1A 0B1");
        canada.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldContain("QC");
        canada.GetProperty("regions").GetArrayLength().ShouldBe(13);
        await (await anonymous.GetAsync("/api/v1/address-formats/XX", Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "country");
    }

    [Fact]
    public async Task Stored_addresses_need_a_signed_in_account()
    {
        using var anonymous = App.CreateClient();

        await (await anonymous.GetAsync(Addresses, Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class AddressTestsOnSqlite(SqliteOrdersAppFixture fixture) : AddressTests(fixture), IClassFixture<SqliteOrdersAppFixture>;

public sealed class AddressTestsOnPostgres(PostgresOrdersAppFixture fixture) : AddressTests(fixture), IClassFixture<PostgresOrdersAppFixture>;
