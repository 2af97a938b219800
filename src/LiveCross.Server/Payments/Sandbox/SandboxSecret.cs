using LiveCross.Server.Platform.Secrets;

namespace LiveCross.Server.Payments.Sandbox;

/// <summary>The sandbox's webhook signing secret: a <see cref="SharedSecrets"/> key, made on the first start.</summary>
public sealed class SandboxSecret(SharedSecrets secrets)
{
    public const string Name = "sandbox-webhook-signing";

    public Task<string> GetAsync(CancellationToken cancellationToken) => secrets.GetAsync(Name, "sbxsec_", cancellationToken);
}

/// <summary>Makes the secret while the node starts (after the migrations), not on the first webhook.</summary>
public sealed class SandboxSecretInitializer(SandboxSecret secret) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => secret.GetAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
