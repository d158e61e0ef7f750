using Tessera.Config;
using Xunit;

namespace Tessera.Tests.Config;

public sealed class YamlConfigReaderTests
{
    private static string Value(string yamlScalar) =>
        ConfigLoader.Parse($"v: {yamlScalar}", json: false)["v"]?.ToJsonString() ?? "null";

    [Theory]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("TRUE", "true")]
    [InlineData("false", "false")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("on", "\"on\"")]
    [InlineData("null", "null")]
    [InlineData("~", "null")]
    [InlineData("", "null")]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("+7", "7")]
    [InlineData("1_000", "1000")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("0b101", "5")]
    [InlineData("0755", "493")]
    [InlineData("1.5", "1.5")]
    [InlineData("1e3", "1000")]
    [InlineData(".5", "0.5")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData(".inf", "\".inf\"")]
    [InlineData("1h", "\"1h\"")]
    [InlineData("128MB", "\"128MB\"")]
    [InlineData("v0.13.0", "\"v0.13.0\"")]
    [InlineData("1.2.3", "\"1.2.3\"")]
    [InlineData("\"true\"", "\"true\"")]
    [InlineData("'42'", "\"42\"")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("!!str 42", "\"42\"")]
    [InlineData("http://localhost:4455/", "\"http://localhost:4455/\"")]
    public void Plain_scalars_are_typed_like_go_yaml_and_quoted_ones_stay_strings(string scalar, string json)
    {
        Assert.Equal(json, Value(scalar));
    }

    [Fact]
    public void Block_scalars_stay_strings()
    {
        var config = ConfigLoader.Parse("v: |\n  42\n", json: false);

        Assert.Equal("\"42\\n\"", config["v"]!.ToJsonString());
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_expand()
    {
        var config = ConfigLoader.Parse("""
            base: &base
              url: http://a
              lifespan: 1h
            login:
              <<: *base
              lifespan: 10m
            copy: *base
            """, json: false);

        Assert.Equal("""{"lifespan":"10m","url":"http://a"}""", config["login"]!.ToJsonString());
        Assert.Equal("""{"url":"http://a","lifespan":"1h"}""", config["copy"]!.ToJsonString());
    }

    [Fact]
    public void Non_mapping_document_is_refused()
    {
        Assert.Throws<FormatException>(() => ConfigLoader.Parse("- a\n- b\n", json: false));
    }
}
