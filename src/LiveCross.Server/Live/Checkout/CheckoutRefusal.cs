namespace LiveCross.Server.Live.Checkout;

/// <summary>
/// Why a flash-sale claim or a live coupon cannot go into this order: a 400 names <see cref="Field"/> as a validation
/// problem; 404, 409 and 410 are problems with <see cref="Title"/> and <see cref="Detail"/>.
/// </summary>
public sealed record CheckoutRefusal(int StatusCode, string Field, string Title, string Detail);
