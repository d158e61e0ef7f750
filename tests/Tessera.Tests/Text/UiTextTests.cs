using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Text;
using Xunit;

namespace Tessera.Tests.Text;

public sealed class UiTextTests
{
    static string Write(UiText text)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Tessera.Hosting.JsonWriting.Options))
        {
            text.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void Context_is_written_when_present()
    {
        Assert.Equal("""{"id":4000002,"text":"Property email is missing.","type":"error","context":{"property":"email"}}""",
            Write(Messages.Required("email")));
    }

    [Fact]
    public void Context_is_omitted_when_null_or_empty()
    {
        Assert.Equal("""{"id":1070001,"text":"Password","type":"info"}""", Write(Messages.LabelPassword()));
        Assert.Equal("""{"id":1,"text":"x","type":"info"}""", Write(new UiText(1, "x", UiText.Info, new JsonObject())));
    }

    [Fact]
    public void Parse_reads_back_what_was_written()
    {
        var original = Messages.PasswordTooShort(8, 5);
        var parsed = UiText.Parse(JsonNode.Parse(Write(original))!);
        Assert.Equal(original, parsed);
        Assert.Equal(Write(original), Write(parsed));
    }
}
