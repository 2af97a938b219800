using LiveCross.Server.Platform.Accounts;

namespace LiveCross.Server.Cart;

/// <summary>What a guest put in the cart before signing in stays in it: the guest cart joins the account's cart.</summary>
public sealed class MergeCartOnSignIn(CartService carts) : ISignedInHandler
{
    public Task OnSignedInAsync(Guid userId, CancellationToken cancellationToken) => carts.MergeGuestCartAsync(userId, cancellationToken);
}
