using System.Security.Cryptography;
using Tessera.Flows.Ui;

namespace Tessera.WebAuthn;

/// <summary>
/// <c>GET /.well-known/ory/webauthn.js</c> (API.md §5.10, §6.6): the helper script the <c>webauthn_script</c> node points
/// at, with its subresource-integrity hash (<c>sha512-</c> + base64 of the SHA-512 of the served bytes).
/// </summary>
internal static class WebAuthnScript
{
    public const string Path = "/.well-known/ory/webauthn.js";

    public const string NodeId = "webauthn_script";

    public static readonly byte[] Bytes = Load();

    public static readonly string Integrity = "sha512-" + Convert.ToBase64String(SHA512.HashData(Bytes));

    public static void MapPublic(IEndpointRouteBuilder routes) =>
        routes.MapGet(Path, static () => Results.Bytes(Bytes, "text/javascript; charset=UTF-8"));

    /// <summary>The script node of a method's group; like Kratos, a fresh nonce per node.</summary>
    public static UiNode Node(Uri publicBaseUrl, string group) =>
        new(group, new ScriptAttributes(NodeId, new Uri(publicBaseUrl, Path.TrimStart('/')).AbsoluteUri, Integrity, Guid.NewGuid().ToString()));

    static byte[] Load()
    {
        using var stream = typeof(WebAuthnScript).Assembly.GetManifestResourceStream("webauthn.js")
            ?? throw new InvalidOperationException("The embedded webauthn.js is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
