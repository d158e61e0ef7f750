using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Json;
using Xunit;

namespace Tessera.Tests.Json;

public sealed class JsonPatchTests
{
    // RFC 6902 Appendix A, examples A.1–A.16: document, patch, expected document (null when the patch must fail).
    public static TheoryData<string, string, string, string?> Rfc6902Appendix => new()
    {
        { "A.1 add object member", """{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"baz":"qux","foo":"bar"}""" },
        { "A.2 add array element", """{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""" },
        { "A.3 remove object member", """{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""" },
        { "A.4 remove array element", """{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""" },
        { "A.5 replace value", """{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""" },
        {
            "A.6 move value",
            """{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""",
            """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""",
            """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"""
        },
        { "A.7 move array element", """{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""" },
        {
            "A.8 test value success",
            """{"baz":"qux","foo":["a",2,"c"]}""",
            """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""",
            """{"baz":"qux","foo":["a",2,"c"]}"""
        },
        { "A.9 test value error", """{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""", null },
        { "A.10 add nested member", """{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""" },
        { "A.11 ignore unrecognized members", """{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","xyz":123}]""", """{"foo":"bar","baz":"qux"}""" },
        { "A.12 add to nonexistent target", """{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""", null },
        { "A.14 ~ escape ordering", """{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""" },
        { "A.15 string is not number", """{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":"10"}]""", null },
        { "A.16 add array value", """{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""" },
    };

