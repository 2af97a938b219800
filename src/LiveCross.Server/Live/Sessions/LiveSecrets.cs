using LiveCross.Server.Platform.Secrets;

namespace LiveCross.Server.Live.Sessions;

/// <summary>The two platform secrets of live ingest, shared by every node through the database.</summary>
public sealed class LiveSecrets(SharedSecrets secrets)
{
    /// <summary>Key of the HMAC that stream keys are stored under.</summary>
    public Task<string> StreamKeyHashKeyAsync(CancellationToken cancellationToken) =>
        secrets.GetAsync("live-stream-key-hash", "lsk_", cancellationToken);

    /// <summary>What the media server sends back on every callback (a query parameter of the rendered config).</summary>
    public Task<string> MediaServerCallbackSecretAsync(CancellationToken cancellationToken) =>
        secrets.GetAsync("live-media-server-callback", "lmc_", cancellationToken);
}
