namespace Tessera.Hashing;

internal enum Argon2Variant
{
    Argon2id,
    Argon2i,
}
