using LiveCross.Domain.Payments;
using LiveCross.Server.Platform.Outbox;

namespace LiveCross.Server.Payments.Sandbox;

/// <summary>
/// Sends the sandbox's webhooks, from the outbox, so one is sent exactly when what caused it was saved
/// and is retried with backoff until it is accepted. Each attempt is signed afresh, as real providers do.
/// <para>
/// The signed request is handed to the webhook code in-process (<see cref="PaymentWebhooks.ProcessAsync"/>,
/// the code behind <c>POST /api/v1/payments/webhooks/sandbox</c>), on whichever node's worker claims it,
/// rather than POSTed to the app's public URL: the embedded one-command run cannot know that URL (a load
/// balancer in front, <c>--urls</c> with port 0, TLS offload), and a node calling itself through the load
/// balancer is set-up an operator would have to get right for a sandbox. The signature is still made and
/// checked, with the secret from the database, exactly as for a request from outside.
/// </para>
/// </summary>
public sealed class SandboxWebhookDelivery(
    IServiceScopeFactory scopes,
    SandboxSecret secret,
    TimeProvider clock) : IOutboxHandler
{
    public string MessageType => SandboxProvider.WebhookMessageType;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var body = message.ReadPayload<SandboxWebhookMessage>().Body;
        var signature = WebhookSignature.CreateHeader(await secret.GetAsync(cancellationToken), clock.GetUtcNow(), body);
        await using var scope = scopes.CreateAsyncScope();
        var headers = new HeaderDictionary { [SandboxProvider.SignatureHeader] = signature };
        var result = await scope.ServiceProvider.GetRequiredService<PaymentWebhooks>().ProcessAsync(SandboxProvider.ProviderName, headers, body, cancellationToken);
        if (result != WebhookResult.Processed) throw new InvalidOperationException($"The sandbox webhook was not accepted: {result}.");
    }
}
