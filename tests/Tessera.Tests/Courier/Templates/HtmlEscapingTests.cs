using Tessera.Courier.Templates.GoText;
using Xunit;

namespace Tessera.Tests.Courier.Templates;

/// <summary>Email HTML bodies run in html/template mode: values are escaped for the context they land in.</summary>
public sealed class HtmlEscapingTests
{
    static string Html(string template, string json) => GoTemplateTests.Render(template, json, TemplateMode.Html);

    [Theory]
    [InlineData("<p>{{ .s }}</p>", """{"s":"<b>Tom & 'Jerry' \"x\" a+b</b>"}""", "<p>&lt;b&gt;Tom &amp; &#39;Jerry&#39; &#34;x&#34; a&#43;b&lt;/b&gt;</p>")]
    [InlineData("<title>{{ .s }}</title>", """{"s":"a<b"}""", "<title>a&lt;b</title>")]
    [InlineData("<p>{{ .missing }}|{{ .n }}</p>", """{"n":null}""", "<p>|</p>")]
    [InlineData("<p>{{ .s | html }}</p>", """{"s":"a+b<"}""", "<p>a+b&lt;</p>")]
    [InlineData("<p>{{ html .s }}</p>", """{"s":"a+b<"}""", "<p>a+b&lt;</p>")]
    [InlineData("a < b {{ .s }}", """{"s":"c"}""", "a &lt; b c")]
    [InlineData("<!DOCTYPE html><p>a<!-- secret {{ .s }} -->b</p>", """{"s":"x"}""", "<!DOCTYPE html><p>ab</p>")]
    [InlineData("<p>{{ .l }}</p>", """{"l":["<a>",1]}""", "<p>[&lt;a&gt; 1]</p>")]
    public void Text_values_are_html_escaped(string template, string json, string expected) =>
        Assert.Equal(expected, Html(template, json));

    [Theory]
    [InlineData("<a href=\"{{ .u }}\">x</a>", """{"u":"https://example.com/verify?token=a b&flow=1"}""", "<a href=\"https://example.com/verify?token=a%20b&amp;flow=1\">x</a>")]
    [InlineData("<a href=\"{{ .u }}\">x</a>", """{"u":"javascript:alert(1)"}""", "<a href=\"#ZgotmplZ\">x</a>")]
    [InlineData("<a href='{{ .u }}'>x</a>", """{"u":"mailto:a+b@example.com"}""", "<a href='mailto:a&#43;b@example.com'>x</a>")]
    [InlineData("<a href=\"https://x.test/?q={{ .q }}\">", """{"q":"a b&c/é"}""", "<a href=\"https://x.test/?q=a%20b%26c%2f%c3%a9\">")]
    [InlineData("<a href=\"/p/{{ .q }}/x\">", """{"q":"a b?"}""", "<a href=\"/p/a%20b?/x\">")]
    [InlineData("<img src=\"{{ .u }}\" data-url=\"{{ .u }}\">", """{"u":"vbscript:x"}""", "<img src=\"#ZgotmplZ\" data-url=\"#ZgotmplZ\">")]
    [InlineData("<a href=\"{{ .u | urlquery }}\">", """{"u":"a b"}""", "<a href=\"a&#43;b\">")]
    public void Url_attributes_are_filtered_normalised_and_attribute_escaped(string template, string json, string expected) =>
        Assert.Equal(expected, Html(template, json));

    [Theory]
    [InlineData("<input value=\"{{ .v }}\" title='{{ .v }}'>", """{"v":"\"><script>'"}""", "<input value=\"&#34;&gt;&lt;script&gt;&#39;\" title='&#34;&gt;&lt;script&gt;&#39;'>")]
    [InlineData("<input value={{ .v }}>", """{"v":"a b=c"}""", "<input value=a&#32;b&#61;c>")]
    [InlineData("<input value={{ .v }}>", """{"v":""}""", "<input value=ZgotmplZ>")]
    [InlineData("<input {{ .a }}=\"x\">", """{"a":"Title"}""", "<input title=\"x\">")]
    [InlineData("<input {{ .a }}=\"x\">", """{"a":"onclick"}""", "<input ZgotmplZ=\"x\">")]
    public void Attribute_values_and_names_are_escaped(string template, string json, string expected) =>
        Assert.Equal(expected, Html(template, json));

    [Theory]
    [InlineData("<script>var x = {{ .s }}; var n = {{ .n }};</script>", """{"s":"a\"</script>","n":5}""", "<script>var x = \"a\\\"\\u003c/script\\u003e\"; var n =  5 ;</script>")]
    [InlineData("<script>var x = '{{ .s }}'; // {{ .s }}\n</script>", """{"s":"it's </x>"}""", "<script>var x = 'it\\u0027s \\u003c\\/x\\u003e'; \n</script>")]
    [InlineData("<button onclick=\"f({{ .s }})\">", """{"s":"x"}""", "<button onclick=\"f(&#34;x&#34;)\">")]
    [InlineData("<p style=\"color: {{ .c }}\">", """{"c":"red"}""", "<p style=\"color: red\">")]
    [InlineData("<p style=\"color: {{ .c }}\">", """{"c":"expression(alert(1))"}""", "<p style=\"color: ZgotmplZ\">")]
    [InlineData("<style>/* reset */ p { color: {{ .c }} }</style>", """{"c":"#fff"}""", "<style>  p { color: #fff }</style>")]
    public void Script_and_style_contexts(string template, string json, string expected) =>
        Assert.Equal(expected, Html(template, json));

    [Fact]
    public void Text_mode_leaves_markup_alone()
    {
        Assert.Equal("<b>a+b</b>", GoTemplateTests.Render("{{ .s }}", """{"s":"<b>a+b</b>"}"""));
    }

    [Fact]
    public void Templates_called_from_html_are_escaped_in_the_callers_context()
    {
        const string Template = """{{ define "link" }}<a href="{{ . }}">{{ . }}</a>{{ end }}<p>{{ template "link" .u }}</p>""";
        Assert.Equal(
            """<p><a href="https://x.test/?a=1&amp;b=2">https://x.test/?a=1&amp;b=2</a></p>""",
            Html(Template, """{"u":"https://x.test/?a=1&b=2"}"""));
    }
}
