namespace Tessera.Identities;

/// <summary>Who sees an identity: the public view hides credentials and <c>metadata_admin</c>.</summary>
internal enum IdentityView
{
    Public,
    Admin,
}
