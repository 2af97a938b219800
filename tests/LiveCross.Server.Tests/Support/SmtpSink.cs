using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace LiveCross.Server.Tests.Support;

/// <summary>
/// A real SMTP server on a random loopback port that keeps what it receives, so e-mail tests go through
/// MailKit, the SMTP protocol and MIME parsing like a real delivery.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private SmtpSink(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_received));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Received => [.. _received];

    /// <summary>Starts the server and waits (at most 10 s) until it accepts connections.</summary>
    public static SmtpSink Start()
    {
        var sink = new SmtpSink(FreePort());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, sink.Port);
                return sink;
            }
            catch (SocketException) when (attempt < 200)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>The messages to <paramref name="recipient"/>, once at least <paramref name="count"/> arrived (waits at most 20 s).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string recipient, int count = 1)
    {
        for (var i = 0; i < 200; i++)
        {
            var mine = To(recipient);
            if (mine.Count >= count) return mine;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        return To(recipient);
    }

    public IReadOnlyList<MimeMessage> To(string recipient) =>
        _received.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, recipient, StringComparison.OrdinalIgnoreCase))).ToList();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
