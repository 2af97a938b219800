using LiveCross.Server.Platform.Accounts;

namespace LiveCross.Server.Platform.Tenancy;

/// <summary>
/// The one place tenancy is decided: requests to the seller console (API and pages) run scoped to the
/// signed-in staff member's seller. The SellerStaff policy on those endpoints refuses anyone else.
/// </summary>
public sealed class TenantScopeMiddleware(RequestDelegate next)
{
    public static bool IsSellerConsolePath(PathString path) =>
        path.StartsWithSegments("/api/v1/seller") || path.StartsWithSegments("/seller");

    public Task InvokeAsync(HttpContext context, TenantScope scope)
    {
        if (IsSellerConsolePath(context.Request.Path) && context.User.SellerId() is { } sellerId)
            scope.ScopeTo(sellerId);
        return next(context);
    }
}
