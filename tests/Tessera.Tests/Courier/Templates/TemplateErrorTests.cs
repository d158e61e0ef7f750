using Tessera.Courier.Templates.GoText;
using Xunit;

namespace Tessera.Tests.Courier.Templates;

/// <summary>Parse errors name the line; execution errors name the line, column and action, in Go's words.</summary>
public sealed class TemplateErrorTests
{
    [Theory]
    [InlineData("line1\n{{ if .a }}\nx", "template: t:3: unexpected EOF")]
    [InlineData("a\n{{ .x | nope }}", "template: t:2: function \"nope\" not defined")]
    [InlineData("{{ end }}", "template: t:1: unexpected {{end}}")]
    [InlineData("{{ else }}", "template: t:1: unexpected {{else}}")]
    [InlineData("{{ .a }", "template: t:1: unexpected \"}\" in operand")]
    [InlineData("\n\n{{ $x }}", "template: t:3: undefined variable \"$x\"")]
    [InlineData("{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}", "template: t:1: undefined variable \"$y\"")]
    [InlineData("{{ break }}", "template: t:1: {{break}} outside {{range}}")]
    [InlineData("{{ range .l }}{{ else }}{{ continue }}{{ end }}", "template: t:1: {{continue}} outside {{range}}")]
    [InlineData("{{ if }}{{ end }}", "template: t:1: missing value for if")]
    [InlineData("{{ 1 | 2 }}", "template: t:1: non executable command in pipeline stage 2")]
    [InlineData("{{ \"a }}", "template: t:1: unterminated quoted string")]
    [InlineData("a\n{{ .x\n", "template: t:3: unclosed action started at t:2")]
    [InlineData("{{ /* c */ }}", "template: t:1: unexpected \"/\" in command")]
    [InlineData("{{/* c */ x }}", "template: t:1: comment ends before closing delimiter")]
    [InlineData("{{ define \"a\" }}x{{ end }}{{ define \"a\" }}y{{ end }}", "template: t:1: template: multiple definition of template \"a\"")]
    [InlineData("{{ define \"a\" }}{{ define \"b\" }}{{ end }}{{ end }}", "template: t:1: unexpected <define> in command")]
    [InlineData("{{ \"a\".b }}", "template: t:1: unexpected . after term \"\\\"a\\\"\"")]
    [InlineData("{{ 0x }}", "template: t:1: illegal number syntax: \"0x\"")]
    [InlineData("{{ 3i }}", "template: t:1: complex constant 3i is not supported")]
    [InlineData("{{ regexMatch \"a\" \"b\" }}", "template: t:1: function \"regexMatch\" is not supported (a Sprig function Tessera does not implement)")]
    public void Parse_errors_name_the_line(string template, string message)
    {
        var error = Assert.Throws<TemplateException>(() => GoTemplate.Parse("t", template));

        Assert.Equal(message, error.Message);
        Assert.True(error.IsParseError);
    }

