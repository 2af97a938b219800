namespace LiveCross.Server.Platform.Outbox;

/// <summary>
/// Work to do after a transaction commits (send an e-mail, deliver a webhook). It is written in the
/// same transaction as the change that caused it, so it exists exactly when that change does, and a
/// worker delivers it at least once, retrying with backoff.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Which <see cref="IOutboxHandler"/> delivers it, e.g. "order-confirmation-email".</summary>
    public required string Type { get; set; }

    /// <summary>The handler's input, as JSON.</summary>
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>While set and in the future, one worker (on some node) owns the message.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Set when the worker gave up (no handler, or every attempt failed); the message is kept for an operator.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    public string? LastError { get; set; }
}

/// <summary>Delivers one type of outbox message. Throwing means "try again later".</summary>
public interface IOutboxHandler
{
    string MessageType { get; }

    Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken);
}
