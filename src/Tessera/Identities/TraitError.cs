namespace Tessera.Identities;

/// <summary>One schema violation of the traits: where (<c>#/traits/email</c>), which keyword, and what is wrong.</summary>
internal sealed record TraitError(string InstancePointer, string SchemaPointer, string Keyword, string Message)
{
    /// <summary>The line Kratos puts in an error's reason: <c>I[#/traits/email] S[#/properties/…/format] …</c>.</summary>
    public override string ToString() => $"I[{InstancePointer}] S[{SchemaPointer}] {Message}";
}
