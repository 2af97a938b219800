using System.Text.Json;
using LiveCross.Server.Platform.Database;

namespace LiveCross.Server.Platform.Outbox;

public static class Outbox
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>Adds a message to the context; it is stored by the caller's own SaveChanges, in the caller's transaction.</summary>
    public static OutboxMessage Enqueue<TPayload>(this LiveCrossDbContext db, string type, TPayload payload, DateTimeOffset now)
    {
        var message = new OutboxMessage
        {
            Type = type,
            Payload = JsonSerializer.Serialize(payload, PayloadJson),
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    public static TPayload ReadPayload<TPayload>(this OutboxMessage message) =>
        JsonSerializer.Deserialize<TPayload>(message.Payload, PayloadJson)
        ?? throw new InvalidOperationException($"Outbox message {message.Id} has an empty payload.");
}
