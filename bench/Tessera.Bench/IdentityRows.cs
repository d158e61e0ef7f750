using System.Globalization;
using System.Text;

namespace Tessera.Bench;

/// <summary>
/// The rows Tessera writes for an identity with an email trait and a pre-hashed password (identity, password
/// credential, its identifier, a verifiable and a recovery address), generated here so that the import baseline and
/// the list scenario's seeding can insert them directly. Ids are time-ordered UUIDv7, as Tessera makes them.
/// </summary>
internal sealed class IdentityRows(string emailPrefix, string hash)
{
    static readonly string Now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public IEnumerable<string> Emails(int count) => Enumerable.Range(0, count).Select(Email);

    public string Email(int i) => emailPrefix + i.ToString(CultureInfo.InvariantCulture) + "@example.com";

    /// <summary>One multi-row INSERT per table for identities [from, from + count), as literal SQL for either dialect.</summary>
    public string[] Sql(int from, int count, bool postgres, List<Guid>? ids = null)
    {
        var falseLiteral = postgres ? "false" : "0";
        var identities = new StringBuilder("INSERT INTO identities (id, schema_id, traits, state, state_changed_at, created_at, updated_at) VALUES ");
        var credentials = new StringBuilder("INSERT INTO identity_credentials (id, identity_id, type, config, version, created_at, updated_at) VALUES ");
        var identifiers = new StringBuilder("INSERT INTO identity_credential_identifiers (id, identity_id, credential_id, type, identifier, created_at, updated_at) VALUES ");
        var verifiable = new StringBuilder("INSERT INTO identity_verifiable_addresses (id, identity_id, via, value, verified, verified_at, status, created_at, updated_at) VALUES ");
        var recovery = new StringBuilder("INSERT INTO identity_recovery_addresses (id, identity_id, via, value, created_at, updated_at) VALUES ");
        for (var i = from; i < from + count; i++)
        {
            var sep = i == from ? "" : ",";
            var id = NewGuid();
            ids?.Add(id);
            var credential = NewGuid();
            var email = Email(i);
            identities.Append(CultureInfo.InvariantCulture, $"{sep}('{id}','default','{{\"email\":\"{email}\"}}','active','{Now}','{Now}','{Now}')");
            credentials.Append(CultureInfo.InvariantCulture, $"{sep}('{credential}','{id}','password','{{\"hashed_password\":\"{hash}\"}}',1,'{Now}','{Now}')");
            identifiers.Append(CultureInfo.InvariantCulture, $"{sep}('{Guid.CreateVersion7()}','{id}','{credential}','password','{email}','{Now}','{Now}')");
            verifiable.Append(CultureInfo.InvariantCulture, $"{sep}('{NewGuid()}','{id}','email','{email}',{falseLiteral},NULL,'pending','{Now}','{Now}')");
            recovery.Append(CultureInfo.InvariantCulture, $"{sep}('{NewGuid()}','{id}','email','{email}','{Now}','{Now}')");
        }

        return [identities.ToString(), credentials.ToString(), identifiers.ToString(), verifiable.ToString(), recovery.ToString()];
    }

    static Guid NewGuid() => Guid.CreateVersion7();
}
