using System.Runtime.CompilerServices;
using LiveCross.Domain.Live;
using LiveCross.Server.Live.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiveCross.Server.Live.Rooms;

/// <summary>
/// A live session's status saved (go live, end, by the host or by nginx's callbacks) reaches its room on this node and,
/// with Redis, on every node at once; without it the rooms would learn it from their next read of the database.
/// </summary>
public sealed class SessionStatusInterceptor(IServiceProvider services) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<(Guid Id, string Status)>> _changing = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Announce(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Announce(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Remember(DbContext? context)
    {
        if (context is null) return;
        var changed = context.ChangeTracker.Entries<LiveSession>()
            .Where(e => e.State == EntityState.Modified && e.Property(s => s.Status).IsModified)
            .Select(e => (e.Entity.Id, LiveSessionStateMachine.Describe(e.Entity.Status))).ToList();
        if (changed.Count > 0) _changing.AddOrUpdate(context, changed);
    }

    private void Announce(DbContext? context)
    {
        if (context is null || !_changing.TryGetValue(context, out var changed)) return;
        _changing.Remove(context);
        var rooms = services.GetRequiredService<RoomRegistry>();
        foreach (var (id, status) in changed) rooms.StatusChanged(id, status);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) _changing.Remove(context);
    }
}
