using Tessera.Jsonnet;
using Xunit;

namespace Tessera.Tests.Jsonnet;

/// <summary>Every failure is a <see cref="JsonnetException"/> with a clear message and, where known, its place.</summary>
public sealed class JsonnetErrorTests
{
    [Theory]
    [InlineData("{a: 1", 1, 6, "expected")]
    [InlineData("{\n  a: 1,\n  b: ]\n}", 3, 6, "expected an expression")]
    [InlineData("\"abc\" + ", 1, 9, "end of file")]
    [InlineData("local x = 1; {a: x y}", 1, 20, "expected")]
    [InlineData("'unterminated", 1, 1, "no closing quote")]
    [InlineData("\"\\q\"", 1, 2, "unknown escape")]
    [InlineData("|||\nno indent\n|||", 1, 1, "must start with whitespace")]
    [InlineData("{f(x)+: 1}", 1, 6, "method cannot use +:")]
    [InlineData("local a = 1, a = 2; a", 1, 14, "duplicate local variable a")]
    [InlineData("function(x, x) x", 1, 13, "duplicate parameter x")]
    [InlineData("f(a=1, 2)", 1, 8, "positional argument after a named argument")]
    [InlineData("/* open comment", 1, 1, "no terminating */")]
    public void Syntax_errors_are_reported_at_parse_time_with_their_location(string source, int line, int column, string reason)
    {
        var e = Assert.Throws<JsonnetException>(() => JsonnetProgram.Parse(source, "body.jsonnet"));
        Assert.True(e.IsStaticError);
        Assert.False(e.IsUserError);
        Assert.Equal(("body.jsonnet", line, column), (e.FileName, e.Line, e.Column));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"body.jsonnet:{line}:{column}: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x", "unknown variable: x")]
    [InlineData("{a: 1} + self", "self cannot be used outside of an object")]
    [InlineData("super.x", "super cannot be used outside of an object")]
    [InlineData("$.x", "$ cannot be used outside of an object")]
    [InlineData("{ local a = b, x: a }", "unknown variable: b")]
    [InlineData("[y for x in [1]]", "unknown variable: y")]
    public void Unbound_names_are_static_errors(string source, string reason)
    {
        var e = Assert.Throws<JsonnetException>(() => JsonnetProgram.Parse(source, "t.jsonnet"));
        Assert.True(e.IsStaticError);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("import 'other.libsonnet'", "import")]
    [InlineData("{ a: importstr 'secret.txt' }", "importstr")]
    [InlineData("importbin '/etc/passwd'", "importbin")]
    public void Imports_are_refused_when_the_template_is_parsed(string source, string keyword)
    {
        var e = Assert.Throws<JsonnetException>(() => JsonnetProgram.Parse(source, "t.jsonnet"));
        Assert.Contains($"{keyword} is not supported: a template must be a single self-contained file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_in_the_template_is_a_user_error_carrying_its_value()
    {
        var e = Jsonnet.Failure("function(ctx)\n  if ctx.ok then {} else error 'not ok: ' + ctx.why",
            new JsonnetInputs { TlaCodes = new Dictionary<string, string> { ["ctx"] = """{"ok": false, "why": "blocked"}""" } });
        Assert.True(e.IsUserError);
        Assert.Equal("not ok: blocked", e.UserMessage);
        Assert.Equal((2, 26), (e.Line, e.Column));
        Assert.Equal("test.jsonnet:2:26: not ok: blocked", e.Message);
    }

    [Fact]
    public void Error_with_a_non_string_value_carries_its_json()
    {
        var e = Jsonnet.Failure("error {code: 4, why: ['x']}");
        Assert.Equal("""{"code": 4, "why": ["x"]}""", e.UserMessage);
    }

    [Theory]
    [InlineData("assert 1 == 2; 'x'", "Assertion failed.")]
    [InlineData("assert 1 == 2 : 'numbers differ'; 'x'", "numbers differ")]
    [InlineData("{ assert self.a > 1 : 'a too small', a: 1 }", "a too small")]
    [InlineData("{ assert false, a: 1 }.a", "object assertion failed")]
    [InlineData("std.assertEqual(1, 2)", "Assertion failed. 1 != 2")]
    public void Failed_assertions_are_user_errors(string source, string message)
    {
        var e = Jsonnet.Failure(source);
        Assert.True(e.IsUserError);
        Assert.Equal(message, e.UserMessage);
    }

    [Fact]
    public void Errors_in_fields_and_elements_that_are_not_used_never_fire()
    {
        Jsonnet.AssertValue("""{"used": 1}""", "{ used: 1, hidden:: error 'hidden', } + { local unused = error 'local' }");
        Jsonnet.AssertValue("2", "[error 'first', 2][1]");
        Jsonnet.AssertValue("\"ok\"", "local f(a, b) = a; f('ok', error 'argument')");
        Jsonnet.AssertValue("1", "{ a: 1, b: error 'b' }.a");
        Jsonnet.AssertValue("3", "std.length(std.map(function(x) error 'mapped', [1, 2, 3]))");
    }

    [Theory]
    [InlineData("{a: 1}.b", 1, 7, "field does not exist: b")]
    [InlineData("[1, 2][2]", 1, 7, "array bounds error: 2 not within [0, 2)")]
    [InlineData("[1, 2][0.5]", 1, 7, "array index was not integer: 0.5")]
    [InlineData("1 + true", 1, 3, "binary operator + does not operate on types number and boolean")]
    [InlineData("1 / 0", 1, 3, "division by zero")]
    [InlineData("1e308 * 10", 1, 7, "overflow")]
    [InlineData("if 1 then 2", 1, 1, "condition must be boolean, got number")]
    [InlineData("local f(x) = x; f(1, 2)", 1, 18, "too many arguments")]
    [InlineData("local f(x) = x; f(y=1)", 1, 18, "has no parameter y")]
    [InlineData("local f(x) = x; f()", 1, 18, "function parameter x not bound")]
    [InlineData("'a'()", 1, 4, "only functions can be called, got string")]
    [InlineData("{f: function(x) x}", 1, 1, "couldn't manifest function")]
    [InlineData("{['a']: 1, a: 2}", 1, 12, "duplicate field name: \"a\"")]
    [InlineData("{[1]: 2}", 1, 3, "field name must be string, got number")]
    [InlineData("[x for x in {}]", 1, 4, "a for loop can only iterate over arrays, got object")]
    [InlineData("std.extVar('nope')", 1, 11, "undefined external variable: nope")]
    [InlineData("std.substr(1, 0, 1)", 1, 11, "std.substr: parameter str must be a string, got number")]
    [InlineData("std.native('f')", 1, 11, "native function \"f\" is not available")]
    [InlineData("std.manifestToml({a: {b: null}})", 1, 17, "Tried to manifest \"null\" at [\"a\", \"b\"]")]
    [InlineData("(function(x) x) == (function(x) x)", 1, 17, "cannot test equality of functions")]
    [InlineData("[1, 2, 3][2:1:-1]", 1, 10, "must not be negative")]
    [InlineData("std.sort([1, 'a'])", 1, 9, "binary operator < does not operate on types")]
    [InlineData("'%d' % ['x']", 1, 6, "Format required number at 0, got string")]
    [InlineData("'%s %s' % [1]", 1, 9, "Not enough values to format")]
    [InlineData("'%s' % [1, 2]", 1, 6, "Too many values to format: 2, expected 1")]
    [InlineData("std.parseJson('{')", 1, 14, "std.parseJson: failed to parse JSON")]
    [InlineData("std.parseInt('1a')", 1, 13, "1a is not a base 10 integer")]
    [InlineData("1 << -1", 1, 3, "shift by negative exponent")]
    [InlineData("'%2000000000d' % 1", 1, 16, "format width and precision may not exceed 10000")]
    [InlineData("'%c' % -1", 1, 6, "%c expected a number or a one-character string")]
    [InlineData("std.repeat('ab', 1e9)", 1, 11, "the result would be too long")]
    public void Runtime_errors_name_the_problem_and_where_it_happened(string source, int line, int column, string reason)
    {
        var e = Jsonnet.Failure(source);
        Assert.False(e.IsUserError);
        Assert.False(e.IsStaticError);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Equal(("test.jsonnet", line, column), (e.FileName, e.Line, e.Column));
    }

    [Theory]
    [InlineData("local f(x) = f(x + 1); f(0)")]
    [InlineData("local f(n) = if n == 0 then 0 else 1 + f(n - 1); f(100000)")]
    [InlineData("local x = x + 1; x")]
    [InlineData("local o = { a: self.a + 1 }; o.a")]
    [InlineData("local f(n) = if n == 0 then [] else [f(n - 1)]; f(100000)")]
    public void Deep_recursion_is_max_stack_frames_exceeded_not_a_crash(string source)
    {
        var e = Jsonnet.Failure(source);
        Assert.Contains("max stack frames exceeded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Odd_but_valid_inputs_do_not_break_the_evaluator()
    {
        Jsonnet.AssertValue("[2]", "[1, 2, 3][1:3:2147483647]");
        Jsonnet.AssertValue("55296", "std.codepoint('\\ud800')");
        Jsonnet.AssertValue("\"ab   |\"", "'%*s|' % [-5, 'ab']");
    }

    [Fact]
    public void Recursion_within_the_frame_limit_works()
    {
        Jsonnet.AssertValue("400", "local f(n) = if n == 0 then 0 else 1 + f(n - 1); f(400)");
    }

    [Fact]
    public void Absurdly_nested_source_is_refused_at_parse_time_not_a_crash()
    {
        var source = new string('[', 200_000) + new string(']', 200_000);
        var e = Assert.Throws<JsonnetException>(() => JsonnetProgram.Parse(source, "deep.jsonnet"));
        Assert.Contains("nested too deeply", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("std.foldl(function(a, b) a + b, std.range(1, 100000000), 0)")]
    [InlineData("std.length(std.makeArray(1e9, function(i) i))")]
    [InlineData("local loop(n) = if n == 0 then 0 else loop(n - 1) tailstrict; std.foldl(function(acc, i) acc + loop(400), std.range(1, 1e6), 0)")]
    public void A_runaway_template_exhausts_the_step_budget(string source)
    {
        var e = Jsonnet.Failure(source);
        Assert.Contains("exceeded its budget of 10000000 steps", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_step_budget_can_be_set_per_program()
    {
        var limits = new JsonnetLimits { MaxSteps = 500 };
        Assert.Equal("45\n", Jsonnet.Evaluate("std.foldl(function(a, b) a + b, std.range(0, 9), 0)", limits: limits));
        var e = Jsonnet.Failure("std.foldl(function(a, b) a + b, std.range(0, 999), 0)", limits: limits);
        Assert.Contains("exceeded its budget of 500 steps", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_that_double_without_end_fail_cleanly()
    {
        var e = Jsonnet.Failure("local f(s, n) = if n == 0 then s else f(s + s, n - 1); std.length(f('x', 60))");
        Assert.Matches("string too long|exceeded its budget", e.Message);
    }

    [Fact]
    public void Cancellation_stops_the_evaluation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var program = JsonnetProgram.Parse("std.foldl(function(a, b) a + b, std.range(1, 1000000), 0)", "t.jsonnet");
        Assert.ThrowsAny<OperationCanceledException>(() => program.Evaluate(null, cancelled.Token));
    }
}
