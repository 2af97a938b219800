using LiveCross.Testing;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Tests.Payments;

/// <summary>Stripe's keys are checked when the server starts, not on the first payment; the sandbox needs none.</summary>
public sealed class PaymentsConfigurationTests
{
    [Fact]
    public async Task Stripe_without_its_keys_stops_the_start_naming_the_missing_settings()
    {
        await using var app = new LiveCrossApp(TestDatabase.Sqlite, demoData: false).WithSetting("Payments:Provider", "Stripe");

        var failure = Should.Throw<OptionsValidationException>(() => app.Server);

        failure.Message.ShouldContain("Payments:Stripe:SecretKey");
        failure.Message.ShouldContain("Payments:Stripe:WebhookSecret");
    }

    [Fact]
    public async Task A_stripe_api_base_that_is_not_a_url_stops_the_start()
    {
        await using var app = new LiveCrossApp(TestDatabase.Sqlite, demoData: false)
            .WithSetting("Payments:Provider", "Stripe")
            .WithSetting("Payments:Stripe:SecretKey", "sk_test_x")
            .WithSetting("Payments:Stripe:WebhookSecret", "whsec_x")
            .WithSetting("Payments:Stripe:ApiBase", "api.stripe.com");

        Should.Throw<OptionsValidationException>(() => app.Server).Message.ShouldContain("Payments:Stripe:ApiBase");
    }

    [Fact]
    public async Task The_sandbox_makes_its_webhook_secret_on_first_start_and_keeps_it_across_restarts()
    {
        string first;
        var data = Path.Combine(Path.GetTempPath(), "livecross-test-" + Guid.NewGuid().ToString("N")[..12]);
        await using (var app = new LiveCrossApp(TestDatabase.Sqlite, demoData: false).WithSetting("DataDirectory", data))
        {
            first = await new PaymentTestKit(app.WithStarted()).SandboxSecretAsync();
        }
        await using (var again = new LiveCrossApp(TestDatabase.Sqlite, demoData: false).WithSetting("DataDirectory", data))
        {
            (await new PaymentTestKit(again.WithStarted()).SandboxSecretAsync()).ShouldBe(first);
        }
        first.ShouldStartWith("sbxsec_");
        first.Length.ShouldBeGreaterThan(60);
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }
}

internal static class StartedApp
{
    public static LiveCrossApp WithStarted(this LiveCrossApp app)
    {
        _ = app.Server;
        return app;
    }
}
