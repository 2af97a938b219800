using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LiveCross.Domain.Markets;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Catalog;

/// <summary>A rendered page of the public product list: the page and its JSON, serialized once.</summary>
public sealed record CachedProductPage(ProductPage Page, byte[] Json);

/// <summary>
/// Counts catalog changes committed through this process. A page cached under an older generation is
/// never served again by this node, so a seller sees their edit in the storefront right after saving.
/// </summary>
public sealed class CatalogGeneration
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    public void Bump() => Interlocked.Increment(ref _value);
}

/// <summary>
/// The public product list, rendered once per (catalog generation, market and rate data, market, locale,
/// search, category, page, page size) and kept for a few seconds. Without it every list request costs four
/// SQL round trips (count, products, translations, prices) and about 3 ms of CPU; with it a hit is a
/// dictionary look-up and a copy of bytes (see bench/README.md).
/// <para>
/// Staleness: an edit through this node bumps <see cref="CatalogGeneration"/> after its commit, so it is
/// visible here at once. Edits through another node (several servers on one PostgreSQL) are seen here when
/// the entry expires, at most <see cref="Lifetime"/> later. Market and rate edits change
/// <see cref="MarketRegistry.Stamp"/>, which is part of the key. Bulk SQL that bypasses SaveChanges
/// (ExecuteUpdate/ExecuteDelete on catalog tables) must call <see cref="CatalogGeneration.Bump"/> itself.
/// </para>
/// Storefront only: the pages are rendered outside any seller's tenant scope.
/// </summary>
public sealed class CatalogPageCache(
    IServiceScopeFactory scopes, MarketRegistry markets, CatalogGeneration generation, IOptions<JsonOptions> json) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    /// <summary>Bounds memory whatever shoppers search for: entries are weighed by their JSON size.</summary>
    public const long SizeLimitBytes = 64 * 1024 * 1024;

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = SizeLimitBytes });

    // Concurrent misses on one key share one rendering, so a burst of shoppers after an edit costs one query.
    private readonly ConcurrentDictionary<PageKey, Lazy<Task<CachedProductPage>>> _rendering = new();

    private readonly record struct PageKey(
        long Generation, string MarketData, string Market, string Locale, string Text, string? Category, int Page, int PageSize);

    public async Task<CachedProductPage> ListAsync(MarketDefinition market, string locale, CatalogQuery query, CancellationToken cancellationToken)
    {
        // The generation is read before the query runs: a page rendered from data older than a commit is
        // stored under the generation before that commit's bump and so is never found after it.
        var key = new PageKey(generation.Current, markets.Stamp, market.Code, locale, SearchText.Fold(query.Text?.Trim()), query.Category, query.Page, query.PageSize);
        if (_pages.TryGetValue(key, out CachedProductPage? hit)) return hit!;
        var rendering = _rendering.GetOrAdd(key, k => new Lazy<Task<CachedProductPage>>(() => RenderAsync(k, market, locale, query)));
        return await rendering.Value.WaitAsync(cancellationToken);
    }

    private async Task<CachedProductPage> RenderAsync(PageKey key, MarketDefinition market, string locale, CatalogQuery query)
    {
        try
        {
            // Its own scope: the rendering is shared by every request waiting for it and outlives none of them.
            await using var scope = scopes.CreateAsyncScope();
            var catalog = scope.ServiceProvider.GetRequiredService<CatalogQueries>();
            var page = await catalog.ListAsync(market, locale, query, CancellationToken.None);
            var rendered = new CachedProductPage(page, JsonSerializer.SerializeToUtf8Bytes(page, json.Value.SerializerOptions));
            _pages.Set(key, rendered, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = rendered.Json.Length });
            return rendered;
        }
        finally
        {
            _rendering.TryRemove(key, out _);
        }
    }

    public void Dispose() => _pages.Dispose();
}

/// <summary>
/// Bumps <see cref="CatalogGeneration"/> once a change to what the storefront lists is committed: any entity
/// of the catalog, or a seller (whose name is on every card). Inside an explicit transaction the bump waits
/// for its commit, since a reader that saw the new generation before the commit would cache the old data.
/// </summary>
public sealed class CatalogChangeInterceptor(CatalogGeneration generation) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Pending = new();
    private readonly ConditionalWeakTable<DbContext, object> _uncommitted = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Remember(DbContext? context)
    {
        if (context is null || !context.ChangeTracker.Entries().Any(e => e.State is not (EntityState.Unchanged or EntityState.Detached) && ShownInStorefront(e.Entity))) return;
        _uncommitted.AddOrUpdate(context, Pending);
    }

    private void Saved(DbContext? context)
    {
        if (context is null || context.Database.CurrentTransaction is not null) return;
        Committed(context);
    }

    private void Committed(DbContext? context)
    {
        if (context is null || !_uncommitted.Remove(context)) return;
        generation.Bump();
    }

    // Inside a transaction an earlier save may still commit, so its change stays remembered.
    private void Failed(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null) Forget(context);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) _uncommitted.Remove(context);
    }

    private static bool ShownInStorefront(object entity) =>
        entity is Seller || entity.GetType().Namespace == typeof(Product).Namespace;
}
