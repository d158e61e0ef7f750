using Tessera.Jsonnet.Syntax;

namespace Tessera.Jsonnet.Evaluation;

internal sealed partial class Evaluator
{
    ObjectValue BuildObject(Node.Object node, Scope scope)
    {
        var fields = new Dictionary<string, ObjectField>(node.Fields.Count, StringComparer.Ordinal);
        foreach (var field in node.Fields)
        {
            // Field names are evaluated where the object is written, not inside it; a null name leaves the field out.
            if (FieldName(field.Name, scope) is not { } name)
            {
                continue;
            }

            if (!fields.TryAdd(name, new ObjectField(field.Visibility, field.Plus, field.Body, scope)))
            {
                throw JsonnetException.Runtime($"duplicate field name: \"{name}\"", field.At);
            }
        }

        return new ObjectValue(this, [new ObjectLayer(fields, node.Locals, node.Asserts, scope)]);
    }

    ObjectValue BuildObject(Node.ObjectComprehension node, Scope scope)
    {
        var fields = new Dictionary<string, ObjectField>(StringComparer.Ordinal);
        ForEach(node.Clauses, 0, scope, iteration =>
        {
            if (FieldName(node.Key, iteration) is not { } name)
            {
                return;
            }

            if (!fields.TryAdd(name, new ObjectField(FieldVisibility.Inherit, node.Plus, node.Value, iteration)))
            {
                throw JsonnetException.Runtime($"duplicate field name: \"{name}\"", node.Key.At);
            }
        });
        return new ObjectValue(this, [new ObjectLayer(fields, node.Locals, ObjectLayer.NoAsserts, scope)]);
    }

    string? FieldName(Node nameNode, Scope scope)
    {
        if (nameNode is Node.Literal { Value: string fixedName })
        {
            return fixedName;
        }

        return Evaluate(nameNode, scope) switch
        {
            StringValue s => s.Value,
            NullValue => null,
            var other => throw JsonnetException.Runtime($"field name must be string, got {other.TypeName}", nameNode.At),
        };
    }
}
