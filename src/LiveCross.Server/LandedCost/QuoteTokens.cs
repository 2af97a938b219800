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
        var json = JsonSerializer.SerializeToUtf8Bytes(new QuoteTokenPayload(SignedQuote.From(quote), inputs), QuoteJsonContext.Default.QuoteTokenPayload);
        Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Key, json, signature);
        return string.Concat(WebEncoders.Base64UrlEncode(json), ".", WebEncoders.Base64UrlEncode(signature));
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

/// <summary>Loads the quote signing key while the node starts (after the migrations), not on the first quote.</summary>
public sealed class QuoteTokenKeyLoader(QuoteTokens tokens, SharedSecrets secrets) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => tokens.LoadKeyAsync(secrets, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
