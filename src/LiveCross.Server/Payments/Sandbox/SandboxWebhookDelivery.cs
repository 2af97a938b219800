using LiveCross.Domain.Payments;
using LiveCross.Server.Platform.Outbox;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Payments.Sandbox;

/// <summary>
/// Sends the sandbox's webhooks, from the outbox, so one is sent exactly when what caused it was saved
/// and is retried with backoff until it is accepted. Each attempt is signed afresh, as real providers do.
/// <para>
/// By default the signed request is handed to the webhook code in-process, on whichever node's worker
/// claims it: the app's public address is not something the embedded run can know (load balancers,
/// <c>--urls</c> with port 0, TLS offload), and the signature is still made and checked on the same path as
/// for a request from outside. With <c>Payments:Sandbox:WebhookUrl</c> set, it is POSTed over HTTP instead.
/// </para>
/// </summary>
public sealed class SandboxWebhookDelivery(
    IServiceScopeFactory scopes,
    SandboxSecret secret,
    IHttpClientFactory http,
    IOptions<PaymentsOptions> options,
    TimeProvider clock) : IOutboxHandler
{
    public const string HttpClientName = "sandbox-webhooks";

    public string MessageType => SandboxProvider.WebhookMessageType;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var body = message.ReadPayload<SandboxWebhookMessage>().Body;
        var signature = WebhookSignature.CreateHeader(await secret.GetAsync(cancellationToken), clock.GetUtcNow(), body);
        if (options.Value.Sandbox.WebhookUrl is { Length: > 0 } url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add(SandboxProvider.SignatureHeader, signature);
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"The webhook endpoint {url} answered {(int)response.StatusCode}.", null, response.StatusCode);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var headers = new HeaderDictionary { [SandboxProvider.SignatureHeader] = signature };
        var result = await scope.ServiceProvider.GetRequiredService<PaymentWebhooks>().ProcessAsync(SandboxProvider.ProviderName, headers, body, cancellationToken);
        if (result != WebhookResult.Processed) throw new InvalidOperationException($"The sandbox webhook was not accepted: {result}.");
    }
}
