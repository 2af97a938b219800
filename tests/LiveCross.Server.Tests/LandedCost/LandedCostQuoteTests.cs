using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCross.Server.LandedCost;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.LandedCost;

/// <summary>The public quote endpoint over a real database: bad input named by field, catalog SKUs, explicit rates, and the signed token.</summary>
public abstract class LandedCostQuoteTests(AppFixture fixture)
{
    public const string QuoteUrl = "/api/v1/quotes/landed-cost";

    private LiveCrossApp App => fixture.App;

    private static JsonObject TShirts(string destination = "DE") => new()
    {
        ["destination"] = destination,
        ["date"] = "2026-11-24",
        ["items"] = new JsonArray(new JsonObject { ["hsCode"] = "610910", ["originCountry"] = "CN", ["description"] = "T-shirt", ["unitPrice"] = 20.00m, ["quantity"] = 2 }),
        ["shipping"] = 5.00m,
    };

    private static async Task<JsonElement> QuoteAsync(HttpClient client, JsonObject body) =>
        await (await client.SendJsonAsync(HttpMethod.Post, QuoteUrl, body)).ShouldBeJsonAsync();

    public static TheoryData<string, string> BadInputs => new()
    {
        { """{"destination":"XX","items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1}]}""", "destination" },
        { """{"items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1}]}""", "destination" },
        { """{"destination":"DE","items":[{"hsCode":"61091","originCountry":"CN","unitPrice":1}]}""", "items[0].hsCode" },
        { """{"destination":"DE","items":[{"hsCode":"771000","originCountry":"CN","unitPrice":1}]}""", "items[0].hsCode" },
        { """{"destination":"DE","items":[{"hsCode":"610910","originCountry":"ZZ","unitPrice":1}]}""", "items[0].originCountry" },
        { """{"destination":"DE","items":[{"hsCode":"610910","originCountry":"CN","unitPrice":-1}]}""", "items[0].unitPrice" },
        { """{"destination":"DE","items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1e15}]}""", "items[0].unitPrice" },
        { """{"destination":"DE","items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1.001}]}""", "items[0].unitPrice" },
        { """{"destination":"DE","items":[{"hsCode":"610910","originCountry":"CN","unitPrice":"ten"}]}""", "items[0].unitPrice" },
        { """{"destination":"DE","items":[{"hsCode":"610910","originCountry":"CN"}]}""", "items[0].unitPrice" },
        { """{"destination":"DE","items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1,"quantity":0}]}""", "items[0].quantity" },
        { """{"destination":"DE","items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1,"quantity":1000000}]}""", "items[0].quantity" },
        { """{"destination":"DE","items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1,"dutyRatePercent":-3}]}""", "items[0].dutyRatePercent" },
        { """{"destination":"DE","items":[{"sku":"VW-AWP-BLK","unitPrice":1}]}""", "items[0]" },
        { """{"destination":"DE","items":[{"sku":"NO-SUCH-SKU"}]}""", "items[0].sku" },
        { """{"destination":"DE","items":[]}""", "items" },
        { """{"destination":"DE","items":[null]}""", "items[0]" },
        { """{"destination":"DE","currency":"XYZ","items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1}]}""", "currency" },
        { """{"destination":"DE","date":"2026-13-01","items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1}]}""", "date" },
        { """{"destination":"DE","date":"2019-01-01","items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1}]}""", "date" },
        { """{"destination":"CA","region":"XX","items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1}]}""", "region" },
        { """{"destination":"DE","channel":"pigeon","items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1}]}""", "channel" },
        { """{"destination":"DE","buyerType":"robot","items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1}]}""", "buyerType" },
        { """{"destination":"DE","sellerRegistrations":["VAT-MOSS"],"items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1}]}""", "sellerRegistrations[0]" },
        { """{"destination":"BR","exchangeRates":{"USD/BRL":-5},"items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1}]}""", "exchangeRates.USD/BRL" },
        { """{"destination":"BR","exchangeRates":{"USDBRL":5},"items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1}]}""", "exchangeRates.USDBRL" },
        { """{"destination":"DE","shipping":-5,"items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1}]}""", "shipping" },
        { """{"destination":"DE","insurance":1e20,"items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1}]}""", "insurance" },
        { """{"destination":"DE","shipFrom":"Mars","items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1}]}""", "shipFrom" },
        { """{"destination":"KR","currency":"ISK","items":[{"hsCode":"610910","originCountry":"CN","unitPrice":1}]}""", "exchangeRates" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_a_400_naming_the_field(string body, string field)
    {
        using var client = App.CreateClient();
        var response = await client.PostAsync(QuoteUrl, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Api.Cancel);
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Described_items_are_quoted_with_the_scheme_and_the_rules_used()
    {
        using var client = App.CreateClient();
        var body = TShirts();
        body["sellerRegistrations"] = new JsonArray("IOSS");

        var quote = await QuoteAsync(client, body);

        // 2 × €20 + €5: VAT 19% × 45 = 8.55 and the €3 flat duty, both at checkout.
        quote.GetProperty("goods").GetDecimal().ShouldBe(40.00m);
        quote.GetProperty("tax").GetDecimal().ShouldBe(8.55m);
        quote.GetProperty("duty").GetDecimal().ShouldBe(3.00m);
        quote.GetProperty("total").GetDecimal().ShouldBe(56.55m);
        quote.GetProperty("currency").GetString().ShouldBe("EUR");
        quote.GetProperty("collectedAt").GetString().ShouldBe("checkout");
        quote.GetProperty("scheme").GetString().ShouldBe("IOSS");
        quote.GetProperty("ruleVersion").GetString().ShouldBe("DE@2026-07-01");
        quote.GetProperty("lines")[0].GetProperty("text").GetString().ShouldBe("Consignment ≤ €150: German import VAT 19% collected at checkout under IOSS");
        quote.GetProperty("lines")[0].GetProperty("code").GetString().ShouldBe("tax.scheme-checkout");
        (quote.GetProperty("expiresAt").GetDateTimeOffset() - quote.GetProperty("issuedAt").GetDateTimeOffset()).ShouldBe(TimeSpan.FromMinutes(30));
        quote.GetProperty("token").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Explicit_exchange_rates_are_used_for_thresholds_in_another_currency()
    {
        using var client = App.CreateClient();
        var body = new JsonObject
        {
            ["destination"] = "BR",
            ["region"] = "SP",
            ["date"] = "2026-11-24",
            ["sellerRegistrations"] = new JsonArray("BR-RC"),
            ["exchangeRates"] = new JsonObject { ["USD/BRL"] = 5.52m },
            ["items"] = new JsonArray(new JsonObject { ["hsCode"] = "610910", ["originCountry"] = "CN", ["unitPrice"] = 276.00m }),
        };

        var quote = await QuoteAsync(client, body);

        // R$276 = US$50 at 5.52: II 20% = 55.20, ICMS por dentro 17% = 67.84, total R$399.04.
        (quote.GetProperty("duty").GetDecimal(), quote.GetProperty("tax").GetDecimal(), quote.GetProperty("total").GetDecimal()).ShouldBe((55.20m, 67.84m, 399.04m));
        quote.GetProperty("scheme").GetString().ShouldBe("BR-RC");
    }

    [Fact]
    public async Task Catalog_SKU_is_priced_like_the_shop_and_uses_the_sellers_registrations()
    {
        using var client = App.CreateClient();
        var shown = await client.GetJsonAsync("/api/v1/products?market=DE&q=AirWave%20Pro");
        var price = shown.Items()[0].GetProperty("price").Amount();
        var body = new JsonObject
        {
            ["destination"] = "DE",
            ["date"] = "2026-11-24",
            ["shipping"] = 4.00m,
            ["items"] = new JsonArray(new JsonObject { ["sku"] = "VW-AWP-BLK", ["quantity"] = 1 }),
        };

        var quote = await QuoteAsync(client, body);

        // VoltWave is registered for IOSS: VAT 19% on price + shipping at checkout, €3 for one subheading.
        quote.GetProperty("goods").GetDecimal().ShouldBe(price);
        quote.GetProperty("tax").GetDecimal().ShouldBe(decimal.Round((price + 4.00m) * 0.19m, 2, MidpointRounding.AwayFromZero));
        quote.GetProperty("scheme").GetString().ShouldBe("IOSS");
        quote.GetProperty("collectedAt").GetString().ShouldBe("checkout");
        var item = quote.GetProperty("items")[0];
        (item.GetProperty("sku").GetString(), item.GetProperty("hsCode").GetString(), item.GetProperty("originCountry").GetString()).ShouldBe(("VW-AWP-BLK", "851830", "CN"));
    }

    [Fact]
    public async Task Catalog_SKU_of_an_unregistered_seller_is_taxed_at_the_border()
    {
        using var client = App.CreateClient();
        var sku = DemoCatalog.Products.First(p => p.SellerSlug == DemoSeeder.ApparelSlug && p.Input.Status == "active").Input.Variants![0].Sku!;
        var body = new JsonObject { ["destination"] = "GB", ["date"] = "2026-11-24", ["items"] = new JsonArray(new JsonObject { ["sku"] = sku }) };

        var quote = await QuoteAsync(client, body);

        quote.GetProperty("scheme").GetString().ShouldBe("none");
        quote.GetProperty("collectedAt").GetString().ShouldBe("border");
        quote.GetProperty("taxAtBorder").GetDecimal().ShouldBeGreaterThan(0m);
    }

    [Fact]
    public async Task Token_verifies_to_the_quote_and_its_inputs_and_an_altered_one_is_refused()
    {
        using var client = App.CreateClient();
        var quote = await QuoteAsync(client, TShirts("GB"));
        var token = quote.GetProperty("token").GetString()!;
        await using var scope = App.Services.CreateAsyncScope();
        var quotes = scope.ServiceProvider.GetRequiredService<LandedCostQuotes>();

        var verified = quotes.Verify(token);
        verified.Status.ShouldBe(QuoteVerificationStatus.Valid);
        verified.Quote!.Id.ShouldBe(quote.GetProperty("id").GetGuid());
        verified.Quote.Total.ShouldBe(quote.GetProperty("total").GetDecimal());
        verified.Inputs!.Destination.ShouldBe("GB");
        verified.Inputs.Items.ShouldHaveSingleItem().UnitPrice.ShouldBe(20.00m);

        var altered = token[..40] + (token[40] == 'A' ? 'B' : 'A') + token[41..];
        quotes.Verify(altered).Status.ShouldBe(QuoteVerificationStatus.Tampered);
        quotes.Verify("not a token!").Status.ShouldBe(QuoteVerificationStatus.Malformed);
        quotes.Verify(null).Status.ShouldBe(QuoteVerificationStatus.Malformed);
    }

    [Fact]
    public async Task Token_expires_after_the_quote_lifetime()
    {
        await using var app = await LiveCrossApp.StartAsync(fixture.Database, demoData: false);
        var clock = app.Clock;
        using var client = app.CreateClient();
        var token = (await QuoteAsync(client, TShirts())).GetProperty("token").GetString()!;
        await using var scope = app.Services.CreateAsyncScope();
        var quotes = scope.ServiceProvider.GetRequiredService<LandedCostQuotes>();

        clock.Advance(TimeSpan.FromMinutes(29));
        quotes.Verify(token).Status.ShouldBe(QuoteVerificationStatus.Valid);
        clock.Advance(TimeSpan.FromMinutes(1));
        var expired = quotes.Verify(token);
        expired.Status.ShouldBe(QuoteVerificationStatus.Expired);
        expired.Message.ShouldContain("expired");
    }

    [Fact]
    public async Task Seller_registrations_are_read_replaced_and_used_by_quotes()
    {
        using var seller1 = await App.ClientForAsync(DemoAccounts.Seller1);
        var mine = await seller1.GetJsonAsync("/api/v1/seller/tax-registrations");
        mine.GetProperty("registrations").EnumerateArray().Select(r => r.GetProperty("scheme").GetString()).ShouldBe(["AU-GST", "IOSS", "UK-VAT"]);

        var bad = await seller1.SendJsonAsync(HttpMethod.Put, "/api/v1/seller/tax-registrations",
            new JsonObject { ["registrations"] = new JsonArray(new JsonObject { ["scheme"] = "MOSS" }) });
        await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "registrations[0].scheme");

        // A fresh seller product so the change does not disturb other tests' demo assumptions.
        var sku = Unique.Sku("VW");
        var product = await seller1.CreateProductAsync(ProductBuilder.Titled($"Travel Adapter {Unique.Word()}").HsCode("851830").Variant(sku, 30.00m));
        using var shopper = App.CreateClient();
        var sgBody = new JsonObject { ["destination"] = "SG", ["date"] = "2026-11-24", ["items"] = new JsonArray(new JsonObject { ["sku"] = sku }) };
        (await QuoteAsync(shopper, sgBody)).GetProperty("scheme").GetString().ShouldBe("none");

        var put = await seller1.SendJsonAsync(HttpMethod.Put, "/api/v1/seller/tax-registrations", new JsonObject
        {
            ["registrations"] = new JsonArray(new JsonObject { ["scheme"] = "IOSS", ["number"] = "IM1560000001" }, new JsonObject { ["scheme"] = "UK-VAT" },
                new JsonObject { ["scheme"] = "AU-GST" }, new JsonObject { ["scheme"] = "sg-gst" }),
        });
        (await put.ShouldBeJsonAsync()).GetProperty("registrations").GetArrayLength().ShouldBe(4);
        try
        {
            (await QuoteAsync(shopper, sgBody)).GetProperty("scheme").GetString().ShouldBe("SG-GST");
        }
        finally
        {
            await seller1.SendJsonAsync(HttpMethod.Put, "/api/v1/seller/tax-registrations", new JsonObject
            {
                ["registrations"] = new JsonArray(new JsonObject { ["scheme"] = "IOSS", ["number"] = "IM1560000001" }, new JsonObject { ["scheme"] = "UK-VAT" }, new JsonObject { ["scheme"] = "AU-GST" }),
            });
        }
        product.Id().ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task Seller_attached_duty_rate_replaces_the_tariff_until_removed()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller2);
        using var shopper = App.CreateClient();
        var sku = Unique.Sku("SB");
        var product = await seller.CreateProductAsync(ProductBuilder.Titled($"Silk Scarf {Unique.Word()}").Category("apparel/accessories").HsCode("621410").Variant(sku, 100.00m));
        var body = new JsonObject { ["destination"] = "US", ["date"] = "2026-11-24", ["items"] = new JsonArray(new JsonObject { ["sku"] = sku }) };
        var url = $"{CatalogApi.SellerProducts}/{product.Id()}/duty-rates/US";

        var tariff = await QuoteAsync(shopper, body);
        tariff.GetProperty("items")[0].GetProperty("dutyRateSource").GetString().ShouldBe("tariff");

        await (await seller.SendJsonAsync(HttpMethod.Put, url, new JsonObject { ["ratePercent"] = 1000.5m })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "ratePercent");
        await (await seller.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{product.Id()}/duty-rates/XX", new JsonObject { ["ratePercent"] = 1m }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "market");
        var saved = await (await seller.SendJsonAsync(HttpMethod.Put, url, new JsonObject { ["ratePercent"] = 2.5m, ["note"] = "Broker ruling 2026-11" })).ShouldBeJsonAsync();
        saved.GetProperty("ratePercent").GetDecimal().ShouldBe(2.5m);
        (await seller.SellerProductAsync(product.Id())).GetProperty("dutyRates")[0].GetProperty("market").GetString().ShouldBe("US");

        var attached = await QuoteAsync(shopper, body);
        var item = attached.GetProperty("items")[0];
        (item.GetProperty("dutyRateSource").GetString(), item.GetProperty("dutyRatePercent").GetDecimal()).ShouldBe(("seller", 2.5m));
        // 2.5% + Section 301 list 4A 7.5% on the FOB price.
        attached.GetProperty("duty").GetDecimal().ShouldBe(decimal.Round(item.GetProperty("unitPrice").GetDecimal() * 0.10m, 2, MidpointRounding.AwayFromZero));

        (await seller.DeleteAsync(url, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await QuoteAsync(shopper, body)).GetProperty("items")[0].GetProperty("dutyRateSource").GetString().ShouldBe("tariff");
        (await seller.DeleteAsync(url, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class LandedCostQuoteTestsOnSqlite(SqliteAppFixture fixture) : LandedCostQuoteTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class LandedCostQuoteTestsOnPostgres(PostgresAppFixture fixture) : LandedCostQuoteTests(fixture), IClassFixture<PostgresAppFixture>;
