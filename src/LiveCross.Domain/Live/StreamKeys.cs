using System.Security.Cryptography;
using System.Text;

namespace LiveCross.Domain.Live;

/// <summary>
/// Secret stream keys: what a broadcaster (OBS, ffmpeg) puts after rtmp://…/live/ to publish a session.
/// A key is 32 random bytes (256 bits) in URL-safe base64 after a "lcs_" prefix, so it is safe in an RTMP URL and
/// recognisable in a leak scan. Only a keyed hash (HMAC-SHA256 under a platform secret) is stored: with this much
/// entropy a slow password hash buys nothing, and a keyed hash can be looked up when the media server asks
/// "who owns this key?", which a salted password hash cannot.
/// </summary>
public static class StreamKeys
{
    public const string Prefix = "lcs_";

    /// <summary>Prefix plus 43 base64url characters.</summary>
    public const int Length = 47;

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>True when <paramref name="text"/> has the shape of a key (it may still be no one's key).</summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: Length }
        && text.StartsWith(Prefix, StringComparison.Ordinal)
        && text.AsSpan(Prefix.Length).ContainsAnyExcept(Base64UrlChars) is false;

    /// <summary>Lower-case hex HMAC-SHA256 of the key under <paramref name="secret"/>: the stored, searchable form.</summary>
    public static string Hash(string key, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(key)));

    private static readonly System.Buffers.SearchValues<char> Base64UrlChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
