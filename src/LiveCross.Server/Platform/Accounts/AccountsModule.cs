using System.Security.Claims;
using LiveCross.Server.Platform.Database;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Platform.Accounts;

public static class AccountsModule
{
    private const string ChallengeScheme = "LiveCross.ApiOrPage";

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        // Cookie for the web UI, bearer tokens for API clients; the default scheme picks whichever the request carries.
        builder.Services.AddIdentityApiEndpoints<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<LiveCrossDbContext>()
            .AddClaimsPrincipalFactory<LiveCrossClaimsFactory>();

        // Keys in the shared database: a cookie or token issued by one node is accepted by every other.
        builder.Services.AddDataProtection().SetApplicationName("LiveCross").PersistKeysToDbContext<LiveCrossDbContext>();

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "livecross.auth";
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
        });

        // AddIdentityApiEndpoints' composite scheme sends every challenge and forbid to the bearer handler (a bare 401/403).
        // That is right for the API; a browser on a storefront page belongs on the sign-in or access-denied page.
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultChallengeScheme = ChallengeScheme;
                o.DefaultForbidScheme = ChallengeScheme;
            })
            .AddPolicyScheme(ChallengeScheme, displayName: null, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Path.StartsWithSegments("/api") ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SellerStaff, p => p.RequireRole(Roles.Seller).RequireClaim(LiveCrossClaims.SellerId))
            .AddPolicy(Policies.PlatformAdmin, p => p.RequireRole(Roles.PlatformAdmin));
        return builder;
    }

    /// <summary>API clients get a status code; browsers get the sign-in page.</summary>
    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static async Task EnsureRolesAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
        }
    }
}

public static class Policies
{
    public const string SellerStaff = nameof(SellerStaff);
    public const string PlatformAdmin = nameof(PlatformAdmin);
}

/// <summary>Adds the seller an account works for, so tenancy is decided from the token or cookie without a database read.</summary>
public sealed class LiveCrossClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.SellerId is { } sellerId) identity.AddClaim(new Claim(LiveCrossClaims.SellerId, sellerId.ToString()));
        if (!string.IsNullOrEmpty(user.DisplayName)) identity.AddClaim(new Claim("name", user.DisplayName));
        return identity;
    }
}

public static class ClaimsPrincipalExtensions
{
    public static Guid? SellerId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(LiveCrossClaims.SellerId), out var id) ? id : null;

    /// <summary>The signed-in account's id (Identity's name identifier claim); null for an anonymous caller.</summary>
    public static Guid? UserId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
