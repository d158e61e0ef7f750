using System.Runtime.ExceptionServices;
using Tessera.Jsonnet.Evaluation;
using Tessera.Jsonnet.Output;
using Tessera.Jsonnet.Syntax;

namespace Tessera.Jsonnet;

/// <summary>
/// A Jsonnet program, parsed once (at start-up, so syntax errors are reported then) and evaluated many times.
/// Thread-safe: the syntax tree is immutable and each evaluation has its own state.
/// </summary>
internal sealed class JsonnetProgram
{
    /// <summary>Evaluation runs on its own thread with this much stack, so deep templates hit the frame limit, never the stack's end.</summary>
    const int EvaluationStackBytes = 16 * 1024 * 1024;

    readonly Node _root;
    readonly JsonnetLimits _limits;

    JsonnetProgram(Node root, string fileName, JsonnetLimits limits)
    {
        _root = root;
        FileName = fileName;
        _limits = limits;
    }

    public string FileName { get; }

    /// <exception cref="JsonnetException">The source does not parse, or uses an unknown variable or an import.</exception>
    public static JsonnetProgram Parse(string source, string fileName) => Parse(source, fileName, JsonnetLimits.Default);

    /// <inheritdoc cref="Parse(string, string)"/>
    public static JsonnetProgram Parse(string source, string fileName, JsonnetLimits limits)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(limits);
        return new JsonnetProgram(Syntax.Parser.Parse(source, fileName), fileName, limits);
    }

    /// <summary>
    /// Evaluates the program and returns its JSON as the <c>jsonnet</c> CLI prints it (sorted fields, three-space
    /// indent, final newline). A program whose value is a function is called with the top-level arguments.
    /// </summary>
    /// <exception cref="JsonnetException">Any evaluation failure; <see cref="JsonnetException.IsUserError"/> for <c>error</c>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public string Evaluate(JsonnetInputs? inputs = null, CancellationToken cancellationToken = default)
    {
        inputs ??= JsonnetInputs.None;
        string? result = null;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = Run(inputs, cancellationToken);
                }
#pragma warning disable CA1031 // Every failure is carried back to the caller's thread; none may end the process.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = e;
                }
            },
            EvaluationStackBytes) { IsBackground = true, Name = "jsonnet" };
        thread.Start();
        thread.Join();
        switch (failure)
        {
            case null:
                return result!;
            case JsonnetException or OperationCanceledException:
                ExceptionDispatchInfo.Throw(failure);
                return null;
            default:
                throw new JsonnetException($"{FileName}: evaluation failed: {failure.Message}", failure);
        }
    }

    string Run(JsonnetInputs inputs, CancellationToken cancellationToken)
    {
        var evaluator = new Evaluator(_limits, FileName, cancellationToken);
        foreach (var (name, text) in inputs.ExtStrings)
        {
            evaluator.AddExtVar(name, StringValue.Of(text));
        }

        foreach (var (name, code) in inputs.ExtCodes)
        {
            evaluator.AddExtVar(name, Code(evaluator, code, $"<extvar:{name}>"));
        }

        var value = evaluator.Evaluate(_root, evaluator.RootScope);
        if (value is FunctionValue function)
        {
            var arguments = new List<KeyValuePair<string, Thunk>>();
            arguments.AddRange(inputs.TlaStrings.Select(p => new KeyValuePair<string, Thunk>(p.Key, StringValue.Of(p.Value))));
            arguments.AddRange(inputs.TlaCodes.Select(p => new KeyValuePair<string, Thunk>(p.Key, Code(evaluator, p.Value, $"<top-level-arg:{p.Key}>"))));
            try
            {
                value = function.Invoke(evaluator, function.Match([], arguments), _root.At);
            }
            catch (JsonnetException e) when (e.Location is null)
            {
                throw e.At(_root.At);
            }
        }

        try
        {
            return JsonWriter.Write(value, JsonStyle.Cli) + "\n";
        }
        catch (JsonnetException e) when (e.Location is null)
        {
            throw e.At(_root.At);
        }
    }

    static PendingThunk Code(Evaluator evaluator, string code, string name) =>
        new(evaluator, new SourceLocation(name, 1, 1), () => evaluator.Evaluate(Syntax.Parser.Parse(code, name), evaluator.RootScope));
}
