using System.Security.Claims;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace LiveCross.Server.Platform.Accounts;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record AccountResponse(Guid Id, string Email, string? DisplayName, string[] Roles, Guid? SellerId);

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/account").WithTags("Account");

        group.MapPost("/register", Register).AllowAnonymous();
        group.MapPost("/login", Login).AllowAnonymous()
            .Produces<AccessTokenResponse>()
            .WithDescription("Signs in and returns a bearer token (send it as 'Authorization: Bearer <accessToken>').");
        group.MapGet("/me", Me).RequireAuthorization();
        return app;
    }

    private static async Task<Results<Created<AccountResponse>, ValidationProblem>> Register(RegisterRequest request, UserManager<AppUser> users)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(request.Email) && request.Email.Contains('@', StringComparison.Ordinal) && request.Email.Length <= 256, "email", "A valid e-mail address of at most 256 characters is required.");
        errors.Require(!string.IsNullOrEmpty(request.Password), "password", "A password is required.");
        errors.Require(request.DisplayName is null || request.DisplayName.Length <= 200, "displayName", "At most 200 characters.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var user = new AppUser { UserName = request.Email!.Trim(), Email = request.Email.Trim(), DisplayName = request.DisplayName?.Trim() };
        var result = await users.CreateAsync(user, request.Password!);
        if (!result.Succeeded) return TypedResults.ValidationProblem(IdentityErrors(result));
        await users.AddToRoleAsync(user, Roles.Customer);
        return TypedResults.Created("/api/v1/account/me", new AccountResponse(user.Id, user.Email, user.DisplayName, [Roles.Customer], null));
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult, ValidationProblem>> Login(
        LoginRequest request, SignInManager<AppUser> signIn, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["credentials"] = ["E-mail and password are required."],
            });
        }
        // The bearer handler writes the access token response itself, as Identity's own /login does.
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Email.Trim(), request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            if (await signIn.UserManager.FindByNameAsync(request.Email.Trim()) is { } user) await SignedIn.NotifyAsync(services, user.Id, cancellationToken);
            return TypedResults.Empty;
        }
        return TypedResults.Problem(
            result.IsLockedOut ? "Too many failed attempts; try again later." : "E-mail or password is wrong.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Sign-in failed.");
    }

    private static async Task<Results<Ok<AccountResponse>, UnauthorizedHttpResult>> Me(ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return TypedResults.Unauthorized();
        var roles = await users.GetRolesAsync(user);
        return TypedResults.Ok(new AccountResponse(user.Id, user.Email ?? "", user.DisplayName, [.. roles], user.SellerId));
    }

    public static Dictionary<string, string[]> IdentityErrors(IdentityResult result) =>
        result.Errors
            .GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : "account")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).Distinct().ToArray());
}
