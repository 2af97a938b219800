using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using LiveCross.Server.Events;
using LiveCross.Server.Platform.Database;
using LiveCross.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Support;

/// <summary>Event batches as the tracker sends them, and the rows the event store holds.</summary>
public static class EventsApi
{
    public const string Events = "/api/v1/events";

    public static string ClientId() => "test-" + Guid.NewGuid().ToString("N");

    /// <summary>An event as the browser tracker makes it, occurred a second before <paramref name="now"/>.</summary>
    public static JsonObject Event(string type, DateTimeOffset now, Guid? videoId = null, Guid? productId = null, Guid? liveSessionId = null, int? percent = null,
        double? watchSeconds = null, string? eventId = null)
    {
        var e = new JsonObject
        {
            ["eventId"] = eventId ?? Guid.NewGuid().ToString(),
            ["type"] = type,
            ["occurredAt"] = now.AddSeconds(-1).ToString("O", CultureInfo.InvariantCulture),
        };
        if (videoId is not null) e["videoId"] = videoId.ToString();
        if (productId is not null) e["productId"] = productId.ToString();
        if (liveSessionId is not null) e["liveSessionId"] = liveSessionId.ToString();
        if (percent is not null) e["percent"] = percent;
        if (watchSeconds is not null) e["watchSeconds"] = watchSeconds;
        return e;
    }

    public static Task<HttpResponseMessage> PostEventsAsync(this HttpClient client, JsonNode batch, string? clientId, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Events + query) { Content = Api.JsonContent(batch) };
        if (clientId is not null) request.Headers.Add(EventIngest.ClientHeader, clientId);
        return client.SendAsync(request, Api.Cancel);
    }

    public static async Task<JsonElement> PostEventsOkAsync(this HttpClient client, JsonNode batch, string? clientId, string query = "") =>
        await (await client.PostEventsAsync(batch, clientId, query)).ShouldBeJsonAsync();

    public static JsonArray Batch(params JsonObject[] events) => new(events.Select(e => (JsonNode)e.DeepClone()).ToArray());

    /// <summary>
    /// Waits (at most 15 s) until the outbox has handed every paid order's payment_success events to the event writer:
    /// they are recorded after the payment commits, not during the call that reported it.
    /// </summary>
    public static Task WaitForPaymentEventsAsync(this LiveCrossApp app) => app.WaitForOutboxAsync(PaymentSuccessOutbox.Type);

    /// <summary>The stored rows of one subject ("c:{client id}" or "u:{user id:N}"), after the writer stored everything accepted so far.</summary>
    public static async Task<List<Dictionary<string, object?>>> StoredRowsAsync(this LiveCrossApp app, string subject)
    {
        await app.Services.GetRequiredService<EventWriter>().FlushAsync(TimeSpan.FromSeconds(30), Api.Cancel);
        using var connection = app.Services.GetRequiredService<EventStore>().OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM events WHERE subject = $subject ORDER BY occurred_at, event_id";
        command.Parameters.Add(new DuckDBParameter("subject", subject));
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
