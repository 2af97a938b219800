using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Support;

/// <summary>Live sessions that are live, lucky-draw and coupon bodies, and customers to enter and claim.</summary>
public static class DrawsApi
{
    public static string Draws(Guid sessionId) => $"{LiveApi.SellerSessions}/{sessionId}/draws";

    public static string Coupons(Guid sessionId) => $"{LiveApi.SellerSessions}/{sessionId}/coupons";

    /// <summary>A new session of the seller, moved to live by hand.</summary>
    public static async Task<Guid> LiveSessionAsync(this HttpClient seller)
    {
        var session = await seller.CreateSessionAsync(LiveApi.Session($"Draw night {Unique.Word()}"));
        await (await seller.MoveAsync(session.Id(), "go-live")).ShouldBeJsonAsync();
        return session.Id();
    }

    public static JsonObject WatchDraw(int winners = 2, int seconds = 30, int durationSeconds = 120) => new()
    {
        ["prize"] = "Mystery bag",
        ["prizeTranslations"] = new JsonArray(new JsonObject { ["locale"] = "zh-Hans", ["text"] = "福袋" }),
        ["winners"] = winners,
        ["durationSeconds"] = durationSeconds,
        ["entryRule"] = new JsonObject { ["kind"] = "watch", ["seconds"] = seconds },
    };

    public static JsonObject PhraseDraw(string phrase, int winners = 1, int durationSeconds = 120) => new()
    {
        ["prize"] = "Lucky bag",
        ["winners"] = winners,
        ["durationSeconds"] = durationSeconds,
        ["entryRule"] = new JsonObject { ["kind"] = "phrase", ["phrase"] = phrase },
    };

    public static async Task<JsonElement> StartDrawAsync(this HttpClient seller, Guid sessionId, JsonObject body) =>
        await (await seller.SendJsonAsync(HttpMethod.Post, Draws(sessionId), body)).ShouldBeJsonAsync(HttpStatusCode.Created);

    public static JsonObject AmountOff(decimal amount, string currency, int quantity, DateTimeOffset expiresAt, decimal? minimumSpend = null)
    {
        var body = new JsonObject
        {
            ["quantity"] = quantity,
            ["amountOff"] = new JsonObject { ["amount"] = amount, ["currency"] = currency },
            ["expiresAt"] = expiresAt.ToString("O"),
        };
        if (minimumSpend is { } min) body["minimumSpend"] = new JsonObject { ["amount"] = min, ["currency"] = currency };
        return body;
    }

    public static async Task<HttpClient> NewCustomerAsync(this LiveCrossApp app)
    {
        var email = Unique.Email("viewer");
        const string password = "Lucky-draw-viewer-1";
        using var anonymous = app.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/v1/account/register", new { email, password }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);
        return await app.ClientForAsync(email, password);
    }

    public static Task<HttpResponseMessage> ClaimRequestAsync(this HttpClient client, Guid couponId, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/coupons/{couponId}/claims");
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request, Api.Cancel);
    }
}
