namespace LiveCross.Server.Platform.Tenancy;

/// <summary>
/// The seller whose data this request may see, set once per request by <see cref="TenantScopeMiddleware"/>
/// for seller-console paths. When set, every query of seller-owned rows is filtered to it and saving a
/// row of another seller throws. Outside the seller console (storefront, admin) it is unset.
/// </summary>
public sealed class TenantScope
{
    public Guid? SellerId { get; private set; }

    public void ScopeTo(Guid sellerId) => SellerId = sellerId;
}

public sealed class TenantViolationException(string message) : Exception(message);
