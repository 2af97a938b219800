using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCross.Server.Catalog;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Shipping;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Shipping;

/// <summary>
/// Shipping options through the API, for the demo catalog (both demo sellers ship from CN) and products the
/// tests create. Expected prices are worked out here from the rate cards in Shipping/Data/Lanes/CN.json and the
/// exchange-rate snapshot (1 USD = 0.8650 EUR = 0.7600 GBP).
/// </summary>
public abstract class ShippingOptionsTests(AppFixture fixture)
{
    private const string OptionsUrl = "/api/v1/shipping/options";

    // Demo SKUs: earbuds with a built-in battery, and a power bank (a battery alone) that is blocked in AU.
    private const string Earbuds = "VW-AWP-BLK";
    private const string PowerBank = "VW-PCS-10K";

    private static readonly string[] EconomyServices = ["cainiao-economy", "cainiao-standard", "yunexpress-standard"];

    private LiveCrossApp App => fixture.App;

    private static JsonObject Parcel(string destination, params JsonObject[] items) =>
        new() { ["destination"] = destination, ["items"] = new JsonArray(items) };

    private static JsonObject Sku(string sku, int quantity = 1) => new() { ["sku"] = sku, ["quantity"] = quantity };

    private static JsonObject Described(int grams, string? battery = null) =>
        new() { ["weightGrams"] = grams, ["lengthMm"] = 200, ["widthMm"] = 150, ["heightMm"] = 80, ["quantity"] = 1, ["battery"] = battery };

    private async Task<JsonElement> OptionsAsync(JsonObject body, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var client = App.CreateClient();
        return await (await client.SendJsonAsync(HttpMethod.Post, OptionsUrl, body)).ShouldBeJsonAsync(status);
    }

