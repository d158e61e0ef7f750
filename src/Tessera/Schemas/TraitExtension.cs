namespace Tessera.Schemas;

/// <summary>A trait carrying the Kratos extension; <see cref="Path"/> is its place in the traits, with <c>*</c> for array items.</summary>
internal sealed record TraitExtension(IReadOnlyList<string> Path, KratosExtension Extension, string? Format)
{
    public string Pointer => "/" + string.Join('/', Path);
}
