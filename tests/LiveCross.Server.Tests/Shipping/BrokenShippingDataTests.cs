using System.Text.Json.Nodes;
using LiveCross.Server.Shipping;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Shipping;

/// <summary>A broken shipping file stops the start with a message naming the file, the entry and the field.</summary>
public sealed class BrokenShippingDataTests : IDisposable
{
    private readonly ShippingFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string LoadingFails() => Should.Throw<ShippingDataException>(() => _folder.Load()).Message;

    private static JsonObject Card(JsonObject lane, int index) => lane["cards"]![index]!.AsObject();

    private static JsonObject Service(JsonObject file, string id) =>
        file["carriers"]!.AsArray().SelectMany(c => c!["services"]!.AsArray()).Single(s => (string?)s!["id"] == id)!.AsObject();

    [Fact]
    public void A_copy_of_the_shipped_data_loads()
    {
        _folder.Load().Cards.ShouldNotBeEmpty();
    }

    [Fact]
    public void Malformed_JSON_is_reported_with_the_file_and_the_line()
    {
        _folder.WriteText("Lanes/GB.json", """
            {
              "origin": "GB"
              "cards": []
            }
            """);
        LoadingFails().ShouldStartWith("Shipping file Lanes/GB.json: field (document) (line 3,");
    }

    [Fact]
    public void An_unknown_field_in_a_card_is_reported_by_its_path()
    {
        _folder.Edit("Lanes/CN.json", lane => Card(lane, 0)["fuelSurcharge"] = 10);
        LoadingFails().ShouldStartWith("Shipping file Lanes/CN.json: field cards[0].fuelSurcharge (line ");
    }

    [Fact]
    public void Weight_breaks_out_of_order_are_reported_with_the_card_and_the_break()
    {
        _folder.Edit("Lanes/CN.json", lane => Card(lane, 0)["breaks"]![1]!["upToGrams"] = 50);
        LoadingFails().ShouldBe("Shipping file Lanes/CN.json, card cainiao-economy to AE: field cards[0].breaks[1].upToGrams: 50 g must be above the previous break (100 g).");
    }

    [Fact]
    public void A_card_for_an_unknown_service_or_market_is_reported()
    {
        _folder.Edit("Lanes/CN.json", lane =>
        {
            Card(lane, 0)["service"] = "dhl-express-plus";
            Card(lane, 1)["destination"] = "XX";
        });
        var lines = LoadingFails().Split(Environment.NewLine);
        lines.ShouldContain("Shipping file Lanes/CN.json, card dhl-express-plus to AE: field cards[0].service: 'dhl-express-plus' is not a service in services.json.");
        lines.ShouldContain(l => l.StartsWith("Shipping file Lanes/CN.json, card cainiao-standard to XX: field cards[1].destination: 'XX' is not a market.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_price_finer_than_the_currencys_minor_units_is_reported()
    {
        _folder.Edit("Lanes/JP.json", lane => Card(lane, 0)["breaks"]![0]!["price"] = 1450.5m);
        LoadingFails().ShouldContain("field cards[0].breaks[0].price: JPY has 0 decimal places; 1450.5 has more.");
    }

    [Fact]
    public void A_service_that_charges_for_dangerous_goods_needs_the_fee_on_every_card()
    {
        _folder.Edit("Lanes/DE.json", lane => lane["cards"]!.AsArray().Single(c => (string?)c!["service"] == "dhl-express" && (string?)c["destination"] == "FR")!.AsObject().Remove("dangerousGoodsFee"));
        LoadingFails().ShouldMatch(@"^Shipping file Lanes/DE\.json, card dhl-express to FR: field cards\[\d+\]\.dangerousGoodsFee: Required\.$");
    }

    [Fact]
    public void An_unknown_battery_type_in_a_service_is_reported()
    {
        _folder.Edit("services.json", file => Service(file, "dhl-express")["batteries"]!["lithium-ion-alon"] = "accepted");
        LoadingFails().ShouldMatch(@"^Shipping file services\.json, service dhl-express: field carriers\[\d+\]\.services\[0\]\.batteries\.lithium-ion-alon: 'lithium-ion-alon' is not a battery type");
    }

    [Fact]
    public void A_lane_file_named_after_another_origin_is_reported()
    {
        _folder.Edit("Lanes/GB.json", lane => lane["origin"] = "IE");
        LoadingFails().ShouldBe("Shipping file Lanes/GB.json: field origin: 'IE' does not match the file name 'GB'.");
    }

    [Fact]
    public void An_origin_without_a_cut_off_or_with_a_calendar_from_no_market_is_reported()
    {
        _folder.Edit("origins.json", file =>
        {
            file["origins"]![0]!.AsObject().Remove("cutoffHour");
            file["origins"]!.AsArray().Add(new JsonObject { ["country"] = "CH", ["calendarFromMarket"] = true, ["cutoffHour"] = 15 });
        });
        var lines = LoadingFails().Split(Environment.NewLine);
        lines.ShouldContain(l => l.StartsWith("Shipping file origins.json, origin CN: field origins[0].cutoffHour: Required", StringComparison.Ordinal));
        lines.ShouldContain("Shipping file origins.json, origin CH: field origins[5].calendarFromMarket: There is no market CH to take the calendar from.");
    }

    [Fact]
    public void Every_broken_file_is_reported_at_once()
    {
        _folder.Edit("Lanes/GB.json", lane => lane["origin"] = "IE").Edit("Lanes/US.json", lane => Card(lane, 0)["currency"] = "usd");
        var lines = LoadingFails().Split(Environment.NewLine);
        lines.Length.ShouldBe(2);
        lines[0].ShouldStartWith("Shipping file Lanes/GB.json: field origin:");
        lines[1].ShouldStartWith("Shipping file Lanes/US.json, card ");
        lines[1].ShouldContain("field cards[0].currency: 'usd' is not a known upper-case ISO 4217 currency code.");
    }

    [Fact]
    public void The_server_does_not_start_on_a_broken_shipping_folder()
    {
        _folder.Edit("Lanes/GB.json", lane => lane["origin"] = "IE");
        using var app = new LiveCrossApp(TestDatabase.Sqlite, demoData: false).WithSetting("Shipping:DataPath", _folder.Path);
        var error = Should.Throw<ShippingDataException>(() => _ = app.Server);
        error.Message.ShouldStartWith("Shipping file Lanes/GB.json: field origin:");
    }
}
