using Tessera.Jsonnet;
using Xunit;

namespace Tessera.Tests.Jsonnet;

/// <summary>
/// The standard library beyond the golden files: functions added after Jsonnet 0.18 (expected values from the stdlib
/// documentation), and a check that every documented function exists.
/// </summary>
public sealed class StdLibraryTests
{
    /// <summary>Every function of Jsonnet 0.18's std (the reference CLI's list) and of the current stdlib page.</summary>
    public static TheoryData<string> DocumentedFunctions() =>
    [
        .. ("abs acos asciiLower asciiUpper asin assertEqual atan base64 base64Decode base64DecodeBytes ceil char clamp codepoint cos count "
            + "decodeUTF8 deepJoin encodeUTF8 endsWith equals escapeStringBash escapeStringDollars escapeStringJson escapeStringPython exp exponent "
            + "extVar filter filterMap find findSubstr flatMap flattenArrays floor foldl foldr format get isArray isBoolean isFunction isNumber "
            + "isObject isString join length lines log lstripChars makeArray manifestIni manifestJson manifestJsonEx manifestJsonMinified "
            + "manifestPython manifestPythonVars manifestToml manifestTomlEx manifestXmlJsonml manifestYamlDoc manifestYamlStream mantissa map "
            + "mapWithIndex mapWithKey max md5 member mergePatch min mod modulo native objectFields objectFieldsAll objectFieldsEx objectHas "
            + "objectHasAll objectHasEx objectValues objectValuesAll parseHex parseInt parseJson parseOctal parseYaml pow primitiveEquals prune "
            + "range repeat resolvePath reverse rstripChars set setDiff setInter setMember setUnion sign sin slice sort split splitLimit sqrt "
            + "startsWith strReplace stringChars stripChars substr tan thisFile toString trace type uniq "
            + "objectKeysValues objectKeysValuesAll objectRemoveKey sum avg minArray maxArray all any contains remove removeAt isEmpty trim "
            + "equalsIgnoreCase round isEven isOdd isInteger isDecimal xor xnor sha1 sha256 sha512 sha3 escapeStringXml splitLimitR "
            + "flattenDeepArray log2 log10 atan2 hypot deg2rad rad2deg pi id").Split(' '),
    ];

    [Theory]
    [MemberData(nameof(DocumentedFunctions))]
    public void Std_has_the_documented_function(string name) => Jsonnet.AssertValue("true", $"std.objectHasAll(std, '{name}') && !std.objectHas(std, '{name}')");

