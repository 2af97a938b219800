namespace LiveCross.Server.Platform.Accounts;

/// <summary>
/// Work to do the moment someone signs in, in the sign-in request (the cart merges a guest cart into the
/// account's). Every sign-in path — the sign-in page, registration and the API — calls <see cref="SignedIn.NotifyAsync"/>.
/// </summary>
public interface ISignedInHandler
{
    Task OnSignedInAsync(Guid userId, CancellationToken cancellationToken);
}

public static class SignedIn
{
    public static async Task NotifyAsync(IServiceProvider services, Guid userId, CancellationToken cancellationToken)
    {
        foreach (var handler in services.GetServices<ISignedInHandler>()) await handler.OnSignedInAsync(userId, cancellationToken);
    }
}
