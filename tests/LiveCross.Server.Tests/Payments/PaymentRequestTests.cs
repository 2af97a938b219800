using System.Net;
using LiveCross.Server.Tests.Support;

namespace LiveCross.Server.Tests.Payments;

/// <summary>Which methods a market offers, and what starting a payment refuses (as the orders module's checkout would answer).</summary>
public abstract class PaymentRequestTests(PaymentsFixture fixture)
{
    private readonly PaymentTestKit _kit = new(fixture.App);

    [Theory]
    [InlineData("NL", "ideal")]
    [InlineData("BR", "pix")]
    [InlineData("SG", "paynow")]
    [InlineData("JP", "konbini")]
    public async Task A_market_offers_cards_and_its_own_methods(string market, string local)
    {
        using var client = fixture.App.CreateClient();

        var methods = await client.GetJsonAsync($"/api/v1/payments/methods?market={market}");

        methods.GetProperty("provider").GetString().ShouldBe("sandbox");
        var codes = methods.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("code").GetString()).ToList();
        codes[0].ShouldBe("card");
        codes.ShouldContain(local);
    }

    [Fact]
    public async Task Method_names_are_shown_in_the_shoppers_language_and_brands_as_they_are()
    {
        using var client = fixture.App.CreateClient();

        var methods = await client.GetJsonAsync("/api/v1/payments/methods?market=JP&locale=ja");

        var names = methods.GetProperty("methods").EnumerateArray().ToDictionary(m => m.GetProperty("code").GetString()!, m => m.GetProperty("name").GetString());
        names["card"].ShouldBe("カード");
        names["konbini"].ShouldBe("コンビニ払い");
        names["paypay"].ShouldBe("PayPay");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("XX")]
    public async Task Methods_of_an_unknown_market_are_refused_naming_the_market(string? market)
    {
        using var client = fixture.App.CreateClient();

        await (await client.GetAsync($"/api/v1/payments/methods{(market is null ? "" : $"?market={market}")}", Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "market");
    }

    [Fact]
    public async Task A_method_the_market_does_not_offer_is_refused_naming_the_method()
    {
        var problem = await (await _kit.CheckoutAsync(PaymentTestKit.Request("DE", "EUR", 10.00m, method: "pix"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "method");

        problem.GetProperty("errors").GetProperty("method")[0].GetString()!.ShouldContain("DE");
    }

    [Theory]
    [InlineData("GB", "GBP", "0", "card", "/orders/1", "amount")]
    [InlineData("GB", "GBP", "-1.00", "card", "/orders/1", "amount")]
    [InlineData("GB", "GBP", "9.999", "card", "/orders/1", "amount")]
    [InlineData("JP", "JPY", "1999.5", "card", "/orders/1", "amount")]
    [InlineData("GB", "GBP", "1000000.00", "card", "/orders/1", "amount")]
    [InlineData("GB", "XYZ", "10.00", "card", "/orders/1", "currency")]
    [InlineData("GB", "gbp", "10.00", "card", "/orders/1", "currency")]
    [InlineData("XX", "GBP", "10.00", "card", "/orders/1", "marketCode")]
    [InlineData("GB", "GBP", "10.00", "card", "https://evil.example/steal", "returnUrl")]
    [InlineData("GB", "GBP", "10.00", "card", "//evil.example/steal", "returnUrl")]
    public async Task A_bad_payment_request_is_refused_naming_the_field(string market, string currency, string amount, string method, string returnUrl, string field)
    {
        var request = PaymentTestKit.Request(market, currency, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), method, returnUrl: returnUrl);

        await (await _kit.CheckoutAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_paid_order_cannot_start_another_payment()
    {
        var order = Guid.CreateVersion7();
        var start = await _kit.StartAsync(PaymentTestKit.Request("US", "USD", 12.00m, orderId: order));
        using var browser = _kit.Browser();
        PaymentTestKit.RedirectPath(await PaymentTestKit.SubmitAsync(browser, start.RedirectUrl!, "card-form", ("CardNumber", "4242424242424242")));
        await _kit.WaitForAsync(start.PaymentId, p => p.IsPaid);

        await (await _kit.CheckoutAsync(PaymentTestKit.Request("US", "USD", 12.00m, orderId: order))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }
}

public sealed class PaymentRequestTestsOnSqlite(SandboxSqliteFixture fixture) : PaymentRequestTests(fixture), IClassFixture<SandboxSqliteFixture>;

public sealed class PaymentRequestTestsOnPostgres(SandboxPostgresFixture fixture) : PaymentRequestTests(fixture), IClassFixture<SandboxPostgresFixture>;
