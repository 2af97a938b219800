using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Platform;

/// <summary>Registering, signing in with a bearer token, and who the API thinks you are.</summary>
public abstract class AccountTests(AppFixture fixture)
{
    private const string Password = "Correct-horse-9";

    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task Registered_customer_signs_in_with_a_bearer_token_and_has_the_customer_role()
    {
        using var anonymous = App.CreateClient();
        var email = Unique.Email("shopper");

        var registered = await (await anonymous.SendJsonAsync(HttpMethod.Post, "/api/v1/account/register",
            new JsonObject { ["email"] = email, ["password"] = Password, ["displayName"] = "Ana Souza" })).ShouldBeJsonAsync(HttpStatusCode.Created);
        var login = await (await anonymous.SendJsonAsync(HttpMethod.Post, "/api/v1/account/login",
            new JsonObject { ["email"] = email, ["password"] = Password })).ShouldBeJsonAsync();

        login.GetProperty("tokenType").GetString().ShouldBe("Bearer");
        var token = login.GetProperty("accessToken").GetString();
        token.ShouldNotBeNullOrWhiteSpace();
        using var signedIn = App.CreateClient();
        signedIn.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await signedIn.GetJsonAsync("/api/v1/account/me");
        me.Id().ShouldBe(registered.Id());
        me.GetProperty("email").GetString().ShouldBe(email);
        me.GetProperty("displayName").GetString().ShouldBe("Ana Souza");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Customer"]);
        me.GetProperty("sellerId").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Wrong_password_or_unknown_email_is_refused_with_the_same_401_problem()
    {
        using var anonymous = App.CreateClient();
        var email = Unique.Email("shopper");
        await (await anonymous.SendJsonAsync(HttpMethod.Post, "/api/v1/account/register", new JsonObject { ["email"] = email, ["password"] = Password })).ShouldBeJsonAsync(HttpStatusCode.Created);

        var wrongPassword = await (await anonymous.SendJsonAsync(HttpMethod.Post, "/api/v1/account/login",
            new JsonObject { ["email"] = email, ["password"] = Password + "x" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var unknownEmail = await (await anonymous.SendJsonAsync(HttpMethod.Post, "/api/v1/account/login",
            new JsonObject { ["email"] = Unique.Email("nobody"), ["password"] = Password })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        wrongPassword.GetProperty("detail").GetString().ShouldBe(unknownEmail.GetProperty("detail").GetString());
        wrongPassword.TryGetProperty("accessToken", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Registering_an_email_twice_is_refused_naming_the_email()
    {
        using var anonymous = App.CreateClient();
        var email = Unique.Email("twice");
        await (await anonymous.SendJsonAsync(HttpMethod.Post, "/api/v1/account/register", new JsonObject { ["email"] = email, ["password"] = Password })).ShouldBeJsonAsync(HttpStatusCode.Created);

        var again = await anonymous.SendJsonAsync(HttpMethod.Post, "/api/v1/account/register", new JsonObject { ["email"] = email.ToUpperInvariant(), ["password"] = "Another-pass-7" });

        await again.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "email");
        await (await anonymous.SendJsonAsync(HttpMethod.Post, "/api/v1/account/login", new JsonObject { ["email"] = email, ["password"] = "Another-pass-7" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.SendJsonAsync(HttpMethod.Post, "/api/v1/account/login", new JsonObject { ["email"] = email, ["password"] = Password })).ShouldBeJsonAsync();
    }

    [Fact]
    public async Task Seller_staff_sees_the_seller_it_works_for()
    {
        using var admin = await App.ClientForAsync(DemoAccounts.Admin);
        var sellers = await admin.GetJsonAsync("/api/v1/admin/sellers");
        Guid SellerId(string slug) => sellers.EnumerateArray().Single(s => s.GetProperty("slug").GetString() == slug).Id();

        foreach (var (email, slug) in new[] { (DemoAccounts.Seller1, DemoSeeder.ElectronicsSlug), (DemoAccounts.Seller2, DemoSeeder.ApparelSlug) })
        {
            using var staff = await App.ClientForAsync(email);
            var me = await staff.GetJsonAsync("/api/v1/account/me");
            me.GetProperty("sellerId").GetGuid().ShouldBe(SellerId(slug));
            me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldContain("Seller");
        }
    }

    [Fact]
    public async Task Me_without_a_valid_token_is_a_401_problem()
    {
        using var anonymous = App.CreateClient();
        await (await anonymous.GetAsync("/api/v1/account/me", Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        using var forged = App.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token-this-server-issued");
        await (await forged.GetAsync("/api/v1/account/me", Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Sign_out_without_the_pages_antiforgery_token_is_refused()
    {
        using var browser = App.CreateClient(new() { AllowAutoRedirect = false });

        var response = await browser.PostAsync("/account/logout", null, Api.Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}

public sealed class AccountTestsOnSqlite(SqliteAppFixture fixture) : AccountTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class AccountTestsOnPostgres(PostgresAppFixture fixture) : AccountTests(fixture), IClassFixture<PostgresAppFixture>;
