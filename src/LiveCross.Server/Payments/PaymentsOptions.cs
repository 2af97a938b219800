using System.ComponentModel.DataAnnotations;

namespace LiveCross.Server.Payments;

public enum PaymentProviderKind
{
    Sandbox,
    Stripe,
}

public sealed class PaymentsOptions : IValidatableObject
{
    public const string Section = "Payments";

    /// <summary>Which provider takes new payments: the built-in sandbox (default, needs no secret) or Stripe.</summary>
    public PaymentProviderKind Provider { get; set; } = PaymentProviderKind.Sandbox;

    public StripeSettings Stripe { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider)) yield return new("Payments:Provider must be Sandbox or Stripe.", [nameof(Provider)]);
        if (Provider == PaymentProviderKind.Stripe)
        {
            if (string.IsNullOrWhiteSpace(Stripe.SecretKey) || Stripe.SecretKey.Any(char.IsWhiteSpace))
                yield return new("Payments:Stripe:SecretKey is required when Payments:Provider is Stripe (a key like sk_live_… or sk_test_…; keep it out of the repository).", ["Stripe.SecretKey"]);
            if (string.IsNullOrWhiteSpace(Stripe.WebhookSecret))
                yield return new("Payments:Stripe:WebhookSecret is required when Payments:Provider is Stripe (the endpoint's signing secret, whsec_…).", ["Stripe.WebhookSecret"]);
            if (!Uri.TryCreate(Stripe.ApiBase, UriKind.Absolute, out var apiBase) || apiBase.Scheme is not ("https" or "http"))
                yield return new("Payments:Stripe:ApiBase must be an absolute http(s) URL.", ["Stripe.ApiBase"]);
        }
    }
}

public sealed class StripeSettings
{
    public string? SecretKey { get; set; }

    public string? WebhookSecret { get; set; }

    /// <summary>Where Stripe's API is; tests point it at a local fake.</summary>
    public string ApiBase { get; set; } = "https://api.stripe.com";

    /// <summary>For the page that mounts Stripe.js (pk_…); public by design.</summary>
    public string? PublishableKey { get; set; }
}
