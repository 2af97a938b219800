using System.Text;
using LiveCross.Server.Payments.Sandbox;
using LiveCross.Server.Platform.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Stripe;

namespace LiveCross.Server.Payments;

public sealed record PaymentMethodDto(string Code, string Name);

public sealed record MarketPaymentMethods(string Market, string Provider, IReadOnlyList<PaymentMethodDto> Methods);

public sealed record WebhookReceipt(bool Received);

public static class PaymentsModule
{
    /// <summary>Webhook bodies larger than this are refused unread; real provider events are a few kilobytes.</summary>
    public const int MaxWebhookBytes = 256 * 1024;

    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PaymentsOptions>().BindConfiguration(PaymentsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<PaymentService>();
        builder.Services.AddScoped<PaymentWebhooks>();
        builder.Services.AddScoped<PaymentProviders>();

        builder.Services.AddSingleton<SandboxSecret>();
        builder.Services.AddHostedService<SandboxSecretInitializer>();
        builder.Services.AddScoped<SandboxProvider>();
        builder.Services.AddScoped<IPaymentProvider>(s => s.GetRequiredService<SandboxProvider>());
        builder.Services.AddSingleton<IOutboxHandler, SandboxWebhookDelivery>();

        var provider = builder.Configuration.GetSection(PaymentsOptions.Section).GetValue<PaymentProviderKind?>(nameof(PaymentsOptions.Provider));
        if (provider == PaymentProviderKind.Stripe)
        {
            builder.Services.AddHttpClient(StripeProvider.ProviderName);
            builder.Services.AddSingleton(s =>
            {
                var stripe = s.GetRequiredService<IOptions<PaymentsOptions>>().Value.Stripe;
                var http = new SystemNetHttpClient(s.GetRequiredService<IHttpClientFactory>().CreateClient(StripeProvider.ProviderName), maxNetworkRetries: 2);
                return new StripeClient(stripe.SecretKey, httpClient: http, apiBase: stripe.ApiBase.TrimEnd('/'));
            });
            builder.Services.AddScoped<StripeProvider>();
            builder.Services.AddScoped<IPaymentProvider>(s => s.GetRequiredService<StripeProvider>());
        }
        return builder;
    }

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        var payments = app.MapGroup("/api/v1/payments").WithTags("Payments");
        payments.MapGet("/methods", Methods)
            .WithDescription("The payment methods a market offers with the active provider: cards everywhere, plus the market's local methods.");
        payments.MapPost("/webhooks/{provider}", ReceiveWebhook)
            .WithDescription("Provider webhooks: /webhooks/sandbox (header LiveCross-Sandbox-Signature) and /webhooks/stripe (header Stripe-Signature). A bad, missing or stale signature is a 400; a replayed event is a 200 that changes nothing.")
            .DisableAntiforgery();
        return app;
    }

    public static void ConfigureModel(ModelBuilder builder)
    {
        builder.Entity<Payment>(p =>
        {
            p.Property(x => x.Id).ValueGeneratedNever();
            p.Property(x => x.OrderNumber).HasMaxLength(64);
            p.Property(x => x.Provider).HasMaxLength(20);
            p.Property(x => x.ProviderPaymentId).HasMaxLength(100);
            p.Property(x => x.Method).HasMaxLength(30);
            p.Property(x => x.MarketCode).HasMaxLength(2);
            p.Property(x => x.Amount).HasPrecision(18, 4);
            p.Property(x => x.RefundedAmount).HasPrecision(18, 4);
            p.Property(x => x.Currency).HasMaxLength(3);
            p.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.FailureReason).HasMaxLength(200);
            p.Property(x => x.ReturnUrl).HasMaxLength(2000);
            p.Property(x => x.Version).IsConcurrencyToken();
            p.Ignore(x => x.CurrencyCode);
            p.HasIndex(x => new { x.Provider, x.ProviderPaymentId }).IsUnique();
            p.HasIndex(x => x.OrderId);
        });
        builder.Entity<PaymentEvent>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Provider).HasMaxLength(20);
            e.Property(x => x.ProviderEventId).HasMaxLength(255);
            e.Property(x => x.Type).HasMaxLength(100);
            e.Property(x => x.Result).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.RefundedTotal).HasPrecision(18, 4);
            e.HasIndex(x => new { x.Provider, x.ProviderEventId }).IsUnique();
            e.HasIndex(x => new { x.PaymentId, x.Result });
            e.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    private static Results<Ok<MarketPaymentMethods>, ValidationProblem> Methods(string? market, PaymentService payments, PaymentProviders providers, IStringLocalizer<SharedResource> text)
    {
        var methods = payments.MethodsFor(market);
        if (methods.Count == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["market"] = [market is null ? "Required." : $"There is no market '{market}'."] });
        return TypedResults.Ok(new MarketPaymentMethods(market!.ToUpperInvariant(), providers.Active.Name, methods.Select(m => new PaymentMethodDto(m, PaymentMethodNames.Name(m, text))).ToList()));
    }

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveWebhook(string provider, HttpRequest request, PaymentWebhooks webhooks, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
            return TypedResults.Problem($"A webhook body is at most {MaxWebhookBytes / 1024} KiB of UTF-8.", statusCode: StatusCodes.Status400BadRequest, title: "The webhook body is too large or unreadable.");
        return await webhooks.ProcessAsync(provider, request.Headers, body, cancellationToken) switch
        {
            WebhookResult.UnknownProvider => TypedResults.Problem($"There is no payment provider '{provider}' on this server.", statusCode: StatusCodes.Status404NotFound, title: "Unknown payment provider."),
            WebhookResult.Rejected => TypedResults.Problem("The signature header is missing, malformed, too old or does not match the body.", statusCode: StatusCodes.Status400BadRequest, title: "The webhook signature is invalid."),
            _ => TypedResults.Ok(new WebhookReceipt(true)),
        };
    }

    /// <summary>The body exactly as sent (signatures are over the raw bytes), or null when it is too large or not UTF-8.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxWebhookBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxWebhookBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
