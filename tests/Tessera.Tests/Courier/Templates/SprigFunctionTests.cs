using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Tessera.Tests.Courier.Templates;

/// <summary>The Sprig functions, with Sprig's argument order and conversions.</summary>
public sealed class SprigFunctionTests
{
    const string Data = """{"name":"ada lovelace","empty":"","zero":0,"n":41,"l":["a","b","c"],"mixed":["a","b",1],"o":{"b":[1,2],"a":"<x>"}}""";

    static string Render(string template, TimeProvider? time = null) => GoTemplateTests.Render(template, Data, time: time);

    [Theory]
    [InlineData("{{ .missing | default \"d\" }}|{{ .name | default \"d\" }}|{{ default \"d\" 0 }}|{{ default \"d\" false }}|{{ default \"d\" .empty }}", "d|ada lovelace|d|d|d")]
    [InlineData("{{ empty .missing }} {{ empty .zero }} {{ empty .l }} {{ empty .name }}", "true true false false")]
    [InlineData("{{ coalesce .missing .empty .name \"c\" }}", "ada lovelace")]
    [InlineData("{{ true | ternary \"yes\" \"no\" }} {{ ternary \"yes\" \"no\" false }}", "yes no")]
    [InlineData("{{ all 1 \"a\" }} {{ all 1 \"\" }} {{ any 0 \"\" \"x\" }}", "true false true")]
    public void Defaults(string template, string expected) => Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ upper \"abc\" }} {{ lower \"ABC\" }} {{ title \"hello world-foo o'neil\" }} {{ untitle \"Hello World\" }}", "ABC abc Hello World-Foo O'Neil hello world")]
    [InlineData("{{ .name | title }}", "Ada Lovelace")]
    [InlineData("{{ trim \"  a b \\n\" }}|{{ trimAll \"$\" \"$$a$$\" }}|{{ trimPrefix \"pre\" \"prefix\" }}|{{ trimSuffix \"fix\" \"prefix\" }}", "a b|a|fix|pre")]
    [InlineData("{{ contains \"ell\" \"hello\" }} {{ hasPrefix \"he\" \"hello\" }} {{ hasSuffix \"lo\" \"hello\" }} {{ \"hello\" | contains \"x\" }}", "true true true false")]
    [InlineData("{{ replace \" \" \"-\" \"a b c\" }} {{ repeat 3 \"ab\" }} {{ \"ab\" | repeat 2 }}", "a-b-c ababab abab")]
    [InlineData("{{ substr 1 3 \"hello\" }} {{ substr -1 2 \"hello\" }} {{ substr 2 99 \"hello\" }}", "el he llo")]
    [InlineData("{{ trunc 3 \"hello\" }} {{ trunc -2 \"hello\" }} {{ trunc 9 \"hi\" }} {{ abbrev 5 \"hello world\" }}", "hel lo hi he...")]
    [InlineData("{{ nospace \" a b\\tc \" }} {{ initials \"Ada Lovelace\" }} {{ plural \"one\" \"many\" 1 }} {{ plural \"one\" \"many\" 2 }}", "abc AL one many")]
    [InlineData("{{ quote \"a\" 1 }} {{ squote \"a\" }} {{ cat \"a\" 1 \"b\" }}", "\"a\" \"1\" 'a' a 1 b")]
    [InlineData("{{ indent 2 \"a\\nb\" }}|{{ nindent 2 \"a\" }}", "  a\n  b|\n  a")]
    [InlineData("{{ join \", \" .mixed }} {{ .l | join \"+\" }}", "a, b, 1 a+b+c")]
    [InlineData("{{ $p := split \".\" \"a.b.c\" }}{{ $p._1 }} {{ splitList \",\" \"a,b\" | join \"+\" }} {{ (splitn \".\" 2 \"a.b.c\")._1 }}", "b a+b b.c")]
    [InlineData("{{ toString 5 }} {{ toString 1.5 }} {{ atoi \"12\" }} {{ atoi \"x\" }} {{ int \"0x10\" }} {{ int64 \"7.0\" }} {{ float64 \"2.5\" }}", "5 1.5 12 0 16 7 2.5")]
    [InlineData("{{ sha256sum \"abc\" }}", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void Strings(string template, string expected) => Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ list 1 \"a\" }} {{ first .l }} {{ last .l }} {{ rest .l }} {{ initial .l }} {{ reverse .l }}", "[1 a] a c [b c] [a b] [c b a]")]
    [InlineData("{{ has \"b\" .l }} {{ has \"z\" .l }} {{ without .l \"b\" }} {{ append .l \"d\" }} {{ prepend .l \"z\" }}", "true false [a c] [a b c d] [z a b c]")]
    [InlineData("{{ uniq (list 1 1 2) }} {{ compact (list \"a\" \"\" 0 \"b\") }} {{ concat .l (list 1) }} {{ slice .l 1 }} {{ slice .l 0 2 }}", "[1 2] [a b] [a b c 1] [b c] [a b]")]
    [InlineData("{{ sortAlpha (list \"b\" \"a\" \"C\") }} {{ until 3 }}", "[C a b] [0 1 2]")]
    public void Lists(string template, string expected) => Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ $d := dict \"k\" \"v\" \"n\" 2 }}{{ $d.k }} {{ get $d \"n\" }} [{{ get $d \"x\" }}] {{ hasKey $d \"k\" }} {{ keys $d | sortAlpha | join \",\" }}", "v 2 [] true k,n")]
    [InlineData("{{ $d := dict \"a\" 1 }}{{ $_ := set $d \"z\" 2 }}{{ len $d }} {{ $d }} {{ unset $d \"a\" }}", "2 map[a:1 z:2] map[z:2]")]
    [InlineData("{{ $d := dict \"a\" 1 \"b\" 2 \"c\" 3 }}{{ pick $d \"a\" \"c\" }} {{ omit $d \"a\" }} {{ values (dict \"x\" 1) }}", "map[a:1 c:3] map[b:2 c:3] [1]")]
    [InlineData("{{ dig \"o\" \"a\" \"none\" . }} {{ dig \"o\" \"zz\" \"none\" . }}", "<x> none")]
    public void Maps(string template, string expected) => Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ add 1 2 3 }} {{ sub 5 2 }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ mod 7 2 }} {{ max 1 5 3 }} {{ min 4 2 8 }} {{ add1 .n }} {{ add \"2\" 1.9 }}", "6 3 24 3 1 5 2 42 3")]
    public void Math(string template, string expected) => Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ toJson .o }}", """{"a":"\u003cx\u003e","b":[1,2]}""")]
    [InlineData("{{ toRawJson .o }}", """{"a":"<x>","b":[1,2]}""")]
    [InlineData("{{ toPrettyJson (dict \"a\" 1 \"l\" (list)) }}", "{\n  \"a\": 1,\n  \"l\": []\n}")]
    [InlineData("{{ (fromJson \"{\\\"a\\\":[1,2]}\").a }}", "[1 2]")]
    [InlineData("{{ b64enc \"hello\" }} {{ b64dec \"aGVsbG8=\" }} {{ b64dec \"!!\" }}", "aGVsbG8= hello illegal base64 data at input byte 0")]
    [InlineData("{{ urlquery \"a b\" }}", "a+b")]
    public void Encoding(string template, string expected) => Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ toDate \"2006-01-02\" \"2024-03-05\" | date \"Jan 2, 2006\" }}", "Mar 5, 2024")]
    [InlineData("{{ date \"02/01/2006 03:04PM Monday\" (toDate \"2006-01-02T15:04:05Z07:00\" \"2024-03-05T17:08:09Z\") }}", "05/03/2024 05:08PM Tuesday")]
    [InlineData("{{ (toDate \"2006-01-02\" \"2024-03-05\").Year }} {{ unixEpoch (toDate \"2006-01-02\" \"2024-03-05\") }} {{ htmlDate (toDate \"2006-01-02\" \"2024-03-05\") }}", "2024 1709596800 2024-03-05")]
    [InlineData("{{ dateInZone \"2006-01-02 15:04 MST\" (toDate \"2006-01-02T15:04:05Z07:00\" \"2024-01-15T12:00:00Z\") \"Europe/Berlin\" }}", "2024-01-15 13:00 CET")]
    [InlineData("{{ date \"2006-01-02\" 0 }} {{ toDate \"2006-01-02\" \"nope\" }}", "1970-01-01 0001-01-01 00:00:00 +0000 UTC")]
    [InlineData("{{ toDate \"2006-01-02 15:04:05.000 -0700\" \"2024-03-05 17:08:09.120 +0130\" }}", "2024-03-05 17:08:09.12 +0130 +0130")]
    [InlineData("{{ now | date \"2006-01-02 15:04:05\" }} {{ now.Year }} {{ date \"_2 Jan 06\" now }}", "2025-07-04 09:30:00 2025  4 Jul 25")]
    public void Dates(string template, string expected)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 7, 4, 9, 30, 0, TimeSpan.Zero));
        Assert.Equal(expected, Render(template, time));
    }

    [Fact]
    public void Env_and_expandenv_never_read_the_environment()
    {
        Assert.False(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PATH")));
        Assert.Equal("[] x=;y=/bin", Render("[{{ env \"PATH\" }}] {{ expandenv \"x=$PATH;y=${HOME}/bin\" }}"));
    }
}
