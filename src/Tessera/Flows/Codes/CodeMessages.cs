using System.Data.Common;
using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Courier;
using Tessera.Courier.Templates;
using Tessera.Hosting;
using Tessera.Identities;

namespace Tessera.Flows.Codes;

/// <summary>
/// Renders the messages of recovery and verification (codes, links, notices to unknown addresses) with the courier's
/// templates and queues them in the caller's transaction, so a flow's code and its message commit together.
/// </summary>
internal sealed class CodeMessages(CourierTemplates templates, CourierQueue queue, FlowOptions options, ILogger<CodeMessages> logger)
{
    public const string Email = "email";
    public const string Sms = "sms";

    /// <summary>
    /// Queues a message of <paramref name="type"/> to <paramref name="fields"/>.To over <paramref name="via"/>; false
    /// (and nothing queued) when the recipient cannot take an e-mail, which the flow answers like any other address.
    /// </summary>
    public async Task<bool> QueueAsync(string via, TemplateType type, TemplateFields fields, DbConnection connection, DbTransaction transaction,
        CancellationToken ct)
    {
        if (Render(via, type, fields) is not { } message)
        {
            return false;
        }

        await queue.EnqueueAsync(message, connection, transaction, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>The same, in a write of its own (for notices sent after a flow's change committed).</summary>
    public async Task<bool> QueueAsync(string via, TemplateType type, TemplateFields fields, CancellationToken ct)
    {
        if (Render(via, type, fields) is not { } message)
        {
            return false;
        }

        await queue.EnqueueAsync(message, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>The message of <paramref name="type"/> for <paramref name="fields"/>.To; null when that cannot take an e-mail.</summary>
    CourierMessage? Render(string via, TemplateType type, TemplateFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var name = TemplateLayout.For(type).Name;
        if (via == Sms)
        {
            var model = TemplateModel.Sms(type, fields);
            return CourierMessage.Sms(fields.To, templates.RenderSms(model), name, model.TemplateData);
        }

        if (!CourierQueue.IsEmailAddress(fields.To))
        {
            Log.RecipientNotAnEmailAddress(logger, name);
            return null;
        }

        var emailModel = TemplateModel.Email(type, fields);
        var content = templates.RenderEmail(emailModel);
        return CourierMessage.Email(fields.To, content.Subject, content.PlainBody, content.HtmlBody, name, emailModel.TemplateData);
    }

    /// <summary>
    /// Someone asked for recovery or verification of an address nobody has. A notice goes to it only when
    /// <c>selfservice.flows.&lt;kind&gt;.notify_unknown_recipients</c> is true (Kratos's default is false) and it is an
    /// e-mail; either way the flow answers exactly as for a known address.
    /// </summary>
    public async Task NotifyUnknownAsync(Flow flow, TemplateType type, string via, string address, DbConnection connection, DbTransaction transaction,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var notify = via == Email && ConfigNode.Bool(options.Config.Root, $"selfservice.flows.{flow.Kind.Name()}.notify_unknown_recipients", false);
        if (flow.Kind == FlowKind.Recovery)
        {
            Log.RecoveryForUnknownAddress(logger, notify);
        }
        else
        {
            Log.VerificationForUnknownAddress(logger, notify);
        }

        if (notify)
        {
            await QueueAsync(Email, type, new TemplateFields { To = address, RequestUrl = flow.RequestUrl, TransientPayload = flow.TransientPayload as JsonObject },
                connection, transaction, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The fields of a code or link message for a known address.</summary>
    public TemplateFields Fields(Flow flow, Identity identity, string to, string? code, string? url, TimeSpan lifespan)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new TemplateFields
        {
            To = to,
            Code = code,
            Url = url,
            Identity = IdentityModel(identity),
            RequestUrl = flow.RequestUrl,
            TransientPayload = flow.TransientPayload as JsonObject,
            ExpiresInMinutes = (int)lifespan.TotalMinutes,
        };
    }

    /// <summary>Tells this node's courier worker to look now, once the transaction that queued committed.</summary>
    public void Wake() => queue.Wake();

    /// <summary>The identity as templates see it (<c>.Identity.traits.email</c>): its public JSON.</summary>
    public JsonObject IdentityModel(Identity identity) =>
        JsonNode.Parse(JsonResponse.Render(w => IdentityJson.Write(w, identity, IdentityView.Public, options.Config.Public.BaseUrl)))!.AsObject();

    /// <summary>The channel of an address someone typed: an e-mail when it has an @, else a phone number (Kratos's guess too).</summary>
    public static string ViaOf(string address) => address.Contains('@', StringComparison.Ordinal) ? Email : Sms;
}
