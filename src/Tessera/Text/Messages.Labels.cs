using System.Text.Json.Nodes;
using static Tessera.Text.MessageId;

namespace Tessera.Text;

internal static partial class Messages
{
    /// <summary>1070000: the label of a <c>recovery_select_address</c> button is the masked address itself.</summary>
    public static UiText LabelMaskedAddress(string maskedAddress) => Info(InfoNodeLabel, maskedAddress);

    public static UiText LabelPassword() => Info(InfoNodeLabelInputPassword, "Password");

    /// <summary>1070002: a label taken from the identity schema's <c>title</c>; <paramref name="name"/> is the node name.</summary>
    public static UiText LabelGenerated(string title, string name) =>
        Info(InfoNodeLabelGenerated, title, new JsonObject { ["title"] = title, ["name"] = name });

    public static UiText LabelSave() => Info(InfoNodeLabelSave, "Save");

    public static UiText LabelId() => Info(InfoNodeLabelId, "ID");

    public static UiText LabelSubmit() => Info(InfoNodeLabelSubmit, "Submit");

    public static UiText LabelVerifyOtp() => Info(InfoNodeLabelVerifyOtp, "Verify code");

    public static UiText LabelEmail() => Info(InfoNodeLabelEmail, "Email");

    public static UiText LabelResendOtp() => Info(InfoNodeLabelResendOtp, "Resend code");

    public static UiText LabelContinue() => Info(InfoNodeLabelContinue, "Continue");

    public static UiText LabelRecoveryCode() => Info(InfoNodeLabelRecoveryCode, "Recovery code");

    public static UiText LabelVerificationCode() => Info(InfoNodeLabelVerificationCode, "Verification code");

    public static UiText LabelRegistrationCode() => Info(InfoNodeLabelRegistrationCode, "Registration code");

    public static UiText LabelLoginCode() => Info(InfoNodeLabelLoginCode, "Login code");

    public static UiText LabelLoginAndLinkCredential() => Info(InfoNodeLabelLoginAndLinkCredential, "Login and link credential");

    public static UiText LabelCaptcha() => Info(InfoNodeLabelCaptcha, "Please complete the captcha challenge to continue.");

    public static UiText LabelRecoveryAddress() => Info(InfoNodeLabelRecoveryAddress, "Recovery address");

    public static UiText LabelPhoneNumber() => Info(InfoNodeLabelPhoneNumber, "Phone number");

    public static UiText LabelEmailOrPhoneNumber() => Info(InfoNodeLabelEmailOrPhoneNumber, "Email or phone number");
}
