using System.Text.Json.Nodes;
using Tessera.Courier.Templates.GoText;
using Xunit;

namespace Tessera.Tests.Courier.Templates;

/// <summary>Template + data → the exact text Go's text/template prints (expected values worked out from Go's rules).</summary>
public sealed class GoTemplateTests
{
    internal static string Render(string template, string? json = null, TemplateMode mode = TemplateMode.Text, TimeProvider? time = null) =>
        GoTemplate.Parse("t", template, mode).Execute(json is null ? null : JsonNode.Parse(json), time);

    [Theory]
    [InlineData("Hello, {{ .Name }}!", """{"Name":"Ada"}""", "Hello, Ada!")]
    [InlineData("{{23 -}} < {{- 45}}", null, "23<45")]
    [InlineData("a  \n {{- 1 -}} \n  b", null, "a1b")]
    [InlineData("a {{- 1 }} b", null, "a1 b")]
    [InlineData("{{-3}}", null, "-3")]
    [InlineData("a{{/* a comment */}}b", null, "ab")]
    [InlineData("a {{- /* spans\nlines */ -}} b", null, "ab")]
    [InlineData("{{ .Missing }}", "{}", "<no value>")]
    [InlineData("{{ .a.b.c }}", "{}", "<no value>")]
    [InlineData("{{ .n }}", """{"n":null}""", "<no value>")]
    [InlineData("{{ .m }}", """{"m":{"b":2,"a":"x"}}""", "map[a:x b:2]")]
    [InlineData("{{ .l }}", """{"l":[1,"x",true,null]}""", "[1 x true <nil>]")]
    [InlineData("{{ . }}", null, "<no value>")]
    public void Prints_text_and_values_as_go(string template, string? json, string expected) =>
        Assert.Equal(expected, Render(template, json));

    [Theory]
    [InlineData("{{ .n }}", """{"n":30}""", "30")]
    [InlineData("{{ .n }}", """{"n":1000000}""", "1e+06")]
    [InlineData("{{ .n }}", """{"n":123456}""", "123456")]
    [InlineData("{{ .n }}", """{"n":1.5}""", "1.5")]
    [InlineData("{{ .n }}", """{"n":0.00001}""", "1e-05")]
    [InlineData("{{ 3 }} {{ 1.50 }} {{ 1e3 }} {{ 'a' }} {{ 0x1F }} {{ 0o17 }} {{ 1_000 }} {{ -2 }}", null, "3 1.5 1000 97 31 15 1000 -2")]
    [InlineData("{{ \"tab\\there \\u00e9\\x41\" }}", null, "tab\there éA")]
    [InlineData("{{ `raw\\n` }}", null, "raw\\n")]
    [InlineData("{{ true }} {{ false }}", null, "true false")]
    public void Literals_and_json_numbers_print_as_go(string template, string? json, string expected) =>
        Assert.Equal(expected, Render(template, json));

    [Theory]
    [InlineData("{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}", """{"b":1}""", "B")]
    [InlineData("{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}", """{"a":"x"}""", "A")]
    [InlineData("{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}", """{"a":"","b":0}""", "C")]
    [InlineData("{{ if .l }}y{{ else }}n{{ end }}{{ if .m }}y{{ else }}n{{ end }}{{ if .z }}y{{ else }}n{{ end }}", """{"l":[],"m":{},"z":0.0}""", "nnn")]
    [InlineData("{{ if .l }}y{{ end }}{{ if .m }}y{{ end }}{{ if .t }}y{{ end }}", """{"l":[0],"m":{"a":null},"t":true}""", "yyy")]
    [InlineData("{{ with .u }}{{ .name }}{{ else }}anon{{ end }}", """{"u":{"name":"Ada"}}""", "Ada")]
    [InlineData("{{ with .u }}{{ .name }}{{ else }}anon{{ end }}", "{}", "anon")]
    [InlineData("{{ with .a }}A{{ else with .b }}B={{ . }}{{ end }}", """{"b":"x"}""", "B=x")]
    [InlineData("{{ if\n  .a }}multi-line action{{ end }}", """{"a":1}""", "multi-line action")]
    public void Conditionals_follow_go_truth(string template, string? json, string expected) =>
        Assert.Equal(expected, Render(template, json));

    [Theory]
    [InlineData("{{ range .l }}[{{ . }}]{{ end }}", """{"l":[1,"x",true]}""", "[1][x][true]")]
    [InlineData("{{ range $i, $e := .l }}{{ $i }}={{ $e }};{{ end }}", """{"l":["a","b"]}""", "0=a;1=b;")]
    [InlineData("{{ range $k, $v := .m }}{{ $k }}:{{ $v }},{{ end }}", """{"m":{"b":2,"a":1,"c":3}}""", "a:1,b:2,c:3,")]
    [InlineData("{{ range $v := .m }}{{ $v }}{{ end }}", """{"m":{"b":"B","a":"A"}}""", "AB")]
    [InlineData("{{ range .l }}x{{ else }}empty{{ end }}", """{"l":[]}""", "empty")]
    [InlineData("{{ range .missing }}x{{ else }}none{{ end }}", "{}", "none")]
    [InlineData("{{ range .l }}{{ if eq . \"c\" }}{{ break }}{{ end }}{{ if eq . \"a\" }}{{ continue }}{{ end }}{{ . }}{{ end }}", """{"l":["a","b","c","d"]}""", "b")]
    [InlineData("{{ range .l }}{{ $.p }}{{ . }} {{ end }}", """{"p":"-","l":["a","b"]}""", "-a -b ")]
    [InlineData("{{ range 3 }}{{ . }}{{ end }}", null, "012")]
    [InlineData("{{- range .l }}\n  - {{ . }}\n{{- end }}", """{"l":["a","b"]}""", "\n  - a\n  - b")]
    public void Range_iterates_lists_maps_in_key_order_and_ints(string template, string? json, string expected) =>
        Assert.Equal(expected, Render(template, json));

