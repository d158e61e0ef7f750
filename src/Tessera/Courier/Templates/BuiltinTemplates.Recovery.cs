namespace Tessera.Courier.Templates;

internal static partial class BuiltinTemplates
{
    const string UnknownAddressPlain = """
        Hello,

        someone asked to recover access to an account with this email address ({{ .To }}), but no account uses it.

        If that was you, you may have signed up with a different address. If it was not, you can ignore this email.

        """;

    const string UnknownAddressHtml = """
        <p>Hello,</p>
        <p>someone asked to recover access to an account with this email address ({{ .To }}), but no account uses it.</p>
        <p>If that was you, you may have signed up with a different address. If it was not, you can ignore this email.</p>
        """;

    static void AddRecovery(Dictionary<string, string> files)
    {
        Add(files, "recovery_code/valid",
            "Use code {{ .RecoveryCode }} to recover access to your account",
            """
            Hello,

            enter this code to recover access to your account:

            {{ .RecoveryCode }}

            The code expires in {{ .ExpiresInMinutes }} minutes. If you did not ask to recover your account, you can ignore this email.

            """,
            Html("""
                <p>Hello,</p>
                <p>enter this code to recover access to your account:</p>
                <p style="font-size: 1.5em; font-weight: bold; letter-spacing: 0.1em">{{ .RecoveryCode }}</p>
                <p>The code expires in {{ .ExpiresInMinutes }} minutes. If you did not ask to recover your account, you can ignore this email.</p>
                """),
            """
            Your recovery code is: {{ .RecoveryCode }}

            It expires in {{ .ExpiresInMinutes }} minutes. If you did not ask for it, ignore this message.
            {{- if .RequestURLDomain }}

            @{{ .RequestURLDomain }} #{{ .RecoveryCode }}
            {{- end }}

            """);

        Add(files, "recovery_code/invalid", "Account access attempted", UnknownAddressPlain, Html(UnknownAddressHtml));

        Add(files, "recovery/valid",
            "Recover access to your account",
            """
            Hello,

            open this link to recover access to your account:

            {{ .RecoveryURL }}

            The link expires in {{ .ExpiresInMinutes }} minutes. If you did not ask to recover your account, you can ignore this email.

            """,
            Html("""
                <p>Hello,</p>
                <p>open this link to recover access to your account:</p>
                <p><a href="{{ .RecoveryURL }}">{{ .RecoveryURL }}</a></p>
                <p>The link expires in {{ .ExpiresInMinutes }} minutes. If you did not ask to recover your account, you can ignore this email.</p>
                """));

        Add(files, "recovery/invalid", "Account access attempted", UnknownAddressPlain, Html(UnknownAddressHtml));
    }
}
