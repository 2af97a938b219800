using LiveCross.Domain.Monetary;

namespace LiveCross.Domain.Orders;

public enum OrderStatus
{
    PendingPayment,
    Paid,
    Allocated,
    Shipped,
    Delivered,
    Cancelled,
    PartiallyRefunded,
    Refunded,
}

/// <summary>
/// One entry of an order's history: a change of status, or a fact noted without one (From equals To,
/// e.g. a failed payment attempt). <see cref="From"/> is null for the order's creation.
/// </summary>
public sealed record StatusChange(OrderStatus? From, OrderStatus To, string Actor, DateTimeOffset At, string Reason);

/// <summary>Where an order stands: its status, what the buyer paid at checkout and how much of it was refunded.</summary>
public sealed record OrderState(OrderStatus Status, Money Paid, Money Refunded);

/// <summary>The outcome of asking for a transition: the next state and the change to record, or a refusal saying why.</summary>
public abstract record TransitionResult
{
    public sealed record Accepted(OrderState Next, StatusChange Change) : TransitionResult;

    public sealed record Refused(OrderStatus Current, string Reason) : TransitionResult;
}

/// <summary>
/// The order lifecycle. PendingPayment → Paid → Allocated → Shipped → Delivered; an unpaid order can be
/// cancelled (by the buyer, or by the system when the payment window expires); a paid order can be
/// refunded in part, again and again, until it is refunded in full. Anything else is refused with a reason.
/// </summary>
public static class OrderStateMachine
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Moves = new()
    {
        [OrderStatus.PendingPayment] = [OrderStatus.Paid, OrderStatus.Cancelled],
        [OrderStatus.Paid] = [OrderStatus.Allocated, OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.Allocated] = [OrderStatus.Shipped, OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.Shipped] = [OrderStatus.Delivered, OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.Delivered] = [OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.PartiallyRefunded] = [OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.Cancelled] = [],
        [OrderStatus.Refunded] = [],
    };

    public static bool CanMove(OrderStatus from, OrderStatus to) => Moves[from].Contains(to);

    /// <summary>A new order: it waits for payment of <paramref name="amountDue"/>.</summary>
    public static TransitionResult.Accepted Place(Money amountDue, string actor, DateTimeOffset at) =>
        new(new OrderState(OrderStatus.PendingPayment, amountDue, new Money(0m, amountDue.Currency).RoundToMinorUnits()),
            new StatusChange(null, OrderStatus.PendingPayment, actor, at, "Order placed; waiting for payment."));

    public static TransitionResult Pay(OrderState state, Money amount, string actor, DateTimeOffset at, string reason)
    {
        if (amount.Currency != state.Paid.Currency || amount.Amount != state.Paid.Amount)
            return new TransitionResult.Refused(state.Status, $"The payment of {amount} does not match the amount due, {state.Paid}.");
        return Move(state, OrderStatus.Paid, actor, at, reason);
    }

    public static TransitionResult Cancel(OrderState state, string actor, DateTimeOffset at, string reason) =>
        Move(state, OrderStatus.Cancelled, actor, at, reason);

    public static TransitionResult Allocate(OrderState state, string actor, DateTimeOffset at, string reason) =>
        Move(state, OrderStatus.Allocated, actor, at, reason);

    public static TransitionResult Ship(OrderState state, string actor, DateTimeOffset at, string reason) =>
        Move(state, OrderStatus.Shipped, actor, at, reason);

    public static TransitionResult Deliver(OrderState state, string actor, DateTimeOffset at, string reason) =>
        Move(state, OrderStatus.Delivered, actor, at, reason);

    /// <summary>Refunds <paramref name="amount"/> of what was paid: in full it ends the order, in part it can be followed by more refunds.</summary>
    public static TransitionResult Refund(OrderState state, Money amount, string actor, DateTimeOffset at, string reason)
    {
        if (amount.Currency != state.Paid.Currency)
            return new TransitionResult.Refused(state.Status, $"A refund in {amount.Currency} cannot be made on an order paid in {state.Paid.Currency}.");
        if (amount.Amount <= 0)
            return new TransitionResult.Refused(state.Status, "A refund must be of a positive amount.");
        var refunded = state.Refunded + amount;
        if (refunded.Amount > state.Paid.Amount)
            return new TransitionResult.Refused(state.Status, $"Refunding {amount} would return more than was paid ({state.Paid}, of which {state.Refunded} was refunded already).");
        var to = refunded.Amount == state.Paid.Amount ? OrderStatus.Refunded : OrderStatus.PartiallyRefunded;
        return Move(state with { Refunded = refunded.RoundToMinorUnits() }, to, actor, at, reason, from: state.Status);
    }

    /// <summary>A fact worth keeping in the history that does not change the status (a declined card, say).</summary>
    public static TransitionResult.Accepted Note(OrderState state, string actor, DateTimeOffset at, string reason) =>
        new(state, new StatusChange(state.Status, state.Status, actor, at, reason));

    private static TransitionResult Move(OrderState state, OrderStatus to, string actor, DateTimeOffset at, string reason, OrderStatus? from = null)
    {
        var current = from ?? state.Status;
        if (!CanMove(current, to))
            return new TransitionResult.Refused(current, $"An order that is {Describe(current)} cannot become {Describe(to)}.");
        return new TransitionResult.Accepted(state with { Status = to }, new StatusChange(current, to, actor, at, reason));
    }

    /// <summary>"pending payment", "partially refunded": status names as they read in a sentence.</summary>
    public static string Describe(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => "pending payment",
        OrderStatus.PartiallyRefunded => "partially refunded",
        _ => status.ToString().ToLowerInvariant(),
    };
}
