namespace Tessera.Courier.Templates;

internal static partial class BuiltinTemplates
{
    static void AddCodes(Dictionary<string, string> files)
    {
        Add(files, "login_code/valid",
            "Use code {{ .LoginCode }} to log in",
            """
            Hello,

            enter this code to log in:

            {{ .LoginCode }}

            The code expires in {{ .ExpiresInMinutes }} minutes. If you did not try to log in, you can ignore this email.

            """,
            Html("""
                <p>Hello,</p>
                <p>enter this code to log in:</p>
                <p style="font-size: 1.5em; font-weight: bold; letter-spacing: 0.1em">{{ .LoginCode }}</p>
                <p>The code expires in {{ .ExpiresInMinutes }} minutes. If you did not try to log in, you can ignore this email.</p>
                """),
            """
            Your login code is: {{ .LoginCode }}

            It expires in {{ .ExpiresInMinutes }} minutes.
            {{- if .RequestURLDomain }}

            @{{ .RequestURLDomain }} #{{ .LoginCode }}
            {{- end }}

            """);

        Add(files, "registration_code/valid",
            "Use code {{ .RegistrationCode }} to complete your account registration",
            """
            Hello,

            enter this code to finish creating your account:

            {{ .RegistrationCode }}

            The code expires in {{ .ExpiresInMinutes }} minutes. If you did not sign up, you can ignore this email.

            """,
            Html("""
                <p>Hello,</p>
                <p>enter this code to finish creating your account:</p>
                <p style="font-size: 1.5em; font-weight: bold; letter-spacing: 0.1em">{{ .RegistrationCode }}</p>
                <p>The code expires in {{ .ExpiresInMinutes }} minutes. If you did not sign up, you can ignore this email.</p>
                """),
            """
            Your registration code is: {{ .RegistrationCode }}

            It expires in {{ .ExpiresInMinutes }} minutes.
            {{- if .RequestURLDomain }}

            @{{ .RequestURLDomain }} #{{ .RegistrationCode }}
            {{- end }}

            """);
    }
}
