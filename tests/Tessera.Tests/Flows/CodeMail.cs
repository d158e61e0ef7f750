using System.Text.RegularExpressions;
using Tessera.Tests.Infrastructure;

namespace Tessera.Tests.Flows;

/// <summary>Reads recovery and verification mail from the SMTP sink: the n-th message to an address, its code and its link.</summary>
internal static partial class CodeMail
{
    /// <summary>Waits for the <paramref name="index"/>-th message (from 0) the sink received for <paramref name="recipient"/>.</summary>
    public static async Task<ReceivedMail> MailAsync(this SmtpSink sink, string recipient, int index = 0)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var received = sink.For(recipient);
            if (received.Count > index)
            {
                return received[index];
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"message {index} for {recipient} did not arrive; the sink saw DATA for: {string.Join(", ", sink.Attempts)}");
    }

    /// <summary>The six digits of a code message's subject ("Use code 123456 to …").</summary>
    public static string Code(ReceivedMail mail) => SixDigits().Match(mail.Message.Subject ?? "").Value;

    /// <summary>The first link of the plain-text body.</summary>
    public static string Link(ReceivedMail mail) => Url().Match(mail.Message.TextBody ?? "").Value;

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Url();
}
