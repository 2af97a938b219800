using LiveCross.Server.Markets;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Markets;

/// <summary>A broken market file stops the start with a message that names the file and the field.</summary>
public sealed class BrokenMarketFileTests : IDisposable
{
    private readonly MarketFolder _folder = new MarketFolder().Write(MarketBuilder.Germany());

    public void Dispose() => _folder.Dispose();

    private MarketDataException LoadingFails() => Should.Throw<MarketDataException>(() => MarketFiles.LoadAll(_folder.Path));

    [Fact]
    public void A_folder_of_valid_files_loads()
    {
        _folder.Write(MarketBuilder.France()).Write(MarketBuilder.Japan());
        MarketFiles.LoadAll(_folder.Path).Select(f => f.Definition.Code).ShouldBe(["DE", "FR", "JP"]);
    }

    [Fact]
    public void Malformed_JSON_is_reported_with_the_file_and_the_line()
    {
        _folder.WriteText("FR", """
            {
              "code": "FR",
              "currency": "EUR"
              "currencyMinorUnits": 2
            }
            """);
        var message = LoadingFails().Message;
        message.ShouldStartWith("Market file FR.json: field (document) (line 4,");
        message.ShouldNotContain("DE.json");
    }

    [Fact]
    public void Malformed_JSON_inside_a_field_is_reported_with_the_fields_path()
    {
        _folder.WriteText("FR", """
            {
              "code": "FR",
              "names": { "en": "France", "fr": France }
            }
            """);
        var message = LoadingFails().Message;
        message.ShouldStartWith("Market file FR.json: field names.fr (line 3,");
    }

    [Fact]
    public void An_unknown_field_is_reported_by_name()
    {
        _folder.Write(MarketBuilder.France(), json =>
        {
            json["currencey"] = json["currency"]!.DeepClone();
            json.Remove("currency");
        });
        LoadingFails().Message.ShouldStartWith("Market file FR.json: field currencey (line 31, column 15): The JSON property 'currencey' could not be mapped");
    }

    [Fact]
    public void Minor_units_that_disagree_with_ISO_4217_are_reported()
    {
        _folder.Write(MarketBuilder.Japan() with { CurrencyMinorUnits = 2 });
        LoadingFails().Message.ShouldStartWith("Market file JP.json: field currencyMinorUnits: JPY has 0 minor units");
    }

    [Fact]
    public void A_default_locale_outside_the_locales_is_reported()
    {
        _folder.Write(MarketBuilder.France() with { DefaultLocale = "fr-CA" });
        LoadingFails().Message.ShouldStartWith("Market file FR.json: field defaultLocale: 'fr-CA'");
    }

    [Fact]
    public void A_file_named_after_another_country_is_reported()
    {
        _folder.WriteText("AT", File.ReadAllText(Path.Combine(_folder.Path, "DE.json")));
        LoadingFails().Message.ShouldStartWith("Market file AT.json: field code: 'DE' does not match the file name 'AT'");
    }

    [Fact]
    public void Every_broken_file_is_reported_at_once()
    {
        _folder.Write(MarketBuilder.France() with { DefaultLocale = "fr-CA" }).Write(MarketBuilder.Japan() with { CurrencyMinorUnits = 2 });
        var lines = LoadingFails().Message.Split(Environment.NewLine);
        lines.Length.ShouldBe(2);
        lines[0].ShouldStartWith("Market file FR.json: field defaultLocale:");
        lines[1].ShouldStartWith("Market file JP.json: field currencyMinorUnits:");
    }

    [Fact]
    public void The_server_does_not_start_on_a_broken_market_folder()
    {
        _folder.Write(MarketBuilder.Japan() with { CurrencyMinorUnits = 2 });
        using var app = new LiveCrossApp(TestDatabase.Sqlite, demoData: false).WithSetting("Markets:DataPath", _folder.Path);
        var error = Should.Throw<MarketDataException>(() => _ = app.Server);
        error.Message.ShouldStartWith("Market file JP.json: field currencyMinorUnits:");
    }
}
