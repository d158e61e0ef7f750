namespace Tessera.Config;

/// <summary>
/// The config keys Tessera implements. A path covers itself and everything below it; <c>*</c> matches any one
/// key or array index. Every other key present in a config is reported once as not supported yet.
/// </summary>
internal static class SupportedKeys
{
    public static readonly IReadOnlyCollection<string> Paths =
    [
        "version",
        "dsn",
        "dev",
        "serve.public.host",
        "serve.public.port",
        "serve.public.base_url",
        "serve.admin.host",
        "serve.admin.port",
        "serve.admin.base_url",
        "log.level",
        "log.format",
        "log.leak_sensitive_values",
        "identity.default_schema_id",
        "identity.schemas",
        "hashers.algorithm",
        "hashers.bcrypt.cost",
        "hashers.argon2.memory",
        "hashers.argon2.iterations",
        "hashers.argon2.parallelism",
        "hashers.argon2.salt_length",
        "hashers.argon2.key_length",
    ];
}
