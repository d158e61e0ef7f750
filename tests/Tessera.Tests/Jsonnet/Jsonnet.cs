using System.Text.Json.Nodes;
using Tessera.Jsonnet;
using Xunit;

namespace Tessera.Tests.Jsonnet;

/// <summary>Small helpers for the Jsonnet tests: evaluate a snippet, compare its JSON, capture its failure.</summary>
internal static class Jsonnet
{
    public static string Evaluate(string source, JsonnetInputs? inputs = null, JsonnetLimits? limits = null) =>
        JsonnetProgram.Parse(source, "test.jsonnet", limits ?? JsonnetLimits.Default).Evaluate(inputs, TestContext.Current.CancellationToken);

    /// <summary>Asserts the snippet evaluates to the same JSON value as <paramref name="expectedJson"/>.</summary>
    public static void AssertValue(string expectedJson, string source, JsonnetInputs? inputs = null)
    {
        var actual = Evaluate(source, inputs);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedJson), JsonNode.Parse(actual)), $"{source}\nexpected {expectedJson}\nactual   {actual}");
    }

    public static JsonnetException Failure(string source, JsonnetInputs? inputs = null, JsonnetLimits? limits = null) =>
        Assert.Throws<JsonnetException>(() => Evaluate(source, inputs, limits));
}
