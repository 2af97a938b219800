using LiveCross.Server.Components;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using LiveCross.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace LiveCross.Server.Platform.Web;

public static class WebModule
{
    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAntiforgery();
        return builder;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        // API clients get problem details for an empty error response; people get a page they can read.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        // Routing after the status pages, so that a re-executed request is routed to the error page.
        app.UseRouting();
        app.UseStaticFiles();
        var media = app.Services.GetRequiredService<IOptions<LiveCrossOptions>>().Value.MediaPath;
        Directory.CreateDirectory(media);
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(media), RequestPath = "/media" });
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseMiddleware<CookieApiAntiforgeryMiddleware>();
        app.UseMiddleware<TenantScopeMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapWebPages(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("LiveCross API"));
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });

        app.MapGet("/preferences", SetPreferences).ExcludeFromDescription();
        app.MapMethods("/error/{status:int}", [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch],
                (int status) => new RazorComponentResult<ErrorDocument>(new { Status = status }) { StatusCode = status is >= 400 and <= 499 ? status : 404 })
            .ExcludeFromDescription();
        app.MapPost("/account/logout", async (HttpContext context, SignInManager<AppUser> signIn, IAntiforgery antiforgery) =>
        {
            // The handler binds no form, so the antiforgery check is made here rather than by the middleware.
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.Problem("Sign out from the page's sign-out button.", statusCode: StatusCodes.Status400BadRequest, title: "The antiforgery token is missing or invalid.");
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        }).ExcludeFromDescription();

        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>Remembers the shopper's market and language in cookies, then goes back to the page they came from.</summary>
    private static IResult SetPreferences(HttpContext context, MarketRegistry markets, string? market, string? culture, string? returnUrl)
    {
        var cookie = new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true };
        if (markets.TryGet(market, out var chosen)) context.Response.Cookies.Append(ShopperContext.MarketCookie, chosen.Code, cookie);
        if (culture is not null && ShopperContext.UiCultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
        {
            var canonical = ShopperContext.UiCultures.First(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase));
            context.Response.Cookies.Append(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName, ShopperContext.CultureCookieValue(canonical), cookie);
        }
        return Results.LocalRedirect(Components.LocalUrl.OrHome(returnUrl));
    }
}