    [Theory]
    [InlineData("{{ upper }}", "{}", "template: t:1:3: executing \"t\" at <upper>: wrong number of args for upper: want 1 got 0")]
    [InlineData("{{ replace \"a\" }}", "{}", "template: t:1:3: executing \"t\" at <replace>: wrong number of args for replace: want 3 got 1")]
    [InlineData("{{ printf }}", "{}", "template: t:1:3: executing \"t\" at <printf>: wrong number of args for printf: want at least 1 got 0")]
    [InlineData("{{ .x | upper }}", """{"x":1}""", "template: t:1:8: executing \"t\" at <upper>: wrong type for value; expected string; got float64")]
    [InlineData("{{ .missing | upper }}", "{}", "template: t:1:14: executing \"t\" at <upper>: invalid value; expected string")]
    [InlineData("{{ repeat \"3\" \"x\" }}", "{}", "template: t:1:10: executing \"t\" at <\"3\">: expected integer; found \"3\"")]
    [InlineData("\n{{ .a.b }}", """{"a":null}""", "template: t:2:3: executing \"t\" at <.a.b>: nil pointer evaluating interface {}.b")]
    [InlineData("{{ .s.x }}", """{"s":"text"}""", "template: t:1:3: executing \"t\" at <.s.x>: can't evaluate field x in type string")]
    [InlineData("{{ template \"nope\" }}", "{}", "template: t:1:3: executing \"t\" at <{{template \"nope\"}}>: template \"nope\" not defined")]
    [InlineData("{{ index .l 5 }}", """{"l":[1]}""", "template: t:1:3: executing \"t\" at <index>: error calling index: index out of range: 5")]
    [InlineData("{{ div 1 0 }}", "{}", "template: t:1:3: executing \"t\" at <div>: error calling div: runtime error: integer divide by zero")]
    [InlineData("{{ range .s }}{{ end }}", """{"s":"abc"}""", "template: t:1:3: executing \"t\" at <{{range .s}}{{end}}>: range can't iterate over abc")]
    [InlineData("{{ fail \"boom\" }}", "{}", "template: t:1:3: executing \"t\" at <fail>: error calling fail: boom")]
    [InlineData("{{ eq \"a\" 1 }}", "{}", "template: t:1:3: executing \"t\" at <eq>: error calling eq: incompatible types for comparison: string and int")]
    [InlineData("{{ nil }}", "{}", "template: t:1:3: executing \"t\" at <nil>: nil is not a command")]
    [InlineData("{{ \"x\" 1 }}", "{}", "template: t:1:3: executing \"t\" at <\"x\">: can't give argument to non-function \"x\"")]
    public void Execution_errors_name_the_line_and_action(string template, string json, string message)
    {
        var parsed = GoTemplate.Parse("t", template);

        var error = Assert.Throws<TemplateException>(() => parsed.Execute(System.Text.Json.Nodes.JsonNode.Parse(json)));

        Assert.Equal(message, error.Message);
        Assert.False(error.IsParseError);
    }

    [Fact]
    public async Task Runaway_recursion_and_nesting_are_errors_not_a_crash()
    {
        var recursive = GoTemplate.Parse("t", "{{ define \"a\" }}{{ if true }}{{ with . }}{{ template \"a\" (list .) }}{{ end }}{{ end }}{{ end }}{{ template \"a\" 1 }}");
        var deep = "{{ " + new string('(', 20_000) + "1" + new string(')', 20_000) + " }}";

        // On a thread-pool thread, whose stack is smaller than the test runner's.
        var recursion = await Task.Run(() => Assert.Throws<TemplateException>(() => recursive.Execute(null)), TestContext.Current.CancellationToken);
        var nesting = await Task.Run(() => Assert.Throws<TemplateException>(() => GoTemplate.Parse("t", deep)), TestContext.Current.CancellationToken);

        Assert.Contains("exceeded maximum template depth (1000)", recursion.Message, StringComparison.Ordinal);
        Assert.Equal("template: t:1: max expression depth exceeded", nesting.Message);
    }

    [Fact]
    public void A_map_that_contains_itself_cannot_be_printed_but_does_not_crash()
    {
        var parsed = GoTemplate.Parse("t", "{{ $m := dict }}{{ $_ := set $m \"self\" $m }}[{{ toJson $m }}]{{ $m }}");

        var error = Assert.Throws<TemplateException>(() => parsed.Execute(null));

        Assert.Equal("template: t:1:64: executing \"t\" at <{{$m}}>: value is nested too deeply (a map or list that contains itself?)", error.Message);
    }

    [Fact]
    public void Html_mode_refuses_a_quote_in_an_unquoted_attribute()
    {
        var parsed = GoTemplate.Parse("t", "<a title={{ .x }}\"y>", TemplateMode.Html);

        var error = Assert.Throws<TemplateException>(() => parsed.Execute(System.Text.Json.Nodes.JsonNode.Parse("""{"x":"a"}""")));

        Assert.StartsWith("html/template:t:1: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("in unquoted attr", error.Message, StringComparison.Ordinal);
    }
}
