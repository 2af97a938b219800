using System.Globalization;
using System.Net;
using System.Resources;
using System.Text;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Email;
using LiveCross.Server.Platform.Outbox;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LiveCross.Server.Orders;

public enum OrderEmailKind
{
    /// <summary>Sent when the order is paid: what was bought and every charge.</summary>
    Confirmation,
}

/// <summary>The outbox payload: which order, which e-mail. The text is written when it is sent, from the stored order.</summary>
public sealed record OrderEmailRequest(Guid OrderId, OrderEmailKind Kind);

/// <summary>Delivers order e-mails from the outbox, in the buyer's language (the order's locale, else English).</summary>
public sealed class OrderEmails(IServiceScopeFactory scopes, IEmailSender sender, OrderAccessTokens tokens, IOptions<EmailOptions> options) : IOutboxHandler
{
    public const string Type = "order-email";

    private static readonly ResourceManager Texts = new("LiveCross.Server.Resources.SharedResource", typeof(SharedResource).Assembly);

    public string MessageType => Type;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var request = message.ReadPayload<OrderEmailRequest>();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var order = await OrderViews.LoadAsync(db, request.OrderId, track: false, cancellationToken)
            ?? throw new InvalidOperationException($"Order {request.OrderId} of outbox message {message.Id} does not exist.");
        var mail = Compose(order, options.Value, tokens.PagePath(order));
        mail.MessageId = $"{message.Id:N}@livecross";
        await sender.SendAsync(mail, cancellationToken);
    }

    /// <summary>The UI language closest to <paramref name="locale"/>: de-AT → de, zh-CN → zh-Hans, pt-BR → en.</summary>
    public static CultureInfo LanguageOf(string locale)
    {
        for (var culture = CultureInfo.GetCultureInfo(locale); culture.Name.Length > 0; culture = culture.Parent)
        {
            if (ShopperContext.UiCultures.Contains(culture.Name, StringComparer.OrdinalIgnoreCase)) return CultureInfo.GetCultureInfo(culture.Name);
        }
        return CultureInfo.GetCultureInfo("en");
    }

    public static MimeMessage Compose(Order order, EmailOptions settings, string pagePath)
    {
        var language = LanguageOf(order.Locale);
        var regional = $"{language.Name}-{order.MarketCode}";
        var format = LiveCross.Domain.Markets.LocaleFallback.IsKnown(regional) ? CultureInfo.GetCultureInfo(regional) : language;
        string T(string key) => Texts.GetString(key, language) ?? key;
        var currency = CurrencyCode.Parse(order.Currency);
        string M(decimal amount) => MoneyFormatter.Format(new Money(amount, currency), format);
        var c = order.Charges;
        var link = settings.SiteUrl.TrimEnd('/') + pagePath;

        var charges = new List<(string Label, string Amount)>
        {
            (T("Order.Goods"), M(c.Goods)),
            (T("Order.Shipping"), M(c.Shipping)),
            (T("Order.Insurance"), M(c.Insurance)),
            (T("Order.Duty"), M(c.Duty)),
            (T("Order.Tax"), M(c.Tax)),
            (T("Order.Total"), M(c.Total)),
        };
        if (c.Fees != 0) charges.Add((T("Order.Fees"), M(c.Fees)));
        charges.Add((T("Order.AmountPaid"), M(c.AmountDue)));
        var collected = T("Order.CollectedAt." + c.CollectedAt);
        var lines = order.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal)
            .Select(l => (Text: $"{l.Quantity} × {l.Title}{(l.Options.Length > 0 ? $" ({l.Options})" : "")} · {l.Sku}", Amount: M(l.LineTotal))).ToList();
        var address = string.Join(", ", new[] { order.ShipTo.Name, order.ShipTo.Line1, order.ShipTo.Line2, $"{order.ShipTo.PostalCode} {order.ShipTo.City}".Trim(), order.ShipTo.Region, order.ShipTo.Country }
            .Where(p => !string.IsNullOrWhiteSpace(p)));
        var subject = string.Format(format, T("Email.Confirmation.Subject"), order.Number);
        var intro = string.Format(format, T("Email.Confirmation.Intro"), M(c.AmountDue));

        var text = new StringBuilder();
        text.AppendLine(subject).AppendLine().AppendLine(intro).AppendLine();
        text.AppendLine(T("Order.Items"));
        foreach (var (line, amount) in lines) text.AppendLine($"  {line}   {amount}");
        text.AppendLine().AppendLine(T("Order.Charges"));
        foreach (var (label, amount) in charges) text.AppendLine($"  {label}: {amount}");
        text.AppendLine($"  {collected}").AppendLine();
        text.AppendLine($"{T("Order.ShipTo")}: {address}").AppendLine();
        text.AppendLine(string.Format(format, T("Email.ViewOrder"), link));

        var dir = language.TextInfo.IsRightToLeft ? "rtl" : "ltr";
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html lang=\"{language.Name}\" dir=\"{dir}\"><body style=\"font-family:sans-serif\">");
        html.Append($"<h1>{E(subject)}</h1><p>{E(intro)}</p><h2>{E(T("Order.Items"))}</h2><table>");
        foreach (var (line, amount) in lines) html.Append($"<tr><td>{E(line)}</td><td style=\"text-align:end\">{E(amount)}</td></tr>");
        html.Append($"</table><h2>{E(T("Order.Charges"))}</h2><table>");
        foreach (var (label, amount) in charges) html.Append($"<tr><td>{E(label)}</td><td style=\"text-align:end\">{E(amount)}</td></tr>");
        html.Append($"</table><p>{E(collected)}</p><p><strong>{E(T("Order.ShipTo"))}:</strong> {E(address)}</p>");
        html.Append($"<p><a href=\"{E(link)}\">{E(T("Order.ViewOrder"))}</a></p></body></html>");

        var message = new MimeMessage { Subject = subject };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(order.Email));
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        // MIME keeps Content-* headers with the body they describe.
        message.Body.Headers.Add(HeaderId.ContentLanguage, language.Name);
        return message;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
