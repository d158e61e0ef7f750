namespace Tessera.Courier.Templates;

internal static partial class BuiltinTemplates
{
    static void AddNotices(Dictionary<string, string> files)
    {
        Add(files, "verifiable_address_changed",
            "A verifiable address on your account was changed",
            """
            Hello,

            an address on your account was changed{{ with .ChangedAt }} at {{ . }}{{ end }}. We are letting you know at the previous address, {{ .To }}.

            If you did not make this change, contact support right away to secure your account.

            """,
            Html("""
                <p>Hello,</p>
                <p>an address on your account was changed{{ with .ChangedAt }} at {{ . }}{{ end }}. We are letting you know at the previous address, {{ .To }}.</p>
                <p>If you did not make this change, contact support right away to secure your account.</p>
                """),
            """
            An address on your account was changed. If you did not make this change, contact support.

            """);

        Add(files, "authenticator_key_added",
            "A new sign-in method was added to your account",
            """
            Hello,

            a new sign-in method was added to your account{{ with .AddedAt }} at {{ . }}{{ end }}.

            If you did not add it, contact support right away to secure your account.

            """,
            Html("""
                <p>Hello,</p>
                <p>a new sign-in method was added to your account{{ with .AddedAt }} at {{ . }}{{ end }}.</p>
                <p>If you did not add it, contact support right away to secure your account.</p>
                """),
            """
            A new sign-in method was added to your account. If you did not add it, contact support.

            """);
    }
}