    private static Dictionary<string, JsonElement> ById(JsonElement response) =>
        response.GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!);

    private async Task<Guid> DemoProductIdAsync(string sku)
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var list = await seller.GetJsonAsync($"{CatalogApi.SellerProducts}?q={sku}");
        return list.Ids().Single();
    }

    [Fact]
    public async Task The_product_page_shows_earbuds_to_GB_by_express_in_pounds_and_not_by_post_or_air_economy()
    {
        using var shopper = App.CreateClient();
        var id = await DemoProductIdAsync(Earbuds);

        var response = await shopper.GetJsonAsync($"/api/v1/products/{id}/shipping-options?market=GB&quantity=1&sku={Earbuds}");

        response.GetProperty("origin").GetString().ShouldBe("CN");
        response.GetProperty("destination").GetString().ShouldBe("GB");
        response.GetProperty("currency").GetString().ShouldBe("GBP");
        var options = ById(response);
        foreach (var economy in EconomyServices)
        {
            options[economy].GetProperty("available").GetBoolean().ShouldBeFalse(economy);
            options[economy].GetProperty("price").ValueKind.ShouldBe(JsonValueKind.Null);
            options[economy].GetProperty("unavailable").GetProperty("reason").GetString().ShouldBe("batteries");
            options[economy].GetProperty("unavailable").GetProperty("battery").GetString().ShouldBe("lithium-ion-in-equipment");
            options[economy].GetProperty("unavailable").GetProperty("message").GetString()!.ShouldStartWith("Not available: contains lithium batteries");
        }
        // 180 g in a 110 × 100 × 45 mm box: 0.5 kg chargeable. DHL CN → GB: 38.00 USD + 27.5% fuel (10.45) = 48.45 USD = 36.82 GBP.
        var dhl = options["dhl-express"];
        dhl.GetProperty("available").GetBoolean().ShouldBeTrue();
        dhl.GetProperty("chargeableWeightGrams").GetInt64().ShouldBe(500);
        dhl.GetProperty("carrierPrice").Amount().ShouldBe(48.45m);
        dhl.GetProperty("carrierPrice").Currency().ShouldBe("USD");
        dhl.GetProperty("price").Amount().ShouldBe(36.82m);
        dhl.GetProperty("price").Currency().ShouldBe("GBP");
        dhl.GetProperty("mode").GetString().ShouldBe("air");
    }

    [Fact]
    public async Task Available_options_come_cheapest_first_before_the_refused_ones()
    {
        var response = await OptionsAsync(Parcel("DE", Sku(Earbuds, 2)));
        var options = response.GetProperty("options").EnumerateArray().ToList();
        var available = options.TakeWhile(o => o.GetProperty("available").GetBoolean()).ToList();
        available.Count.ShouldBeGreaterThanOrEqualTo(3);
        available.Select(o => o.GetProperty("price").Amount()).ShouldBeInOrder(SortDirection.Ascending);
        options.Skip(available.Count).ShouldAllBe(o => !o.GetProperty("available").GetBoolean());
        response.GetProperty("message").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_created_product_is_priced_from_its_weight_and_size_and_converted_to_euro()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sku = Unique.Sku();
        await seller.CreateProductAsync(ProductBuilder.Titled($"Desk lamp {Unique.Word()}").Variant(sku, 30.00m).WeightGrams(600).Dimensions(300, 150, 100));

        var options = ById(await OptionsAsync(Parcel("DE", Sku(sku))));

        // 300 × 150 × 100 mm = 4,500 cm³ ÷ 5000 = 0.9 kg volumetric beats 0.6 kg actual: 1 kg chargeable.
        // DHL CN → DE up to 1 kg: 38.00 + 8.00 = 46.00 USD; fuel 27.5% = 12.65; 58.65 USD × 0.8650 = 50.73225 → 50.73 EUR.
        var dhl = options["dhl-express"];
        dhl.GetProperty("chargeableWeightGrams").GetInt64().ShouldBe(1000);
        dhl.GetProperty("charges").EnumerateArray().Select(c => (c.GetProperty("type").GetString(), c.GetProperty("amount").Amount()))
            .ShouldBe([("freight", 46.00m), ("fuel", 12.65m)]);
        dhl.GetProperty("carrierPrice").Amount().ShouldBe(58.65m);
        dhl.GetProperty("price").Amount().ShouldBe(50.73m);
        dhl.GetProperty("price").Currency().ShouldBe("EUR");
        // Cainiao Super Economy weighs the actual 0.6 kg only: up to 1 kg 2.20 + 10.50 = 12.70 USD × 0.8650 = 10.9855 → 10.99 EUR.
        options["cainiao-economy"].GetProperty("chargeableWeightGrams").GetInt64().ShouldBe(600);
        options["cainiao-economy"].GetProperty("price").Amount().ShouldBe(10.99m);
    }

    [Fact]
    public async Task Prices_to_Japan_are_in_whole_yen()
    {
        var options = ById(await OptionsAsync(Parcel("JP", Sku(Earbuds))));
        // DHL CN → JP up to 0.5 kg: 24.00 USD + 27.5% = 30.60 USD × 155.40 = 4755.24 → 4755 JPY.
        options["dhl-express"].GetProperty("price").Amount().ShouldBe(4755m);
        options["dhl-express"].GetProperty("price").Currency().ShouldBe("JPY");
    }

    [Fact]
    public async Task A_power_bank_goes_as_dangerous_goods_by_the_services_that_take_it()
    {
        var options = ById(await OptionsAsync(Parcel("DE", Sku(PowerBank))));
        var dhl = options["dhl-express"];
        dhl.GetProperty("available").GetBoolean().ShouldBeTrue();
        dhl.GetProperty("charges").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "dangerous-goods").GetProperty("amount").Amount().ShouldBe(35.00m);
        options["ups-saver"].GetProperty("unavailable").GetProperty("battery").GetString().ShouldBe("lithium-ion-alone");
        options["yunexpress-rail"].GetProperty("available").GetBoolean().ShouldBeTrue();
        foreach (var economy in EconomyServices) options[economy].GetProperty("available").GetBoolean().ShouldBeFalse(economy);
    }

    [Fact]
    public async Task Lithium_metal_cells_on_their_own_go_by_no_service_and_the_answer_says_so()
    {
        var response = await OptionsAsync(Parcel("GB", Described(100, "lithium-metal-alone")).Also("shipFrom", "CN"));
        var options = response.GetProperty("options").EnumerateArray().ToList();
        options.ShouldNotBeEmpty();
        options.ShouldAllBe(o => !o.GetProperty("available").GetBoolean());
        options.Where(o => o.GetProperty("mode").GetString() == "air").ShouldNotBeEmpty();
        response.GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Delivery_dates_skip_the_destinations_weekend_and_Christmas()
    {
        // Ordered Monday 21 December 2026 in Shenzhen: ships that day. DHL CN → DE takes 2–4 German business days:
        // 22 and 23 December; then 24, (25 and 26 December are holidays, 27 a Sunday) 28 December.
        var response = await OptionsAsync(Parcel("DE", Sku(Earbuds)).Also("date", "2026-12-21"));
        response.GetProperty("shipsOn").GetString().ShouldBe("2026-12-21");
        var dhl = ById(response)["dhl-express"];
        (dhl.GetProperty("minBusinessDays").GetInt32(), dhl.GetProperty("maxBusinessDays").GetInt32()).ShouldBe((2, 4));
        dhl.GetProperty("earliestDelivery").GetString().ShouldBe("2026-12-23");
        dhl.GetProperty("latestDelivery").GetString().ShouldBe("2026-12-28");
    }

    [Fact]
    public async Task Saudi_Arabia_and_the_Emirates_count_their_own_weekends_and_holidays()
    {
        // Shipped Thursday 26 November 2026; DHL CN → SA and AE take 3–5 business days.
        // SA rests Friday and Saturday: 29, 30 November, 1 December. AE rests Saturday and Sunday and has
        // holidays on 1–3 December: 27, 30 November, 4 December.
        var saudi = ById(await OptionsAsync(Parcel("SA", Sku(Earbuds)).Also("date", "2026-11-26")))["dhl-express"];
        var emirates = ById(await OptionsAsync(Parcel("AE", Sku(Earbuds)).Also("date", "2026-11-26")))["dhl-express"];
        saudi.GetProperty("earliestDelivery").GetString().ShouldBe("2026-12-01");
        emirates.GetProperty("earliestDelivery").GetString().ShouldBe("2026-12-04");
    }

    [Fact]
    public async Task An_order_during_Chinas_national_day_week_ships_after_it()
    {
        var response = await OptionsAsync(Parcel("US", Sku(Earbuds)).Also("date", "2026-10-02"));
        response.GetProperty("shipsOn").GetString().ShouldBe("2026-10-08");
    }

    [Fact]
    public async Task A_seller_calculator_parcel_from_another_origin_is_priced_in_the_destinations_currency()
    {
        // Royal Mail International Tracked GB → DE, 0.4 kg: 9.20 + 6.10 × 0.5 = 12.25 GBP (the 500 g break)
        // = 12.25 / 0.76 × 0.865 = 13.942… → 13.94 EUR.
        var options = ById(await OptionsAsync(Parcel("DE", Described(400)).Also("shipFrom", "GB")));
        options["royalmail-international-tracked"].GetProperty("carrierPrice").Amount().ShouldBe(12.25m);
        options["royalmail-international-tracked"].GetProperty("price").Amount().ShouldBe(13.94m);
    }

    [Fact]
    public async Task A_lane_no_carrier_serves_answers_with_an_empty_list_and_a_message()
    {
        var response = await OptionsAsync(Parcel("BR", Described(400)).Also("shipFrom", "KR"));
        response.GetProperty("options").GetArrayLength().ShouldBe(0);
        response.GetProperty("message").GetString().ShouldBe("No carrier ships from KR to BR yet.");
        response.GetProperty("currency").GetString().ShouldBe("BRL");
    }

    [Fact]
    public async Task A_product_blocked_in_a_market_has_no_shipping_options_there()
    {
        using var shopper = App.CreateClient();
        var id = await DemoProductIdAsync(PowerBank);
        await (await shopper.GetAsync($"/api/v1/products/{id}/shipping-options?market=AU", Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await shopper.GetAsync($"/api/v1/products/{id}/shipping-options?market=NZ", Api.Cancel)).ShouldBeJsonAsync();
        await (await shopper.SendJsonAsync(HttpMethod.Post, OptionsUrl, Parcel("AU", Sku(PowerBank)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "items[0].sku");
    }

    [Fact]
    public async Task A_draft_product_has_no_shipping_options()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sku = Unique.Sku();
        var created = await seller.CreateProductAsync(ProductBuilder.Titled($"Draft {Unique.Word()}").Variant(sku, 10m).Status("draft"));
        using var shopper = App.CreateClient();
        await (await shopper.GetAsync($"/api/v1/products/{created.Id()}/shipping-options?market=GB", Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await shopper.SendJsonAsync(HttpMethod.Post, OptionsUrl, Parcel("GB", Sku(sku)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "items[0].sku");
    }

    [Fact]
    public async Task Items_of_two_sellers_are_refused_as_two_parcels()
    {
        using var client = App.CreateClient();
        var body = Parcel("DE", Sku(Earbuds), Sku("SB-CMS-500"));
        await (await client.SendJsonAsync(HttpMethod.Post, OptionsUrl, body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "items");
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{ "items": [ { "sku": "VW-AWP-BLK", "quantity": 1 } ] }""", "destination" },
        { """{ "destination": "XX", "items": [ { "sku": "VW-AWP-BLK", "quantity": 1 } ] }""", "destination" },
        { """{ "destination": "DE", "items": [] }""", "items" },
        { """{ "destination": "DE", "items": [ null ] }""", "items[0]" },
        { """{ "destination": "DE", "items": [ { "sku": "VW-AWP-BLK", "quantity": 0 } ] }""", "items[0].quantity" },
        { """{ "destination": "DE", "items": [ { "sku": "VW-AWP-BLK" } ] }""", "items[0].quantity" },
        { """{ "destination": "DE", "items": [ { "sku": "NO-SUCH-SKU-X", "quantity": 1 } ] }""", "items[0].sku" },
        { """{ "destination": "DE", "items": [ { "sku": "VW-AWP-BLK", "weightGrams": 100, "quantity": 1 } ] }""", "items[0]" },
        { """{ "destination": "DE", "items": [ { "weightGrams": 100, "quantity": 1 } ] }""", "shipFrom" },
        { """{ "destination": "DE", "shipFrom": "CN", "items": [ { "weightGrams": 0, "quantity": 1 } ] }""", "items[0].weightGrams" },
        { """{ "destination": "DE", "shipFrom": "CN", "items": [ { "weightGrams": 100, "lengthMm": -1, "quantity": 1 } ] }""", "items[0].lengthMm" },
        { """{ "destination": "DE", "shipFrom": "CN", "items": [ { "weightGrams": 100, "battery": "nuclear", "quantity": 1 } ] }""", "items[0].battery" },
        { """{ "destination": "DE", "shipFrom": "ZZ", "items": [ { "weightGrams": 100, "quantity": 1 } ] }""", "shipFrom" },
        { """{ "destination": "CA", "region": "Ontario", "items": [ { "sku": "VW-AWP-BLK", "quantity": 1 } ] }""", "region" },
        { """{ "destination": "DE", "date": "2026-13-01", "items": [ { "sku": "VW-AWP-BLK", "quantity": 1 } ] }""", "date" },
        { """{ "destination": "DE", "date": "1999-12-31", "items": [ { "sku": "VW-AWP-BLK", "quantity": 1 } ] }""", "date" },
        { """{ "destination": "DE", "items": [ { "sku": "VW-AWP-BLK", "quantity": "two" } ] }""", "items[0].quantity" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_parcel_is_a_problem_naming_the_field(string body, string field)
    {
        using var client = App.CreateClient();
        var response = await client.PostAsync(OptionsUrl, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Api.Cancel);
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("market=XX", "market")]
    [InlineData("quantity=0", "quantity")]
    [InlineData("quantity=abc", "quantity")]
    [InlineData("sku=NOT-THIS-ONE", "sku")]
    [InlineData("region=CA-ON", "region")]
    [InlineData("date=tomorrow", "date")]
    public async Task A_bad_product_page_query_is_a_problem_naming_the_field(string query, string field)
    {
        using var shopper = App.CreateClient();
        var id = await DemoProductIdAsync(Earbuds);
        await (await shopper.GetAsync($"/api/v1/products/{id}/shipping-options?{query}", Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_remote_region_adds_the_remote_area_fee()
    {
        var nunavut = ById(await OptionsAsync(Parcel("CA", Sku(Earbuds)).Also("region", "nu")))["dhl-express"];
        var ontario = ById(await OptionsAsync(Parcel("CA", Sku(Earbuds)).Also("region", "ON")))["dhl-express"];
        nunavut.GetProperty("charges").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "remote-area").GetProperty("amount").Amount().ShouldBe(28.00m);
        (nunavut.GetProperty("carrierPrice").Amount() - ontario.GetProperty("carrierPrice").Amount()).ShouldBe(28.00m);
    }

    [Fact]
    public async Task The_checkout_can_confirm_a_chosen_option_or_learn_it_no_longer_holds()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var quotes = scope.ServiceProvider.GetRequiredService<ShippingQuotes>();
        var cart = new ShippingOptionsRequest("GB", null, null, null, [new ShippingItemInput(Sku: Earbuds, Quantity: 1)]);
        var shown = new MoneyDto(36.82m, "GBP");

        var confirmed = await quotes.ConfirmAsync(cart, "dhl-express", shown, Api.Cancel);
        confirmed.Status.ShouldBe(ShippingChoiceStatus.Available);
        confirmed.Option!.Price.ShouldBe(shown);
        confirmed.Option.EarliestDelivery.ShouldNotBeNull();

        (await quotes.ConfirmAsync(cart, "dhl-express", new MoneyDto(30.00m, "GBP"), Api.Cancel)).Status.ShouldBe(ShippingChoiceStatus.PriceChanged);
        (await quotes.ConfirmAsync(cart, "cainiao-economy", null, Api.Cancel)).Status.ShouldBe(ShippingChoiceStatus.Refused);
        (await quotes.ConfirmAsync(cart, "pigeon-post", null, Api.Cancel)).Status.ShouldBe(ShippingChoiceStatus.NotOffered);
        var invalid = await quotes.ConfirmAsync(cart with { Destination = "XX" }, "dhl-express", null, Api.Cancel);
        invalid.Status.ShouldBe(ShippingChoiceStatus.Invalid);
        invalid.Errors.ToDictionary().Keys.ShouldContain("destination");
    }

    [Fact]
    public async Task The_options_list_component_shows_prices_dates_and_refusals_in_the_shoppers_language()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var quotes = scope.ServiceProvider.GetRequiredService<ShippingQuotes>();
        var (response, _) = await quotes.QuoteAsync(new ShippingOptionsRequest("DE", null, null, new DateOnly(2026, 12, 21), [new ShippingItemInput(Sku: Earbuds, Quantity: 1)]), Api.Cancel);

        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("de");
        try
        {
            await using var renderer = new Microsoft.AspNetCore.Components.Web.HtmlRenderer(scope.ServiceProvider, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<Server.Shipping.Components.ShippingOptionsList>(
                    Microsoft.AspNetCore.Components.ParameterView.FromDictionary(new Dictionary<string, object?> { ["Response"] = response }));
                return WebUtility.HtmlDecode(output.ToHtmlString());
            });

            html.ShouldContain("Versandoptionen");
            html.ShouldContain("data-option=\"dhl-express\"");
            html.ShouldContain("Lieferung 23. Dezember – 28. Dezember");
            html.ShouldContain("2–4 Werktage");
            html.ShouldContain("Nicht verfügbar: enthält Lithiumbatterien");
            html.IndexOf("data-option=\"cainiao-economy\"", StringComparison.Ordinal).ShouldBeGreaterThan(html.IndexOf("data-option=\"dhl-express\"", StringComparison.Ordinal));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }
}

internal static class JsonBodies
{
    public static JsonObject Also(this JsonObject body, string name, JsonNode? value)
    {
        body[name] = value;
        return body;
    }
}

public sealed class ShippingOptionsTestsOnSqlite(SqliteAppFixture fixture) : ShippingOptionsTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class ShippingOptionsTestsOnPostgres(PostgresAppFixture fixture) : ShippingOptionsTests(fixture), IClassFixture<PostgresAppFixture>;
