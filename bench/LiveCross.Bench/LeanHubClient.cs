using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LiveCross.Bench;

/// <summary>A hub answered an invocation with an error, refused the handshake, or broke the protocol.</summary>
public sealed class HubProtocolException(string message) : Exception(message);

/// <summary>
/// Thousands of lean SignalR connections for the fan-out benchmark: raw <see cref="ClientWebSocket"/>s speaking the JSON hub
/// protocol (no negotiation, handshake, invocations, pings), sharing one HTTP handler and one keep-alive loop. The
/// SignalR client costs several microseconds of CPU and a few allocations per message received (a pipe, a parsed
/// <c>HubMessage</c> with bound arguments, a handler dispatch); on a 2-core box shared with the server that cost, not the
/// server's, set the latency. Here a message costs one parse of the bytes on the stack and one callback.
/// </summary>
public sealed class LeanHubClient : IAsyncDisposable
{
    /// <summary>Under the server's client timeout (30 s by default), with room to spare on a loaded machine.</summary>
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);

    private readonly Uri _server;
    private readonly HttpMessageInvoker _http = new(new SocketsHttpHandler { UseCookies = false });
    private readonly ConcurrentDictionary<LeanHubConnection, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pinging;

    public LeanHubClient(Uri server)
    {
        _server = server;
        _pinging = PingAsync(_stop.Token);
    }

    /// <summary>
    /// Opens a WebSocket to the hub at <paramref name="path"/> and completes its handshake. Every invocation message the hub
    /// sends afterwards is passed to <paramref name="received"/> as (first argument's <c>seq</c>, arrival in UTC ticks).
    /// </summary>
    public async Task<LeanHubConnection> ConnectAsync(string path, Action<long, long> received, CancellationToken cancellationToken)
    {
        var builder = new UriBuilder(new Uri(_server, path)) { Scheme = _server.Scheme == "https" ? "wss" : "ws" };
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero; // the hub protocol's own pings keep the connection alive
        var connection = new LeanHubConnection(socket, received, c => _open.TryRemove(c, out _));
        try
        {
            await socket.ConnectAsync(builder.Uri, _http, cancellationToken);
            await connection.HandshakeAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        _open.TryAdd(connection, 0);
        return connection;
    }

    private async Task PingAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PingInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
                foreach (var connection in _open.Keys) await connection.PingAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pinging;
        _stop.Dispose();
        _http.Dispose();
    }
}

/// <summary>
/// One lean hub connection: one receive loop over one buffer, reused for every message (grown only for a record larger
/// than it). Records are split at the protocol's separator; of an invocation only the first argument's <c>seq</c> is read.
/// </summary>
public sealed class LeanHubConnection : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private const int InitialBuffer = 2048;

    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
    private static readonly TimeSpan ClosePatience = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket _socket;
    private readonly Action<long, long> _received;
    private readonly Action<LeanHubConnection> _closed;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<long>? _invocation;
    private int _invocations;
    private byte[] _buffer = new byte[InitialBuffer];
    private Task _receiving = Task.CompletedTask;

    internal LeanHubConnection(ClientWebSocket socket, Action<long, long> received, Action<LeanHubConnection> closed)
    {
        _socket = socket;
        _received = received;
        _closed = closed;
    }

    internal async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        _receiving = ReceiveAsync();
        await SendAsync(Handshake, cancellationToken);
        await _handshake.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Invokes <paramref name="target"/> with <paramref name="argumentsJson"/> (a JSON array) and answers the number in
    /// its result: the result itself when it is a number, else its <c>seq</c> property.
    /// </summary>
    public async Task<long> InvokeForSeqAsync(string target, string argumentsJson, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _invocations).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var answer = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _invocation, answer, null) is not null)
            throw new InvalidOperationException("One invocation at a time on a lean hub connection.");
        try
        {
            var message = Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{target}\",\"arguments\":{argumentsJson}}}\u001e");
            await SendAsync(message, cancellationToken);
            return await answer.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.CompareExchange(ref _invocation, null, answer);
        }
    }

    internal async Task PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(Ping, cancellationToken);
        }
        catch (WebSocketException)
        {
            // Closed by the server: its receive loop has already failed the connection.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        // A WebSocket allows one send at a time; the keep-alive loop and an invocation may meet.
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task ReceiveAsync()
    {
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
                var result = await _socket.ReceiveAsync(_buffer.AsMemory(filled), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) break;
                // One arrival time for everything this read brought: the records in it arrived together.
                var arrival = DateTime.UtcNow.Ticks;
                filled += result.Count;
                var start = 0;
                int end;
                while ((end = Array.IndexOf(_buffer, RecordSeparator, start, filled - start)) >= 0)
                {
                    Dispatch(_buffer.AsSpan(start, end - start), arrival);
                    start = end + 1;
                }
                if (start > 0)
                {
                    Buffer.BlockCopy(_buffer, start, _buffer, 0, filled - start);
                    filled -= start;
                }
            }
            Fail(new HubProtocolException("The hub closed the connection."));
        }
        catch (Exception e)
        {
            Fail(e as HubProtocolException ?? new HubProtocolException($"The connection broke: {e.Message}"));
        }
        finally
        {
            _closed(this);
        }
    }

    private void Fail(HubProtocolException error)
    {
        _handshake.TrySetException(error);
        _invocation?.TrySetException(error);
    }

    private void Dispatch(ReadOnlySpan<byte> record, long arrival)
    {
        if (!_handshake.Task.IsCompleted)
        {
            if (record.IndexOf("\"error\""u8) >= 0) throw new HubProtocolException("Handshake refused: " + Encoding.UTF8.GetString(record));
            _handshake.TrySetResult();
            return;
        }
        var reader = new Utf8JsonReader(record);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new HubProtocolException("A record that is not a JSON object.");
        var type = 0;
        long? seq = null;
        string? error = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                seq = FirstArgumentSeq(ref reader);
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                seq = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : SeqOf(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        switch (type)
        {
            case 1: // invocation: a room message
                _received(seq ?? throw new HubProtocolException("A hub message without a seq: " + Encoding.UTF8.GetString(record)), arrival);
                break;
            case 3: // completion of our invocation
                var answer = _invocation;
                if (error is not null) answer?.TrySetException(new HubProtocolException(error));
                else if (seq is { } value) answer?.TrySetResult(value);
                else answer?.TrySetException(new HubProtocolException("A completion without a seq: " + Encoding.UTF8.GetString(record)));
                break;
            case 6: // ping
                break;
            case 7: // close
                throw new HubProtocolException("The hub closed the connection" + (error is null ? "." : $": {error}"));
            default:
                throw new HubProtocolException($"Unexpected hub message type {type}.");
        }
    }

    private static long? FirstArgumentSeq(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray) return null;
        reader.Read();
        long? seq = reader.TokenType == JsonTokenType.StartObject ? SeqOf(ref reader) : null;
        while (reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Read();
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        }
        return seq;
    }

    /// <summary>The reader is on an object's start; leaves it on the object's end.</summary>
    private static long? SeqOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return null;
        long? seq = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSeq = reader.ValueTextEquals("seq"u8);
            reader.Read();
            if (isSeq && reader.TokenType == JsonTokenType.Number) seq = reader.GetInt64();
            else reader.Skip();
        }
        return seq;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var patience = new CancellationTokenSource(ClosePatience);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, patience.Token);
                await _receiving.WaitAsync(patience.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException)
        {
            // The server went first or is slow: abort below.
        }
        _socket.Abort();
        await _receiving;
        _socket.Dispose();
        _sending.Dispose();
    }
}
