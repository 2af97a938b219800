using LiveCross.Server.Live.Rooms;
using LiveCross.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Live;

/// <summary>A SignalR client of the room hub on the test server (long polling through the server's handler), keeping every message it receives.</summary>
public sealed class RoomClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly List<object> _received = [];

    private RoomClient(HubConnection hub)
    {
        Hub = hub;
        Listen<ChatMessage>(RoomEvents.Chat);
        Listen<ChatDeletedMessage>(RoomEvents.ChatDeleted);
        Listen<CountersMessage>(RoomEvents.Counters);
        Listen<PinnedMessage>(RoomEvents.Pinned);
        Listen<QuestionMessage>(RoomEvents.Question);
        Listen<FlashSaleMessage>(RoomEvents.FlashSale);
        Listen<FlashSaleStockMessage>(RoomEvents.FlashSaleStock);
        Listen<ModeratedMessage>(RoomEvents.Moderated);
        Listen<DrawStartedMessage>(RoomEvents.DrawStarted);
        Listen<DrawEndedMessage>(RoomEvents.DrawEnded);
        Listen<DrawEnteredMessage>(RoomEvents.DrawEntered);
        Listen<CouponDroppedMessage>(RoomEvents.CouponDropped);
        Listen<CouponClaimedOutMessage>(RoomEvents.CouponClaimedOut);
    }

    public HubConnection Hub { get; }

    /// <param name="token">A bearer token, or null for an anonymous viewer.</param>
    /// <param name="tokenInQuery">Send the token as access_token in the URL, as a browser does for WebSockets.</param>
    public static async Task<RoomClient> ConnectAsync(LiveCrossApp app, string? token, bool messagePack = false, bool tokenInQuery = false)
    {
        var url = new Uri(app.Server.BaseAddress, RoomHub.Path + (tokenInQuery && token is not null ? "?access_token=" + Uri.EscapeDataString(token) : ""));
        var builder = new HubConnectionBuilder().WithUrl(url, o =>
        {
            o.Transports = HttpTransportType.LongPolling;
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            if (token is not null && !tokenInQuery) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        });
        if (messagePack) builder.AddMessagePackProtocol();
        var client = new RoomClient(builder.Build());
        await client.Hub.StartAsync(TestContext.Current.CancellationToken);
        return client;
    }

    /// <summary>A client of a server running as its own process (<see cref="ServerProcess"/>), over WebSockets as a browser connects.</summary>
    public static async Task<RoomClient> ConnectAsync(Uri server, string? token)
    {
        var client = new RoomClient(new HubConnectionBuilder().WithUrl(new Uri(server, RoomHub.Path), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        }).Build());
        await client.Hub.StartAsync(TestContext.Current.CancellationToken);
        return client;
    }

    public Task<RoomSnapshot> JoinAsync(Guid session, string market = "DE", long? lastSequence = null) =>
        Hub.InvokeAsync<RoomSnapshot>("JoinRoom", session, lastSequence, market, TestContext.Current.CancellationToken);

    public Task<SendResult> ChatAsync(Guid session, string text) =>
        Hub.InvokeAsync<SendResult>("SendChat", session, text, TestContext.Current.CancellationToken);

    public Task<ModerationResult> ModerateAsync(string method, Guid session, Guid target) =>
        Hub.InvokeAsync<ModerationResult>(method, session, target, TestContext.Current.CancellationToken);

    public List<T> Received<T>()
    {
        lock (_received) return _received.OfType<T>().ToList();
    }

    /// <summary>Waits (at most <see cref="Patience"/>) for a message of type <typeparamref name="T"/> that matches.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Patience);
        while (DateTime.UtcNow < deadline)
        {
            if (Received<T>().FirstOrDefault(match) is { } found) return found;
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        throw new ShouldAssertException($"No matching {typeof(T).Name} within {(within ?? Patience).TotalSeconds} s; received: {string.Join("; ", Received<T>())}");
    }

    private void Listen<T>(string method) => Hub.On<T>(method, message =>
    {
        lock (_received) _received.Add(message!);
    });

    public async ValueTask DisposeAsync() => await Hub.DisposeAsync();
}
