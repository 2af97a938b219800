using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveCross.Server.Platform.Secrets;
using Microsoft.AspNetCore.WebUtilities;

namespace LiveCross.Server.LandedCost;

/// <summary>
/// A quote token is the quote and its inputs as JSON, followed by an HMAC-SHA256 over them with a key every node
/// shares through the database (<see cref="SharedSecrets"/>), so a token issued by one node verifies on any other.
/// It is signed, not encrypted: it holds only what the shopper was shown. The expiry inside the payload is checked
/// against the app's <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// Not ASP.NET Data Protection: it derives a fresh subkey per token and encrypts as well, about 25 µs a quote,
/// which held the quote endpoint to a third of a minimal endpoint's throughput (bench/README.md).
/// </remarks>
public sealed class QuoteTokens
{
    public const string SecretName = "landed-cost-quote-signing";
    private const int MaxTokenLength = 64_000;
    private byte[]? _key;

    /// <summary>Loads the signing key; done once when the node starts (<see cref="QuoteTokenKeyLoader"/>).</summary>
    public async Task LoadKeyAsync(SharedSecrets secrets, CancellationToken cancellationToken) =>
        _key = Encoding.UTF8.GetBytes(await secrets.GetAsync(SecretName, "qtsig_", cancellationToken));

    private byte[] Key => _key ?? throw new InvalidOperationException("The quote signing key is loaded when the node starts; it is not loaded yet.");

    public string Protect(LandedCostQuoteDto quote, QuoteInputs inputs)
    {
        var signer = QuoteTokenSigner.ForThisThread(Key);
        var json = signer.Write(new QuoteTokenPayload(SignedQuote.From(quote), inputs));
        var signature = new byte[HMACSHA256.HashSizeInBytes];
        signer.Sign(json.Span, signature);
        // Written straight into the token string: no intermediate base64 strings to concatenate.
        var length = Base64Url.GetEncodedLength(json.Length) + 1 + Base64Url.GetEncodedLength(signature.Length);
        return string.Create(length, (Json: json, Signature: signature), static (chars, parts) =>
        {
            var written = Base64Url.EncodeToChars(parts.Json.Span, chars);
            chars[written] = '.';
            Base64Url.EncodeToChars(parts.Signature, chars[(written + 1)..]);
        });
    }

    public QuoteVerification Verify(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            return new(QuoteVerificationStatus.Malformed, "The quote token is missing or is not a quote token.", null, null);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != token.LastIndexOf('.') || dot == token.Length - 1)
            return new(QuoteVerificationStatus.Malformed, "The quote token is not a quote token.", null, null);

        byte[] json, signature;
        try
        {
            json = WebEncoders.Base64UrlDecode(token, 0, dot);
            signature = WebEncoders.Base64UrlDecode(token, dot + 1, token.Length - dot - 1);
        }
        catch (FormatException)
        {
            return new(QuoteVerificationStatus.Malformed, "The quote token is not a quote token.", null, null);
        }
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Key, json, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
            return new(QuoteVerificationStatus.Tampered, "The quote token was altered or was not issued by LiveCross; ask for a new quote.", null, null);

        QuoteTokenPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(json, QuoteJsonContext.Default.QuoteTokenPayload);
        }
        catch (JsonException)
        {
            payload = null;
        }
        if (payload?.Quote is null || payload.Inputs is null)
            return new(QuoteVerificationStatus.Malformed, "The quote token does not hold a quote.", null, null);
        if (now >= payload.Quote.ExpiresAt)
            return new(QuoteVerificationStatus.Expired, $"The quote expired at {payload.Quote.ExpiresAt:yyyy-MM-dd HH:mm} UTC; ask for a new quote.", payload.Quote, payload.Inputs);
        return new(QuoteVerificationStatus.Valid, "The quote is valid.", payload.Quote, payload.Inputs);
    }
}

/// <summary>
/// One thread's buffer for the token payload and its HMAC state, reused from quote to quote: a fresh HMAC per token
/// costs a key setup and a native context (~1.5 µs), and a fresh buffer ~2.5 KB of garbage (bench/README.md).
/// Used by one thread at a time and only between two calls of <see cref="QuoteTokens.Protect"/>, so no locks.
/// </summary>
internal sealed class QuoteTokenSigner : IDisposable
{
    private const int InitialBufferBytes = 4096;
    private const int MaxKeptBufferBytes = 64 * 1024;

    [ThreadStatic]
    private static QuoteTokenSigner? _current;

    private readonly byte[] _key;
    private readonly IncrementalHash _hmac;
    private readonly Utf8JsonWriter _writer;
    private ArrayBufferWriter<byte> _buffer = new(InitialBufferBytes);

    private QuoteTokenSigner(byte[] key)
    {
        _key = key;
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = QuoteJsonContext.Default.Options.Encoder });
    }

    /// <summary>This thread's signer for <paramref name="key"/> (a new one if the key is not the one it was made with).</summary>
    public static QuoteTokenSigner ForThisThread(byte[] key)
    {
        var current = _current;
        if (current is not null && ReferenceEquals(current._key, key)) return current;
        current?.Dispose();
        return _current = new QuoteTokenSigner(key);
    }

    /// <summary>The payload as JSON, in this signer's buffer: valid until its next use.</summary>
    public ReadOnlyMemory<byte> Write(QuoteTokenPayload payload)
    {
        // A buffer grown by an unusually large quote is dropped, so a thread does not keep it for good.
        if (_buffer.Capacity > MaxKeptBufferBytes) _buffer = new(InitialBufferBytes);
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, payload, QuoteJsonContext.Default.QuoteTokenPayload);
        return _buffer.WrittenMemory;
    }

    public void Sign(ReadOnlySpan<byte> json, Span<byte> signature)
    {
        _hmac.AppendData(json);
        _hmac.GetHashAndReset(signature);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _hmac.Dispose();
    }
}

/// <summary>Loads the quote signing key while the node starts (after the migrations), not on the first quote.</summary>
public sealed class QuoteTokenKeyLoader(QuoteTokens tokens, SharedSecrets secrets) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => tokens.LoadKeyAsync(secrets, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
