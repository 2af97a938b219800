using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace LiveCross.Server.LandedCost;

/// <summary>
/// Signs and encrypts a quote and its inputs with ASP.NET Data Protection, whose keys every node shares through the
/// database, so a token issued by one node verifies on any other. The expiry inside the payload is checked against
/// the app's <see cref="TimeProvider"/>; the time-limited protector adds a hard backstop a day later on the system clock.
/// </summary>
public sealed class QuoteTokens(IDataProtectionProvider provider)
{
    private static readonly TimeSpan Backstop = TimeSpan.FromDays(1);
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("LiveCross.LandedCost.Quote.v1").ToTimeLimitedDataProtector();

    public string Protect(LandedCostQuoteDto quote, QuoteInputs inputs)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new QuoteTokenPayload(SignedQuote.From(quote), inputs), QuoteJsonContext.Default.QuoteTokenPayload);
        return WebEncoders.Base64UrlEncode(_protector.Protect(json, quote.ExpiresAt + Backstop));
    }

    public QuoteVerification Verify(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64_000 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return new(QuoteVerificationStatus.Malformed, "The quote token is missing or is not a quote token.", null, null);
        byte[] json;
        try
        {
            json = _protector.Unprotect(WebEncoders.Base64UrlDecode(token), out _);
        }
        catch (CryptographicException)
        {
            return new(QuoteVerificationStatus.Tampered, "The quote token was altered or was not issued by LiveCross; ask for a new quote.", null, null);
        }
        catch (FormatException)
        {
            return new(QuoteVerificationStatus.Malformed, "The quote token is not a quote token.", null, null);
        }
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
