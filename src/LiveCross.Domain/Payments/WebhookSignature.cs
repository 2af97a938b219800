using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveCross.Domain.Payments;

public enum SignatureCheck
{
    Valid,
    Missing,
    Malformed,
    Stale,
    Mismatch,
}

/// <summary>
/// Webhook signatures in the scheme Stripe uses, so a receiver written for one fits the other: header
/// <c>t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{body}"}</c>. The timestamp is signed with the body,
/// so a captured request cannot be replayed later than the tolerance, and the receiver compares in
/// constant time.
/// </summary>
public static class WebhookSignature
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string CreateHeader(string secret, DateTimeOffset timestamp, string body)
    {
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Compute(secret, t, body)}";
    }

    public static SignatureCheck Verify(string? header, string body, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(header)) return SignatureCheck.Missing;
        string? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2) continue;
            var (key, value) = (pair[0].Trim(), pair[1].Trim());
            if (key == "t") timestamp = value;
            else if (key == "v1") signatures.Add(value);
        }
        if (timestamp is null || signatures.Count == 0 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return SignatureCheck.Malformed;
        if (seconds > 253402300799 || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
            return SignatureCheck.Stale;

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(s.ToLowerInvariant())))
            ? SignatureCheck.Valid
            : SignatureCheck.Mismatch;
    }

    private static string Compute(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}
