using System.Collections.Concurrent;
using System.Security.Cryptography;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Platform.Secrets;

/// <summary>A signing key the platform made itself (sandbox webhooks, quote tokens), shared by every node through the database.</summary>
public sealed class SharedSecret
{
    public required string Name { get; set; }

    public required string Value { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// Keys made on the first start and kept in the database, so the one-command run needs no secret in the
/// repository and every node signs and verifies with the same key. Read once per node, then cached.
/// </summary>
public sealed class SharedSecrets(IServiceScopeFactory scopes) : IDisposable
{
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The named secret, made now (32 random bytes, hex, after <paramref name="prefix"/>) if no node has made it yet.</summary>
    public async Task<string> GetAsync(string name, string prefix, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(name, out var cached)) return cached;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cache.TryGetValue(name, out cached)) return cached;
            var value = await LoadOrCreateAsync(name, prefix, cancellationToken);
            _cache[name] = value;
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<string> LoadOrCreateAsync(string name, string prefix, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var stored = await db.SharedSecrets.AsNoTracking().SingleOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (stored is not null) return stored.Value;

        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        db.SharedSecrets.Add(new SharedSecret { Name = name, Value = prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), CreatedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another node made it at the same moment: use theirs.
            db.ChangeTracker.Clear();
        }
        return (await db.SharedSecrets.AsNoTracking().SingleAsync(s => s.Name == name, cancellationToken)).Value;
    }

    public static void ConfigureModel(ModelBuilder builder) =>
        builder.Entity<SharedSecret>(s =>
        {
            s.HasKey(x => x.Name);
            s.Property(x => x.Name).HasMaxLength(50);
            s.Property(x => x.Value).HasMaxLength(200);
        });
}
