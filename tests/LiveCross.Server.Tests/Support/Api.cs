using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiveCross.Server.Tests.Support;

/// <summary>Small HTTP helpers: send JSON, read JSON, and check RFC 9457 problem responses.</summary>
public static class Api
{
    public const string ProblemJson = "application/problem+json";

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, JsonNode? body) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent(body) }, Cancel);


    public static StringContent JsonContent(JsonNode? body) =>
        new(body?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");

    /// <summary>GETs <paramref name="url"/> and returns its JSON body, failing with the body when the status is not 200.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url) =>
        await (await client.GetAsync(url, Cancel)).ShouldBeJsonAsync();

    public static async Task<JsonElement> ShouldBeJsonAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        response.StatusCode.ShouldBe(status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Checks the response is a problem document with <paramref name="status"/> and, when given, an error for <paramref name="field"/>.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        var request = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}";
        response.StatusCode.ShouldBe(status, $"{request}: {text}");
        response.Content.Headers.ContentType?.MediaType.ShouldBe(ProblemJson, $"{request}: {text}");
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        if (field is not null) ErrorFields(problem).ShouldContain(field, $"{request}: {text}");
        return problem;
    }

    public static IReadOnlyList<string> ErrorFields(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? errors.EnumerateObject().Select(e => e.Name).ToList()
            : [];

    /// <summary>The items of a paged list response.</summary>
    public static IReadOnlyList<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    public static IReadOnlyList<Guid> Ids(this JsonElement page) => page.Items().Select(i => i.GetProperty("id").GetGuid()).ToList();

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    public static decimal Amount(this JsonElement money) => money.GetProperty("amount").GetDecimal();

    public static string Currency(this JsonElement money) => money.GetProperty("currency").GetString()!;

    public static JsonNode? ToNode(this JsonElement element) => JsonNode.Parse(element.GetRawText());
}
