using System.Text;
using Tessera.Jsonnet.Evaluation;

namespace Tessera.Jsonnet.Output;

/// <summary><c>std.manifestPython</c> and <c>std.manifestPythonVars</c>: Python literals (True, False, None).</summary>
internal static class PythonWriter
{
    public static string Write(Value value)
    {
        var output = new StringBuilder();
        Write(output, value);
        return output.ToString();
    }

    public static string WriteVariables(ObjectValue conf)
    {
        var output = new StringBuilder();
        foreach (var name in conf.FieldNames(includeHidden: false))
        {
            output.Append(name).Append(" = ");
            Write(output, conf.Get(name));
            output.Append('\n');
        }

        return output.ToString();
    }

    static void Write(StringBuilder output, Value value)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw JsonnetException.Runtime("max stack frames exceeded: the value is nested too deeply to manifest", null);
        }

        switch (value)
        {
            case NullValue:
                output.Append("None");
                break;
            case BooleanValue b:
                output.Append(b.Value ? "True" : "False");
                break;
            case FunctionValue:
                throw JsonnetException.Runtime("couldn't manifest function as Python", null);
            case ArrayValue array:
                output.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    output.Append(i > 0 ? ", " : "");
                    Write(output, array[i]);
                }

                output.Append(']');
                break;
            case ObjectValue obj:
            {
                output.Append('{');
                var first = true;
                foreach (var name in obj.FieldNames(includeHidden: false))
                {
                    output.Append(first ? "" : ", ").Append(JsonWriter.Escape(name)).Append(": ");
                    Write(output, obj.Get(name));
                    first = false;
                }

                output.Append('}');
                break;
            }

            default:
                output.Append(JsonWriter.Write(value, JsonStyle.Text));
                break;
        }
    }
}
