using LiveCross.Server.Platform.Database;
using LiveCross.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Support;

public static class OutboxWaits
{
    /// <summary>Waits (at most 15 s) until no outbox message of this type is waiting to be delivered.</summary>
    public static async Task WaitForOutboxAsync(this LiveCrossApp app, string messageType)
    {
        for (var i = 0; i < 150; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var pending = await scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>().OutboxMessages
                .CountAsync(m => m.Type == messageType && m.DeliveredAt == null && m.FailedAt == null, Api.Cancel);
            if (pending == 0) return;
            await Task.Delay(100, Api.Cancel);
        }
        throw new TimeoutException($"Outbox messages of type {messageType} were still waiting after 15 s.");
    }
}