    [Theory]
    [InlineData("""[{"key": "a", "value": 1}]""", "std.objectKeysValues({a: 1, h:: 2})")]
    [InlineData("""[{"key": "a", "value": 1}, {"key": "h", "value": 2}]""", "std.objectKeysValuesAll({a: 1, h:: 2})")]
    [InlineData("""{"a": 1}""", "std.objectRemoveKey({a: 1, b: 2}, 'b')")]
    [InlineData("10", "std.sum([1, 2, 3, 4])")]
    [InlineData("2.5", "std.avg([1, 2, 3, 4])")]
    [InlineData("1", "std.minArray([3, 1, 2])")]
    [InlineData("\"ccc\"", "std.maxArray(['a', 'ccc', 'bb'], function(s) std.length(s))")]
    [InlineData("\"none\"", "std.minArray([], onEmpty='none')")]
    [InlineData("[true, false, true, false]", "[std.all([true, true]), std.all([true, false]), std.any([false, true]), std.any([])]")]
    [InlineData("[true, false]", "[std.contains([1, 2], 2), std.contains([1, 2], 3)]")]
    [InlineData("[[1, 3, 2], [1, 3]]", "[std.remove([1, 2, 3, 2], 2), std.removeAt([1, 2, 3], 1)]")]
    [InlineData("[true, false]", "[std.isEmpty(''), std.isEmpty(' ')]")]
    [InlineData("\"a b\"", "std.trim(' \\t a b \\n ')")]
    [InlineData("[true, false]", "[std.equalsIgnoreCase('Hello', 'hELLO'), std.equalsIgnoreCase('a', 'b')]")]
    [InlineData("[3, 2, -2, 1]", "[std.round(2.5), std.round(2.4), std.round(-2.5), std.round(0.5)]")]
    [InlineData("[true, false, true, false, true, false]", "[std.isEven(4), std.isEven(3), std.isOdd(3), std.isInteger(1.5), std.isDecimal(1.5), std.isDecimal(2)]")]
    [InlineData("[true, false, false, true]", "[std.xor(true, false), std.xor(true, true), std.xnor(true, false), std.xnor(false, false)]")]
    [InlineData("\"a9993e364706816aba3e25717850c26c9cd0d89d\"", "std.sha1('abc')")]
    [InlineData("\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"", "std.sha256('abc')")]
    [InlineData("\"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f\"", "std.sha512('abc')")]
    [InlineData("\"&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;\"", "std.escapeStringXml('<a href=\"x\">Tom & Jerry\\'s</a>')")]
    [InlineData("""[["a,b", "c"], ["a", "b", "c"]]""", "[std.splitLimitR('a,b,c', ',', 1), std.splitLimitR('a,b,c', ',', -1)]")]
    [InlineData("""["a", "b", "c"]""", "std.split('a::b::c', '::')")]
    [InlineData("[1, 2, 3, 4]", "std.flattenDeepArray([1, [2, [3, [4]]], []])")]
    [InlineData("[3, 2, 0, 5, 180, 1]", "[std.log2(8), std.log10(100), std.atan2(0, 1), std.hypot(3, 4), std.rad2deg(std.pi), std.deg2rad(180) / std.pi]")]
    [InlineData("\"same\"", "std.id('same')")]
    [InlineData("\"no newline\"", "|||-\n  no newline\n|||")]
    [InlineData("\"tab\\tindented\\n\"", "|||\n\ttab\tindented\n|||")]
    [InlineData("""{"a": null}""", "std.parseYaml('a: null')")]
    [InlineData("""[{"a": 1}, {"b": 2}]""", "std.parseYaml('a: 1\\n---\\nb: 2\\n')")]
    [InlineData("\"<p class=\\\"x&amp;y\\\">1 &lt; 2</p>\"", "std.manifestXmlJsonml(['p', {class: 'x&y'}, '1 < 2'])")]
    [InlineData("\"/a/b/c.json\"", "std.resolvePath('/a/b/t.jsonnet', 'c.json')")]
    public void Newer_functions_give_the_documented_values(string expectedJson, string source) => Jsonnet.AssertValue(expectedJson, source);

    [Fact]
    public void Sha3_is_sha3_512_where_the_platform_has_it()
    {
        if (System.Security.Cryptography.SHA3_512.IsSupported)
        {
            Jsonnet.AssertValue("\"b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0\"", "std.sha3('abc')");
        }
        else
        {
            Assert.Contains("SHA3-512 is not available", Jsonnet.Failure("std.sha3('abc')").Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Avg_of_nothing_and_min_of_nothing_are_errors()
    {
        Assert.Contains("Cannot calculate average of an empty array", Jsonnet.Failure("std.avg([])").Message, StringComparison.Ordinal);
        Assert.Contains("Expected at least one element", Jsonnet.Failure("std.minArray([])").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_and_makeArray_are_lazy_like_the_reference()
    {
        Jsonnet.AssertValue("2", "std.map(function(x) if x == 1 then error 'lazy' else x, [1, 2])[1]");
        Jsonnet.AssertValue("4", "std.makeArray(5, function(i) if i == 0 then error 'lazy' else i)[4]");
    }

    [Fact]
    public void Ext_vars_are_strings_or_code()
    {
        var inputs = new JsonnetInputs
        {
            ExtStrings = new Dictionary<string, string> { ["name"] = "tessera" },
            ExtCodes = new Dictionary<string, string> { ["config"] = "{ replicas: 1 + 2, names: ['a'] }" },
        };
        Jsonnet.AssertValue("""{"name": "tessera", "replicas": 3, "names": ["a"]}""",
            "{ name: std.extVar('name'), replicas: std.extVar('config').replicas, names: std.extVar('config').names }", inputs);
    }

    [Fact]
    public void An_unused_ext_code_with_an_error_does_not_fail_the_evaluation()
    {
        var inputs = new JsonnetInputs { ExtCodes = new Dictionary<string, string> { ["broken"] = "error 'never read'" } };
        Jsonnet.AssertValue("1", "1", inputs);
    }

    [Fact]
    public void An_ext_code_that_does_not_parse_names_its_variable()
    {
        var inputs = new JsonnetInputs { ExtCodes = new Dictionary<string, string> { ["claims"] = "{ email: " } };
        var e = Jsonnet.Failure("std.extVar('claims')", inputs);
        Assert.Equal("<extvar:claims>", e.FileName);
    }

    [Fact]
    public void A_top_level_function_is_called_with_the_top_level_arguments()
    {
        const string source = "function(name, greeting='hello', count=1) { message: greeting + ' ' + name, count: count }";
        Jsonnet.AssertValue("""{"message": "hello ann", "count": 1}""", source, new JsonnetInputs { TlaStrings = new Dictionary<string, string> { ["name"] = "ann" } });
        Jsonnet.AssertValue("""{"message": "hi bob", "count": 3}""", source, new JsonnetInputs
        {
            TlaStrings = new Dictionary<string, string> { ["name"] = "bob", ["greeting"] = "hi" },
            TlaCodes = new Dictionary<string, string> { ["count"] = "1 + 2" },
        });
    }

    [Fact]
    public void Top_level_arguments_must_match_the_parameters()
    {
        const string source = "function(name) name";
        Assert.Contains("function parameter name not bound", Jsonnet.Failure(source).Message, StringComparison.Ordinal);
        var unknown = Jsonnet.Failure(source, new JsonnetInputs { TlaStrings = new Dictionary<string, string> { ["name"] = "a", ["extra"] = "b" } });
        Assert.Contains("has no parameter extra", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_level_arguments_are_ignored_when_the_program_is_not_a_function()
    {
        Assert.Equal("{\n   \"a\": 1\n}\n", Jsonnet.Evaluate("{a: 1}", new JsonnetInputs { TlaStrings = new Dictionary<string, string> { ["x"] = "y" } }));
    }

    [Fact]
    public void Output_is_what_the_cli_prints()
    {
        Assert.Equal("{\n   \"a\": [\n      1,\n      { },\n      [ ]\n   ],\n   \"b\": \"x\"\n}\n", Jsonnet.Evaluate("{b: 'x', a: [1, {}, []]}"));
        Assert.Equal("\"text\"\n", Jsonnet.Evaluate("'text'"));
    }
}
