using System.ComponentModel.DataAnnotations;
using LiveCross.Server.Platform.Database;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LiveCross.Server.Platform.Email;

public sealed class SmtpSettings
{
    /// <summary>The SMTP server; when empty, messages are written as .eml files into the data folder's mail/ directory.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>None, StartTls, StartTlsWhenAvailable, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    /// <summary>Below the outbox lease, so a hung server never lets a second node send the same message meanwhile.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender, e.g. "LiveCross &lt;orders@example.com&gt;".</summary>
    [Required]
    public string From { get; set; } = "LiveCross <orders@livecross.local>";

    /// <summary>Where the site is reached from outside, for links in e-mails.</summary>
    [Required, Url]
    public string SiteUrl { get; set; } = "http://localhost:5080";

    public SmtpSettings Smtp { get; set; } = new();
}

/// <summary>Sends one e-mail; throws when it could not (the outbox then tries again later).</summary>
public interface IEmailSender
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

public static class EmailModule
{
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations()
            .Validate(o => MailboxAddress.TryParse(o.From, out _), "Email:From must be an address such as \"LiveCross <orders@example.com>\".")
            .ValidateOnStart();
        builder.Services.AddSingleton<IEmailSender>(s =>
        {
            var options = s.GetRequiredService<IOptions<EmailOptions>>();
            return string.IsNullOrWhiteSpace(options.Value.Smtp.Host)
                ? new MailFolderSender(Path.Combine(s.GetRequiredService<IOptions<LiveCrossOptions>>().Value.DataPath, "mail"), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<ILogger<MailFolderSender>>())
                : new SmtpEmailSender(options, s.GetRequiredService<ILogger<SmtpEmailSender>>());
        });
        return builder;
    }
}

public sealed class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username)) await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Sent e-mail {MessageId} to {Recipients} via {Host}", message.MessageId, string.Join(", ", message.To.Mailboxes.Select(m => m.Address)), smtp.Host);
    }
}

/// <summary>The one-command default without a mail server: each message becomes an .eml file any mail program opens.</summary>
public sealed class MailFolderSender(string folder, TimeProvider clock, ILogger<MailFolderSender> logger) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(path, cancellationToken);
        logger.LogInformation("No SMTP server configured (Email:Smtp:Host); wrote e-mail to {Recipients} into {Path}", string.Join(", ", message.To.Mailboxes.Select(m => m.Address)), path);
    }
}
