using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveCross.Server.Components;

public static class LocalUrl
{
    /// <summary>A return address on this site, or the home page: never a redirect to another site.</summary>
    public static string OrHome(string? url) => RedirectHttpResult.IsLocalUrl(url) ? url! : "/";
}
