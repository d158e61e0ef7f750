using Tessera.Hooks;
using Tessera.Identities;
using Xunit;

namespace Tessera.Tests.Hooks;

/// <summary>Who <c>notify_previous_addresses</c> tells, by its <c>recipients</c> setting (the hook end to end is in VerificationHookTests).</summary>
public sealed class PreviousAddressNoticeTests
{
    static VerifiableAddress Address(string value, bool verified = false, string via = "email") =>
        new() { Id = Guid.NewGuid(), Via = via, Value = value, Verified = verified, Status = verified ? VerifiableAddressStatus.Completed : VerifiableAddressStatus.Pending };

    static readonly VerifiableAddress[] Before = [Address("a@example.org", verified: true), Address("b@example.org"), Address("+15550100", true, "sms")];

    static string[] Told(string recipients, IReadOnlyList<VerifiableAddress> after) =>
        [.. PreviousAddressNotice.Targets(recipients, Before, after).Select(a => a.Value)];

    [Fact]
    public void By_default_only_the_removed_addresses_are_told()
    {
        Assert.Equal(["b@example.org", "+15550100"], Told("removed", [Before[0], Address("c@example.org")]));
    }

    [Fact]
    public void All_verified_tells_every_previously_verified_address_and_all_every_previous_one()
    {
        IReadOnlyList<VerifiableAddress> after = [Before[0], Address("c@example.org")];
        Assert.Equal(["a@example.org", "+15550100"], Told("all_verified", after));
        Assert.Equal(["a@example.org", "b@example.org", "+15550100"], Told("all", after));
    }

    [Fact]
    public void A_change_of_verification_alone_tells_nobody()
    {
        IReadOnlyList<VerifiableAddress> after = [Address("a@example.org"), Address("b@example.org", verified: true), Address("+15550100", via: "sms")];
        Assert.Empty(Told("all", after));
    }
}
