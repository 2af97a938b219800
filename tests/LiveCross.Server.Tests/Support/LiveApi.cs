using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiveCross.Server.Tests.Support;

/// <summary>Builds live-session bodies and calls the live-session API.</summary>
public static class LiveApi
{
    public const string SellerSessions = "/api/v1/seller/live-sessions";
    public const string PublicSessions = "/api/v1/live-sessions";

    /// <summary>A valid session: an English and a German title, DE and GB, starting tomorrow, with the given line-up.</summary>
    public static JsonObject Session(string title, params Guid[] products) => new()
    {
        ["titles"] = new JsonArray(new JsonObject { ["locale"] = "en", ["title"] = title }, new JsonObject { ["locale"] = "de", ["title"] = title + " (DE)" }),
        ["defaultLocale"] = "en",
        ["markets"] = new JsonArray("DE", "GB"),
        ["products"] = new JsonArray(products.Select(p => (JsonNode)p.ToString()).ToArray()),
        ["scheduledStart"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
    };

    public static async Task<JsonElement> CreateSessionAsync(this HttpClient seller, JsonObject body) =>
        await (await seller.SendJsonAsync(HttpMethod.Post, SellerSessions, body)).ShouldBeJsonAsync(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> MoveAsync(this HttpClient seller, Guid id, string move) =>
        seller.PostAsync($"{SellerSessions}/{id}/{move}", null, Api.Cancel);
}
