using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Text;
using Xunit;

namespace Tessera.Tests.Text;

// JSON-schema keyword → Kratos message (API.md §3.6); texts and context keys from §17.2.
public sealed class SchemaErrorMessagesTests
{
    static JsonNode? J(string json) => JsonNode.Parse(json);

    [Theory]
    [InlineData("minLength", "\"ab\"", "3", 4000003, "length must be >= 3, but got 2", """{"min_length":3,"actual_length":2}""")]
    [InlineData("minLength", "\"é😀\"", "3", 4000003, "length must be >= 3, but got 2", """{"min_length":3,"actual_length":2}""")]
    [InlineData("maxLength", "\"abcdef\"", "5", 4000017, "length must be <= 5, but got 6", """{"max_length":5,"actual_length":6}""")]
    [InlineData("pattern", "\"A1\"", "\"^[a-z]+$\"", 4000004, "does not match pattern \"^[a-z]+$\"", """{"pattern":"^[a-z]+$"}""")]
    [InlineData("minimum", "3", "5", 4000018, "must be >= 5 but found 3", """{"minimum":5,"actual":3}""")]
    [InlineData("exclusiveMinimum", "5", "5", 4000019, "must be > 5 but found 5", """{"minimum":5,"actual":5}""")]
    [InlineData("maximum", "10.5", "10", 4000020, "must be <= 10 but found 10.5", """{"maximum":10,"actual":10.5}""")]
    [InlineData("exclusiveMaximum", "10", "10", 4000021, "must be < 10 but found 10", """{"maximum":10,"actual":10}""")]
    [InlineData("multipleOf", "7", "2", 4000022, "7 not multipleOf 2", """{"base":2,"actual":7}""")]
    [InlineData("maxItems", "[1,2,3]", "2", 4000023, "maximum 2 items allowed, but found 3 items", """{"max_items":2,"actual_items":3}""")]
    [InlineData("minItems", "[]", "1", 4000024, "minimum 1 items allowed, but found 0 items", """{"min_items":1,"actual_items":0}""")]
    [InlineData("uniqueItems", "[\"a\",\"b\",\"a\"]", "true", 4000025, "items at index 0 and 2 are equal", """{"index_a":0,"index_b":2}""")]
    [InlineData("type", "42", "\"string\"", 4000026, "expected string, but got number", """{"allowed_types":["string"],"actual_type":"number"}""")]
    [InlineData("type", "{}", "[\"string\",\"null\"]", 4000026, "expected string or null, but got object", """{"allowed_types":["string","null"],"actual_type":"object"}""")]
    [InlineData("const", "\"b\"", "\"a\"", 4000029, "must be equal to constant a", """{"expected":"a"}""")]
    [InlineData("const", "2", "1", 4000029, "must be equal to constant 1", """{"expected":1}""")]
    [InlineData("format", "\"not-an-email\"", "\"email\"", 4000040, "Enter a valid email address", """{"value":"not-an-email"}""")]
    [InlineData("format", "\"x\"", "\"email_loose\"", 4000040, "Enter a valid email address", """{"value":"x"}""")]
    [InlineData("format", "\"123\"", "\"tel\"", 4000041, "Enter a valid phone number", """{"value":"123"}""")]
    public void Keyword_maps_to_the_kratos_message(string keyword, string value, string limit, long id, string text, string context)
    {
        var message = Messages.FromSchemaError(keyword, J(value), J(limit));
        Assert.Equal(id, message.Id);
        Assert.Equal(UiText.Error, message.Type);
        Assert.Equal(text, message.Text);
        Assert.True(JsonNode.DeepEquals(J(context), message.Context), message.Context!.ToJsonString());
    }

    [Fact]
    public void Required_names_the_missing_property()
    {
        var message = Messages.FromSchemaError("required", property: "email");
        Assert.Equal(4000002, message.Id);
        Assert.Equal("Property email is missing.", message.Text);
        Assert.Equal("""{"property":"email"}""", message.Context!.ToJsonString());
    }

    [Fact]
    public void Const_without_a_known_value_is_4000030()
    {
        var message = Messages.FromSchemaError("const", JsonValue.Create("b"));
        Assert.Equal(4000030, message.Id);
        Assert.Equal("const failed", message.Text);
        Assert.Null(message.Context);
    }

    [Theory]
    [InlineData("additionalProperties", "additionalProperties \"foo\" not allowed")]
    [InlineData("enum", "value must be one of \"a\", \"b\"")]
    public void Other_keywords_are_4000001_with_the_validator_text(string keyword, string reason)
    {
        var message = Messages.FromSchemaError(keyword, reason: reason);
        Assert.Equal(4000001, message.Id);
        Assert.Equal(reason, message.Text);
        Assert.Equal(JsonSerializer.Serialize(new Dictionary<string, string> { ["reason"] = reason }), message.Context!.ToJsonString());
    }

    [Fact]
    public void Other_formats_are_4000001()
    {
        var message = Messages.FromSchemaError("format", JsonValue.Create("x"), JsonValue.Create("date"), reason: "\"x\" is not valid \"date\"");
        Assert.Equal(4000001, message.Id);
    }

    [Fact]
    public void Missing_facts_fall_back_to_4000001()
    {
        var message = Messages.FromSchemaError("minLength", reason: "too short");
        Assert.Equal(4000001, message.Id);
        Assert.Equal("too short", message.Text);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(5, "5")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(123456, "123456")]
    [InlineData(1000000, "1e+06")]
    [InlineData(1234567, "1.234567e+06")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(1e21, "1e+21")]
    public void Numbers_print_as_go_prints_a_float64(double value, string expected)
    {
        Assert.Equal(expected, Messages.GoFloat(value));
    }
}
