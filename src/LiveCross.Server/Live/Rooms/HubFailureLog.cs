using Microsoft.AspNetCore.SignalR;

namespace LiveCross.Server.Live.Rooms;

/// <summary>
/// Logs a failed hub call once, at the level it deserves: a <see cref="HubException"/> is the answer to a client's bad
/// input (Debug), anything else is a bug (Error). SignalR's own dispatcher logs every failure at Error, so a client
/// sending garbage would flood the error log; its category is filtered out in <see cref="RoomsModule"/>.
/// </summary>
public sealed class HubFailureLog(ILogger<HubFailureLog> logger) : IHubFilter
{
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException e)
        {
            logger.LogDebug("Hub call {Method} refused: {Reason}", invocationContext.HubMethodName, e.Message);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Hub call {Method} failed", invocationContext.HubMethodName);
            throw;
        }
    }
}
