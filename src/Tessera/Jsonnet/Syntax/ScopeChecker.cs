namespace Tessera.Jsonnet.Syntax;

/// <summary>
/// The spec's static checks, done once at parse time so they are start-up errors: every variable is bound, and
/// <c>self</c>, <c>super</c> and <c>$</c> appear only inside an object.
/// </summary>
internal static class ScopeChecker
{
    public static void Check(Node root) => Visit(root, Scope.Root, inObject: false);

    sealed class Scope(Scope? parent, IEnumerable<string> names)
    {
        public static readonly Scope Root = new(null, ["std"]);

        readonly HashSet<string> _names = [.. names];

        public bool Has(string name) => _names.Contains(name) || (parent?.Has(name) ?? false);

        public Scope With(IEnumerable<string> names) => new(this, names);
    }

    static void Visit(Node node, Scope scope, bool inObject)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw JsonnetException.Static("the expression is nested too deeply", node.At);
        }

        switch (node)
        {
            case Node.Literal:
                break;
            case Node.Self self when !inObject:
                throw JsonnetException.Static("self cannot be used outside of an object", self.At);
            case Node.Dollar dollar when !inObject:
                throw JsonnetException.Static("$ cannot be used outside of an object", dollar.At);
            case Node.Self or Node.Dollar:
                break;
            case Node.Var v when !scope.Has(v.Name):
                throw JsonnetException.Static($"unknown variable: {v.Name}", v.At);
            case Node.Var:
                break;
            case Node.Local local:
            {
                var inner = scope.With(local.Bindings.Select(b => b.Name));
                foreach (var binding in local.Bindings)
                {
                    Visit(binding.Body, inner, inObject);
                }

                Visit(local.Body, inner, inObject);
                break;
            }

            case Node.If @if:
                Visit(@if.Condition, scope, inObject);
                Visit(@if.Then, scope, inObject);
                if (@if.Else is not null)
                {
                    Visit(@if.Else, scope, inObject);
                }

                break;
            case Node.Function function:
            {
                var inner = scope.With(function.Parameters.Select(p => p.Name));
                foreach (var parameter in function.Parameters.Where(p => p.Default is not null))
                {
                    Visit(parameter.Default!, inner, inObject);
                }

                Visit(function.Body, inner, inObject);
                break;
            }

            case Node.Apply apply:
                Visit(apply.Target, scope, inObject);
                foreach (var argument in apply.Positional)
                {
                    Visit(argument, scope, inObject);
                }

                foreach (var argument in apply.Named)
                {
                    Visit(argument.Value, scope, inObject);
                }

                break;
            case Node.Index index:
                Visit(index.Target, scope, inObject);
                Visit(index.Key, scope, inObject);
                break;
            case Node.SuperIndex or Node.InSuper when !inObject:
                throw JsonnetException.Static("super cannot be used outside of an object", node.At);
            case Node.SuperIndex superIndex:
                Visit(superIndex.Key, scope, inObject);
                break;
            case Node.InSuper inSuper:
                Visit(inSuper.Key, scope, inObject);
                break;
            case Node.Slice slice:
                Visit(slice.Target, scope, inObject);
                foreach (var part in new[] { slice.Start, slice.End, slice.Step })
                {
                    if (part is not null)
                    {
                        Visit(part, scope, inObject);
                    }
                }

                break;
            case Node.Binary binary:
                Visit(binary.Left, scope, inObject);
                Visit(binary.Right, scope, inObject);
                break;
            case Node.Unary unary:
                Visit(unary.Operand, scope, inObject);
                break;
            case Node.Array array:
                foreach (var element in array.Elements)
                {
                    Visit(element, scope, inObject);
                }

                break;
            case Node.ArrayComprehension comprehension:
                Visit(comprehension.Body, VisitClauses(comprehension.Clauses, scope, inObject), inObject);
                break;
            case Node.Object obj:
            {
                // Field names are evaluated outside the object: they cannot see its locals or self.
                foreach (var field in obj.Fields)
                {
                    Visit(field.Name, scope, inObject);
                }

                var inner = scope.With(obj.Locals.Select(b => b.Name));
                foreach (var binding in obj.Locals)
                {
                    Visit(binding.Body, inner, inObject: true);
                }

                foreach (var field in obj.Fields)
                {
                    Visit(field.Body, inner, inObject: true);
                }

                foreach (var assertion in obj.Asserts)
                {
                    Visit(assertion.Condition, inner, inObject: true);
                    if (assertion.Message is not null)
                    {
                        Visit(assertion.Message, inner, inObject: true);
                    }
                }

                break;
            }

            case Node.ObjectComprehension comprehension:
            {
                var loop = VisitClauses(comprehension.Clauses, scope, inObject);
                Visit(comprehension.Key, loop, inObject);
                var inner = loop.With(comprehension.Locals.Select(b => b.Name));
                foreach (var binding in comprehension.Locals)
                {
                    Visit(binding.Body, inner, inObject: true);
                }

                Visit(comprehension.Value, inner, inObject: true);
                break;
            }

            case Node.Error error:
                Visit(error.Value, scope, inObject);
                break;
            case Node.Assert assert:
                Visit(assert.Assertion.Condition, scope, inObject);
                if (assert.Assertion.Message is not null)
                {
                    Visit(assert.Assertion.Message, scope, inObject);
                }

                Visit(assert.Rest, scope, inObject);
                break;
            default:
                throw new InvalidOperationException("unknown node " + node.GetType().Name);
        }
    }

    static Scope VisitClauses(IReadOnlyList<ComprehensionClause> clauses, Scope scope, bool inObject)
    {
        foreach (var clause in clauses)
        {
            Visit(clause.Expression, scope, inObject);
            if (clause.Variable is not null)
            {
                scope = scope.With([clause.Variable]);
            }
        }

        return scope;
    }
}