    [Theory]
    [MemberData(nameof(Rfc6902Appendix))]
    public void Rfc_6902_appendix_examples_give_the_documented_result(string example, string document, string patch, string? expected)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch));

        if (expected is null)
        {
            Assert.False(result.Succeeded, example);
            Assert.Equal(0, result.OperationIndex);
        }
        else
        {
            Assert.True(result.Succeeded, $"{example}: {result.Error}");
            AssertJson(expected, result.Document);
        }
    }

    [Fact]
    public void A_13_duplicate_op_member_is_an_invalid_patch_not_an_exception()
    {
        using var patch = JsonDocument.Parse("""[{"op":"add","path":"/baz","value":"qux","op":"remove"}]""");

        var parsed = JsonPatchDocument.TryParse(patch.RootElement, out var document, out var error);

        Assert.False(parsed);
        Assert.Null(document);
        Assert.NotNull(error);
    }

    [Fact]
    public void Failure_leaves_the_original_untouched_and_returns_no_document()
    {
        var original = JsonNode.Parse("""{"traits":{"email":"a@example.com"},"state":"active"}""");
        var patch = JsonNode.Parse("""
            [
              {"op":"replace","path":"/traits/email","value":"b@example.com"},
              {"op":"remove","path":"/state"},
              {"op":"remove","path":"/missing"}
            ]
            """);

        var result = JsonPatch.Apply(original, patch);

        Assert.False(result.Succeeded);
        Assert.Equal(JsonPatchErrorKind.CannotApply, result.ErrorKind);
        Assert.Equal(2, result.OperationIndex);
        Assert.Contains("operation 2 (remove)", result.Error, StringComparison.Ordinal);
        Assert.Contains("/missing", result.Error, StringComparison.Ordinal);
        Assert.Null(result.Document);
        AssertJson("""{"traits":{"email":"a@example.com"},"state":"active"}""", original);
    }

    [Fact]
    public void Success_also_leaves_the_original_untouched()
    {
        var original = JsonNode.Parse("""{"a":[1,2]}""");

        var result = JsonPatch.Apply(original, JsonNode.Parse("""[{"op":"add","path":"/a/-","value":3}]"""));

        Assert.True(result.Succeeded, result.Error);
        AssertJson("""{"a":[1,2,3]}""", result.Document);
        AssertJson("""{"a":[1,2]}""", original);
    }

    [Fact]
    public void A_parsed_patch_can_be_applied_twice_without_sharing_nodes()
    {
        Assert.True(JsonPatchDocument.TryParse(JsonNode.Parse("""[{"op":"add","path":"/v","value":{"x":1}}]"""), out var patch, out var error), error);

        var first = JsonPatch.Apply(JsonNode.Parse("{}"), patch);
        var second = JsonPatch.Apply(JsonNode.Parse("{}"), patch);

        Assert.True(first.Succeeded && second.Succeeded);
        first.Document!["v"]!["x"] = 2;
        AssertJson("""{"v":{"x":1}}""", second.Document);
    }

    public static TheoryData<string, string> MalformedPatches => new()
    {
        { """{"op":"add","path":"/a","value":1}""", "array" },
        { """[1]""", "operation 0: must be a JSON object" },
        { """[{"path":"/a","value":1}]""", "operation 0: missing member \"op\"" },
        { """[{"op":"frobnicate","path":"/a"}]""", "operation 0: unknown op \"frobnicate\"" },
        { """[{"op":"ADD","path":"/a","value":1}]""", "unknown op \"ADD\"" },
        { """[{"op":7,"path":"/a"}]""", "member \"op\" must be a string" },
        { """[{"op":"remove","path":"/a"},{"op":"remove"}]""", "operation 1: missing member \"path\"" },
        { """[{"op":"remove","path":["a"]}]""", "member \"path\" must be a string" },
        { """[{"op":"remove","path":null}]""", "member \"path\" must be a string" },
        { """[{"op":"add","path":"/a"}]""", "operation 0 (add): missing member \"value\"" },
        { """[{"op":"replace","path":"/a"}]""", "missing member \"value\"" },
        { """[{"op":"test","path":"/a"}]""", "missing member \"value\"" },
        { """[{"op":"move","path":"/a"}]""", "missing member \"from\"" },
        { """[{"op":"copy","path":"/a","from":1}]""", "member \"from\" must be a string" },
        { """[{"op":"remove","path":"a/b"}]""", "must be empty or start with '/'" },
        { """[{"op":"remove","path":"/a~2"}]""", "'~' not followed by '0' or '1'" },
        { """[{"op":"remove","path":"/a~"}]""", "'~' not followed by '0' or '1'" },
        { """[{"op":"copy","path":"/a","from":"b"}]""", "invalid \"from\"" },
    };

    [Theory]
    [MemberData(nameof(MalformedPatches))]
    public void Malformed_patches_are_rejected_with_a_message(string patch, string expectedMessagePart)
    {
        var original = JsonNode.Parse("""{"a":1}""");

        var result = JsonPatch.Apply(original, JsonNode.Parse(patch));

        Assert.False(result.Succeeded);
        Assert.Equal(JsonPatchErrorKind.InvalidPatch, result.ErrorKind);
        Assert.Contains(expectedMessagePart, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_patch_node_is_rejected()
    {
        var result = JsonPatch.Apply(JsonNode.Parse("{}"), (JsonNode?)null);

        Assert.False(result.Succeeded);
        Assert.Equal(JsonPatchErrorKind.InvalidPatch, result.ErrorKind);
    }

    public static TheoryData<string, string, string?> Operations => new()
    {
        // add
        { """{"a":1}""", """[{"op":"add","path":"/a","value":2}]""", """{"a":2}""" },
        { """{"a":1}""", """[{"op":"add","path":"","value":[1]}]""", """[1]""" },
        { """{"a":[1]}""", """[{"op":"add","path":"/a/1","value":2}]""", """{"a":[1,2]}""" },
        { """{"a":[1]}""", """[{"op":"add","path":"/a/0","value":0}]""", """{"a":[0,1]}""" },
        { """{"a":[1]}""", """[{"op":"add","path":"/a/2","value":2}]""", null },
        { """{"a":[1]}""", """[{"op":"add","path":"/a/01","value":2}]""", null },
        { """{"a":[1]}""", """[{"op":"add","path":"/a/-1","value":2}]""", null },
        { """{"a":[1]}""", """[{"op":"add","path":"/a/x","value":2}]""", null },
        { """{"a":"s"}""", """[{"op":"add","path":"/a/b","value":2}]""", null },
        { """{"a":null}""", """[{"op":"add","path":"/a/b","value":2}]""", null },
        { """{}""", """[{"op":"add","path":"/a","value":null}]""", """{"a":null}""" },
        { """{}""", """[{"op":"add","path":"/","value":1}]""", """{"":1}""" },
        { """{}""", """[{"op":"add","path":"/a~1b","value":1}]""", """{"a/b":1}""" },
        // remove
        { """{"a":null,"b":1}""", """[{"op":"remove","path":"/a"}]""", """{"b":1}""" },
        { """{"a":[1]}""", """[{"op":"remove","path":"/a/1"}]""", null },
        { """{"a":[1]}""", """[{"op":"remove","path":"/a/-"}]""", null },
        { """{"a":1}""", """[{"op":"remove","path":""}]""", null },
        // replace
        { """{"a":1}""", """[{"op":"replace","path":"/b","value":2}]""", null },
        { """{"a":[1,2]}""", """[{"op":"replace","path":"/a/1","value":3}]""", """{"a":[1,3]}""" },
        { """{"a":[1,2]}""", """[{"op":"replace","path":"/a/2","value":3}]""", null },
        { """{"a":1}""", """[{"op":"replace","path":"","value":{"b":2}}]""", """{"b":2}""" },
        // move
        { """{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""", null },
        { """{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a"}]""", """{"a":{"b":1}}""" },
        { """{"a":1}""", """[{"op":"move","from":"/x","path":"/y"}]""", null },
        { """{"a":1,"b":2}""", """[{"op":"move","from":"/a","path":"/b"}]""", """{"b":1}""" },
        { """{"a":{"b":1},"ab":2}""", """[{"op":"move","from":"/a","path":"/ab"}]""", """{"ab":{"b":1}}""" },
        // copy
        { """{"a":{"b":[1]}}""", """[{"op":"copy","from":"/a","path":"/c"}]""", """{"a":{"b":[1]},"c":{"b":[1]}}""" },
        { """{"a":{"b":1}}""", """[{"op":"copy","from":"/a","path":"/a/c"}]""", """{"a":{"b":1,"c":{"b":1}}}""" },
        { """{"a":1}""", """[{"op":"copy","from":"/x","path":"/y"}]""", null },
        // test: structural equality
        { """{"n":1}""", """[{"op":"test","path":"/n","value":1.0}]""", """{"n":1}""" },
        { """{"n":100}""", """[{"op":"test","path":"/n","value":1e2}]""", """{"n":100}""" },
        { """{"n":0.5}""", """[{"op":"test","path":"/n","value":5E-1}]""", """{"n":0.5}""" },
        { """{"n":-0}""", """[{"op":"test","path":"/n","value":0}]""", """{"n":-0}""" },
        { """{"n":12345678901234567890123}""", """[{"op":"test","path":"/n","value":12345678901234567890124}]""", null },
        { """{"n":1}""", """[{"op":"test","path":"/n","value":-1}]""", null },
        { """{"o":{"a":1,"b":[true,null]}}""", """[{"op":"test","path":"/o","value":{"b":[true,null],"a":1.00}}]""", """{"o":{"a":1,"b":[true,null]}}""" },
        { """{"o":{"a":1}}""", """[{"op":"test","path":"/o","value":{"a":1,"b":2}}]""", null },
        { """{"o":[1,2]}""", """[{"op":"test","path":"/o","value":[2,1]}]""", null },
        { """{"o":null}""", """[{"op":"test","path":"/o","value":null}]""", """{"o":null}""" },
        { """{"o":false}""", """[{"op":"test","path":"/o","value":null}]""", null },
        { """{"o":"é"}""", """[{"op":"test","path":"/o","value":"\u00e9"}]""", """{"o":"é"}""" },
        { """{"a":1}""", """[{"op":"test","path":"","value":{"a":1}}]""", """{"a":1}""" },
        { """{"a":1}""", """[{"op":"test","path":"/b","value":null}]""", null },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operations_follow_rfc_6902(string document, string patch, string? expected)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch));

        if (expected is null)
        {
            Assert.False(result.Succeeded);
            Assert.NotEqual(JsonPatchErrorKind.InvalidPatch, result.ErrorKind);
            Assert.Equal(0, result.OperationIndex);
        }
        else
        {
            Assert.True(result.Succeeded, result.Error);
            AssertJson(expected, result.Document);
        }
    }

    [Fact]
    public void Test_failure_reports_test_failed()
    {
        var result = JsonPatch.Apply(JsonNode.Parse("""{"a":1}"""), JsonNode.Parse("""[{"op":"test","path":"/a","value":2}]"""));

        Assert.Equal(JsonPatchErrorKind.TestFailed, result.ErrorKind);
        Assert.Equal("operation 0 (test): value at \"/a\" is not the expected value", result.Error);
    }

    [Fact]
    public void Test_compares_values_built_from_clr_types_with_parsed_ones()
    {
        var document = new JsonObject { ["n"] = 1.5m, ["s"] = "x", ["b"] = true };

        var result = JsonPatch.Apply(document, JsonNode.Parse("""[{"op":"test","path":"","value":{"s":"x","b":true,"n":15e-1}}]"""));

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public void A_json_null_document_can_be_replaced_at_the_root()
    {
        var result = JsonPatch.Apply(null, JsonNode.Parse("""[{"op":"add","path":"","value":{"a":1}}]"""));

        Assert.True(result.Succeeded, result.Error);
        AssertJson("""{"a":1}""", result.Document);
    }

    // Kratos's identity patch rules (API.md §7.6), written as a caller would write them.
    private static bool IdentityPathAllowed(string path) =>
        path.Length > 0
        && path != "/id"
        && path != "/stateChangedAt"
        && path != "/credentials"
        && !path.StartsWith("/credentials/oidc", StringComparison.Ordinal)
        && !path.StartsWith("/credentials/saml", StringComparison.Ordinal);

    [Theory]
    [InlineData("""[{"op":"replace","path":"/id","value":"x"}]""", 0, "path \"/id\"")]
    [InlineData("""[{"op":"replace","path":"/traits/email","value":"x"},{"op":"remove","path":"/credentials"}]""", 1, "path \"/credentials\"")]
    [InlineData("""[{"op":"add","path":"/credentials/oidc/config","value":{}}]""", 0, "path \"/credentials/oidc/config\"")]
    [InlineData("""[{"op":"move","from":"/credentials/oidc","path":"/metadata_admin"}]""", 0, "from \"/credentials/oidc\"")]
    [InlineData("""[{"op":"copy","from":"/id","path":"/metadata_admin"}]""", 0, "from \"/id\"")]
    [InlineData("""[{"op":"replace","path":"","value":{}}]""", 0, "path \"\"")]
    [InlineData("""[{"op":"test","path":"/traits","value":1},{"op":"replace","path":"/id","value":"x"}]""", 1, "path \"/id\"")]
    public void Forbidden_paths_are_rejected_before_anything_is_applied(string patch, int index, string messagePart)
    {
        var original = JsonNode.Parse("""{"id":"1","traits":{"email":"a@example.com"},"credentials":{"password":{},"oidc":{}},"metadata_admin":null}""");

        var result = JsonPatch.Apply(original, JsonNode.Parse(patch), IdentityPathAllowed);

        Assert.False(result.Succeeded);
        Assert.Equal(JsonPatchErrorKind.ForbiddenPath, result.ErrorKind);
        Assert.Equal(index, result.OperationIndex);
        Assert.Contains(messagePart, result.Error, StringComparison.Ordinal);
        Assert.Equal("1", (string?)original!["id"]);
    }

    [Fact]
    public void Allowed_paths_pass_the_filter()
    {
        var original = JsonNode.Parse("""{"id":"1","state":"active","credentials":{"password":{"config":{"hashed_password":"old"}}}}""");
        var patch = JsonNode.Parse("""
            [
              {"op":"replace","path":"/credentials/password/config/hashed_password","value":"new"},
              {"op":"replace","path":"/state","value":"inactive"}
            ]
            """);

        var result = JsonPatch.Apply(original, patch, IdentityPathAllowed);

        Assert.True(result.Succeeded, result.Error);
        AssertJson("""{"id":"1","state":"inactive","credentials":{"password":{"config":{"hashed_password":"new"}}}}""", result.Document);
    }

    [Fact]
    public void Patch_can_be_parsed_from_a_json_element()
    {
        using var json = JsonDocument.Parse("""[{"op":"add","path":"/b","value":[1,{"c":2}]}]""");

        Assert.True(JsonPatchDocument.TryParse(json.RootElement, out var patch, out var error), error);
        var result = JsonPatch.Apply(JsonNode.Parse("""{"a":1}"""), patch);

        Assert.True(result.Succeeded, result.Error);
        AssertJson("""{"a":1,"b":[1,{"c":2}]}""", result.Document);
    }

    [Fact]
    public void Parsed_operations_expose_type_pointer_and_value()
    {
        Assert.True(JsonPatchDocument.TryParse(JsonNode.Parse("""[{"op":"move","from":"/a~0b","path":"/c~1d/-"}]"""), out var patch, out _));

        var op = Assert.Single(patch.Operations);
        Assert.Equal(JsonPatchOperationType.Move, op.Type);
        Assert.Equal(["c/d", "-"], op.Path.Tokens);
        Assert.Equal("/c~1d/-", op.Path.Text);
        Assert.Equal(["a~b"], op.From!.Tokens);
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString() ?? "null"}");
}
