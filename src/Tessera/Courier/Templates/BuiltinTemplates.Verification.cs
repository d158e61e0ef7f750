namespace Tessera.Courier.Templates;

internal static partial class BuiltinTemplates
{
    const string UnverifiableAddressPlain = """
        Hello,

        someone asked to verify this email address ({{ .To }}), but it does not belong to any account.

        If that was not you, you can ignore this email.

        """;

    const string UnverifiableAddressHtml = """
        <p>Hello,</p>
        <p>someone asked to verify this email address ({{ .To }}), but it does not belong to any account.</p>
        <p>If that was not you, you can ignore this email.</p>
        """;

    static void AddVerification(Dictionary<string, string> files)
    {
        Add(files, "verification_code/valid",
            "Use code {{ .VerificationCode }} to verify your account",
            """
            Hello,

            confirm that this address is yours by entering this code:

            {{ .VerificationCode }}

            or by opening this link:

            {{ .VerificationURL }}

            The code and the link expire in {{ .ExpiresInMinutes }} minutes. If you did not create an account, you can ignore this email.

            """,
            Html("""
                <p>Hello,</p>
                <p>confirm that this address is yours by entering this code:</p>
                <p style="font-size: 1.5em; font-weight: bold; letter-spacing: 0.1em">{{ .VerificationCode }}</p>
                <p>or by opening this link: <a href="{{ .VerificationURL }}">{{ .VerificationURL }}</a></p>
                <p>The code and the link expire in {{ .ExpiresInMinutes }} minutes. If you did not create an account, you can ignore this email.</p>
                """),
            """
            Your verification code is: {{ .VerificationCode }}

            It expires in {{ .ExpiresInMinutes }} minutes. If you did not ask for it, ignore this message.
            {{- if .RequestURLDomain }}

            @{{ .RequestURLDomain }} #{{ .VerificationCode }}
            {{- end }}

            """);

        Add(files, "verification_code/invalid", "Someone tried to verify this email address", UnverifiableAddressPlain, Html(UnverifiableAddressHtml));

        Add(files, "verification/valid",
            "Please verify your email address",
            """
            Hello,

            confirm that this address is yours by opening this link:

            {{ .VerificationURL }}

            The link expires in {{ .ExpiresInMinutes }} minutes. If you did not create an account, you can ignore this email.

            """,
            Html("""
                <p>Hello,</p>
                <p>confirm that this address is yours by opening this link:</p>
                <p><a href="{{ .VerificationURL }}">{{ .VerificationURL }}</a></p>
                <p>The link expires in {{ .ExpiresInMinutes }} minutes. If you did not create an account, you can ignore this email.</p>
                """));

        Add(files, "verification/invalid", "Someone tried to verify this email address", UnverifiableAddressPlain, Html(UnverifiableAddressHtml));
    }
}
