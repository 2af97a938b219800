using System.Globalization;
using System.Text.Json;
using LiveCross.Domain.Events;

namespace LiveCross.Server.Events;

/// <summary>
/// Reads a posted batch event by event, so that a field of the wrong JSON type rejects that event with a reason
/// instead of failing the whole batch as model binding would.
/// </summary>
public static class EventBatchParser
{
    public static (IncomingEvent? Event, string? Reason) Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) return (null, "An event must be a JSON object.");
        string? eventId = null, type = null;
        DateTimeOffset? occurredAt = null;
        Guid? videoId = null, liveSessionId = null, productId = null, orderId = null;
        int? percent = null;
        double? watchSeconds = null;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null) continue;
            string? problem = property.Name switch
            {
                "eventId" => Text(value, "eventId", out eventId),
                "type" => Text(value, "type", out type),
                "occurredAt" => Time(value, out occurredAt),
                "videoId" => Id(value, "videoId", out videoId),
                "liveSessionId" => Id(value, "liveSessionId", out liveSessionId),
                "productId" => Id(value, "productId", out productId),
                "orderId" => Id(value, "orderId", out orderId),
                "percent" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var p) ? Set(out percent, p) : "percent must be a whole number.",
                "watchSeconds" => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var s) ? Set(out watchSeconds, s) : "watchSeconds must be a number.",
                _ => null,
            };
            if (problem is not null) return (null, problem);
        }
        return (new IncomingEvent
        {
            EventId = eventId,
            Type = type,
            OccurredAt = occurredAt,
            VideoId = videoId,
            LiveSessionId = liveSessionId,
            ProductId = productId,
            OrderId = orderId,
            Percent = percent,
            WatchSeconds = watchSeconds,
        }, null);
    }

    private static string? Set<T>(out T? field, T value) where T : struct
    {
        field = value;
        return null;
    }

    private static string? Text(JsonElement value, string name, out string? text)
    {
        text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return text is null ? $"{name} must be a string." : null;
    }

    private static string? Id(JsonElement value, string name, out Guid? id)
    {
        id = value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var parsed) && parsed != Guid.Empty ? parsed : null;
        return id is null ? $"{name} must be a UUID string." : null;
    }

    private static string? Time(JsonElement value, out DateTimeOffset? time)
    {
        time = null;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        // An offset is required: a time without one would be read in the server's zone, a silent shift of hours.
        if (text is null || !(text.EndsWith('Z') || text.EndsWith('z') || HasOffset(text))
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return "occurredAt must be an ISO 8601 time with Z or an offset.";
        time = parsed.ToUniversalTime();
        return null;
    }

    private static bool HasOffset(string text) =>
        text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':';
}