    [Theory]
    [InlineData("{{ $x := 1 }}{{ $x }}{{ $x = 2 }}{{ $x }}", "12")]
    [InlineData("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ $y }}{{ end }}{{ $x }}", "32")]
    [InlineData("{{ with $x := \"output\" | printf \"%q\" }}{{ $x }}{{ end }}", "\"output\"")]
    [InlineData("{{ \"output\" | printf \"%q\" }}", "\"output\"")]
    [InlineData("{{ printf \"%q\" (print \"out\" \"put\") }}", "\"output\"")]
    [InlineData("{{ \"put\" | printf \"%s%s\" \"out\" | printf \"%q\" }}", "\"output\"")]
    [InlineData("{{ define \"T\" }}Hi {{ . }}{{ end }}{{ template \"T\" \"Bob\" }}", "Hi Bob")]
    [InlineData("{{ define \"T\" }}[{{ . }}]{{ end }}{{ template \"T\" }}", "[<no value>]")]
    [InlineData("{{ block \"B\" \"y\" }}<{{ . }}>{{ end }}", "<y>")]
    [InlineData("{{ $x := 5 }}{{ define \"T\" }}{{ $ }}{{ end }}{{ template \"T\" $x }}", "5")]
    public void Variables_pipelines_and_template_calls(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ printf \"%d-%05d-%x-%X-%o-%b\" 42 42 255 255 8 5 }}", "42-00042-ff-FF-10-101")]
    [InlineData("{{ printf \"%.2f|%6.2f|%-6.1f|%f\" 3.14159 3.14159 2.0 1.5 }}", "3.14|  3.14|2.0   |1.500000")]
    [InlineData("{{ printf \"%v %t %s %v\" 1.5 true \"s\" 7 }}", "1.5 true s 7")]
    [InlineData("{{ printf \"%5s|%-5s|%.2s\" \"ab\" \"cd\" \"xyz\" }}", "   ab|cd   |xy")]
    [InlineData("{{ printf \"%q %q\" \"a\\\"b\\n\" 65 }}", "\"a\\\"b\\n\" 'A'")]
    [InlineData("{{ printf \"%d\" \"x\" }}", "%!d(string=x)")]
    [InlineData("{{ printf \"%s\" }}", "%!s(MISSING)")]
    [InlineData("{{ printf \"%s\" \"a\" \"b\" 3 }}", "a%!(EXTRA string=b, int=3)")]
    [InlineData("{{ printf \"%x %X\" \"hi\" \"hi\" }}", "6869 6869")]
    [InlineData("{{ printf \"%e %g %g %g\" 1234.5678 0.000012 100000.0 1e6 }}", "1.234568e+03 1.2e-05 100000 1e+06")]
    [InlineData("{{ printf \"%c%c %+d % d %%\" 72 105 5 5 }}", "Hi +5  5 %")]
    [InlineData("{{ printf \"%T %T %T %T\" 1 \"a\" 1.5 true }}", "int string float64 bool")]
    [InlineData("{{ printf \"%v|%s\" nil nil }}", "<nil>|%!s(<nil>)")]
    [InlineData("{{ printf \"%.0f %.1f %.2f\" 2.5 0.25 0.125 }}", "2 0.2 0.12")]
    [InlineData("{{ printf \"%08.3f|%+.1e\" -3.14159 12345.0 }}", "-003.142|+1.2e+04")]
    [InlineData("{{ printf \"%v\" (list 1 \"a\" (dict \"k\" 2)) }}", "[1 a map[k:2]]")]
    public void Printf_formats_like_fmt(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ print 1 2 \"a\" 3 \"b\" \"c\" }}", "1 2a3bc")]
    [InlineData("{{ println 1 \"a\" }}", "1 a\n")]
    [InlineData("{{ print .missing }}", "<nil>")]
    [InlineData("{{ eq .s \"a\" \"b\" \"c\" }} {{ eq .s \"x\" }}", "true false")]
    [InlineData("{{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt \"b\" \"a\" }} {{ ge 1 2 }}", "true true true true false")]
    [InlineData("{{ eq .missing nil }} {{ eq .s nil }} {{ eq .missing \"a\" }}", "true false false")]
    [InlineData("{{ and 1 0 2 }} {{ and 1 2 }} {{ or 0 \"\" \"x\" }} [{{ or 0 \"\" }}] {{ not 0 }} {{ not \"a\" }}", "0 2 x [] true false")]
    [InlineData("{{ len .l }} {{ index .l 1 }} {{ index .m \"k\" }} {{ len \"héllo\" }} {{ len .m }}", "2 b v 6 1")]
    [InlineData("{{ index .m \"zz\" }}", "<no value>")]
    [InlineData("{{ index .nested 0 1 }}", "y")]
    [InlineData("{{ (index .objs 0).name }}", "n")]
    [InlineData("{{ html \"<a href='x'>&\\\"+\" }}", "&lt;a href=&#39;x&#39;&gt;&amp;&#34;+")]
    [InlineData("{{ js \"it's <b> & \\\"q\\\" =\" }}", "it\\'s \\u003Cb\\u003E \\u0026 \\\"q\\\" \\u003D")]
    [InlineData("{{ urlquery \"a b&c=d/é\" }}", "a+b%26c%3Dd%2F%C3%A9")]
    [InlineData("{{ .s | html }}", "b")]
    public void Builtins_behave_as_go(string template, string expected) =>
        Assert.Equal(expected, Render(template, """{"s":"b","l":["a","b"],"m":{"k":"v"},"nested":[["x","y"]],"objs":[{"name":"n"}]}"""));
}
