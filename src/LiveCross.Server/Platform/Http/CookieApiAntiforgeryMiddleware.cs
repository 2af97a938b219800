using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace LiveCross.Server.Platform.Http;

/// <summary>
/// A browser sends its sign-in cookie with any request, including one another site makes it send, so a
/// state-changing API call authenticated by the cookie must carry the antiforgery token (header
/// <c>RequestVerificationToken</c>, or the form field). API clients authenticate with a bearer token and are
/// not affected.
/// </summary>
public sealed class CookieApiAntiforgeryMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery, IProblemDetailsService problems)
    {
        if (NeedsToken(context) && !await antiforgery.IsRequestValidAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The antiforgery token is missing or invalid.",
                    Detail = "A change made with the sign-in cookie needs the page's antiforgery token; API clients send a bearer token instead.",
                },
            });
            return;
        }
        await next(context);
    }

    // The event ingest is exempt: navigator.sendBeacon cannot send a header, and a forged batch can only add
    // browser interaction events (server facts such as payments are refused there).
    private static bool NeedsToken(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
        && !context.Request.Path.StartsWithSegments(Events.EventsModule.Path)
        && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        && !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && context.User.Identity is { IsAuthenticated: true, AuthenticationType: var type }
        && type == IdentityConstants.ApplicationScheme;
}
