using LiveCross.Server.Live.Rooms;
using LiveCross.Server.Tests.Payments;
using LiveCross.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveCross.Server.Tests.Live;

public sealed class HubFailureLogTests
{
    [Fact]
    public async Task A_client_s_bad_hub_call_is_refused_without_an_error_in_the_log()
    {
        var logs = new CapturedLogs();
        await using var app = await LiveCrossApp.StartAsync(TestDatabase.Sqlite, demoData: false,
            configure: a => a.WithServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        await using var viewer = await RoomClient.ConnectAsync(app, token: null);

        var refused = await Should.ThrowAsync<HubException>(() => viewer.Hub.InvokeAsync<RoomSnapshot>("JoinRoom", "not-a-session", null, null, TestContext.Current.CancellationToken));
        (await Should.ThrowAsync<HubException>(() => viewer.Hub.InvokeAsync<SendResult>("Like", Guid.NewGuid().ToString(), 1, TestContext.Current.CancellationToken)))
            .Message.ShouldContain("Join the room");

        refused.Message.ShouldContain("sessionId");
        logs.Entries.Where(e => e.Level >= LogLevel.Error).ShouldBeEmpty();
    }
}
