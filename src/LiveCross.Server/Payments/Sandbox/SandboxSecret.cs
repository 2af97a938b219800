using System.Security.Cryptography;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Payments.Sandbox;

/// <summary>
/// The sandbox's webhook signing secret. Made on the first start and kept in the database, so the
/// one-command run needs no secret in the repository and every node signs and verifies with the same one.
/// </summary>
public sealed class SandboxSecret(IServiceScopeFactory scopes) : IDisposable
{
    public const string Name = "sandbox-webhook-signing";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _value;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_value is not null) return _value;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _value ??= await LoadOrCreateAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<string> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var stored = await db.PaymentSecrets.AsNoTracking().SingleOrDefaultAsync(s => s.Name == Name, cancellationToken);
        if (stored is not null) return stored.Value;

        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        db.PaymentSecrets.Add(new PaymentSecret { Name = Name, Value = "sbxsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), CreatedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another node made it at the same moment: use theirs.
            db.ChangeTracker.Clear();
        }
        return (await db.PaymentSecrets.AsNoTracking().SingleAsync(s => s.Name == Name, cancellationToken)).Value;
    }
}

/// <summary>Makes the secret while the node starts (after the migrations), not on the first webhook.</summary>
public sealed class SandboxSecretInitializer(SandboxSecret secret) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => secret.GetAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
