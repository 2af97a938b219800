using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Videos;

/// <summary>A creator's share link that a shopper followed: who shared it and which video it opened.</summary>
public sealed record CreatorReferral(Guid CreatorId, Guid VideoId);

/// <summary>
/// Keeps the creator and video of a followed share link (<c>/videos/{id}?ref={creator id}</c>) in the <c>lc_ref</c> cookie for
/// 30 days, protected with the platform's Data Protection keys (shared by every node), and reads it back at checkout.
/// A cookie that does not unprotect, or names an account that is no creator or a video that is gone, counts as none.
/// </summary>
public sealed class CreatorReferrals(IDataProtectionProvider protection, LiveCrossDbContext db)
{
    public const string Cookie = "lc_ref";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    public const string Purpose = "LiveCross.Videos.CreatorReferral.v1";
    private const int MaxCookieLength = 1000;

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>Remembers the referral when <paramref name="reference"/> names a creator; anything else is ignored.</summary>
    public async Task RememberAsync(HttpContext http, string? reference, Guid videoId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(reference, out var creator) || http.Response.HasStarted) return;
        if (!await IsCreatorAsync(creator, cancellationToken)) return;
        http.Response.Cookies.Append(Cookie, _protector.Protect($"{creator:N}.{videoId:N}"), new CookieOptions
        {
            MaxAge = Lifetime,
            SameSite = SameSiteMode.Lax,
            HttpOnly = true,
            IsEssential = true,
            Path = "/",
        });
    }

    /// <summary>The referral the request's cookie carries, checked again against the database; null when there is none or it does not hold.</summary>
    public async Task<CreatorReferral?> ReadAsync(HttpContext? http, CancellationToken cancellationToken)
    {
        if (http?.Request.Cookies[Cookie] is not { Length: > 0 and <= MaxCookieLength } value) return null;
        string text;
        try
        {
            text = _protector.Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        var parts = text.Split('.');
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var creator) || !Guid.TryParseExact(parts[1], "N", out var video)) return null;
        if (!await IsCreatorAsync(creator, cancellationToken)) return null;
        var videoExists = await db.Videos.IgnoreQueryFilters().AnyAsync(v => v.Id == video && v.Status != VideoStatus.Deleted, cancellationToken);
        return videoExists ? new CreatorReferral(creator, video) : null;
    }

    private Task<bool> IsCreatorAsync(Guid userId, CancellationToken cancellationToken) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Creator), cancellationToken);
}
