using System.Xml.Linq;
using Xunit;

namespace Tessera.Tests.Hosting;

/// <summary>
/// src/Tessera/Hosting/TrimmedResources.xml leaves libphonenumber's geocoder data out of the native binary: it must name
/// every such resource of the PhoneNumbers assembly Tessera references (a package update may add some), and none of the
/// metadata that parsing and formatting read.
/// </summary>
public sealed class TrimmedResourcesTests
{
    static readonly string[] Unused = ["PhoneNumbers.geocoding.", "PhoneNumbers.carrier.", "PhoneNumbers.timezones.", "PhoneNumbers.locale."];

    [Fact]
    public void Every_geocoder_resource_of_PhoneNumbers_is_left_out_and_no_metadata_is()
    {
        var removed = XDocument.Load(Path.Combine(StartupGenericsTests.RepositoryRoot(), "src", "Tessera", "Hosting", "TrimmedResources.xml"))
            .Descendants("assembly").Where(a => (string?)a.Attribute("fullname") == "PhoneNumbers")
            .Descendants("resource").Where(r => (string?)r.Attribute("action") == "remove")
            .Select(r => (string)r.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var resources = typeof(PhoneNumbers.PhoneNumberUtil).Assembly.GetManifestResourceNames();

        var missing = resources.Where(r => Unused.Any(p => r.StartsWith(p, StringComparison.Ordinal)) && !removed.Contains(r)).ToList();
        Assert.True(missing.Count == 0, "add to TrimmedResources.xml:\n" + string.Join('\n', missing));
        Assert.DoesNotContain(removed, r => !Unused.Any(p => r.StartsWith(p, StringComparison.Ordinal)));
        Assert.Contains(resources, r => r.StartsWith("PhoneNumbers.metadata.", StringComparison.Ordinal));
    }

    [Fact]
    public void Phone_numbers_are_normalised_without_the_geocoder_data()
    {
        // The metadata alone parses, validates and formats (what IdentifierNormalizer does); the native smoke test runs the
        // same through the binary built without the geocoder data.
        var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
        var number = util.Parse("+44 20 7946 0123", null);
        Assert.True(util.IsValidNumber(number));
        Assert.Equal("+442079460123", util.Format(number, PhoneNumbers.PhoneNumberFormat.E164));
    }
}
