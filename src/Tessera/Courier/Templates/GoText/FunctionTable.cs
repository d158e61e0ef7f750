namespace Tessera.Courier.Templates.GoText;

/// <summary>
/// The functions a template can call: text/template's builtins plus the Sprig functions Tessera implements. Names
/// Sprig has but Tessera does not fail at parse time with "not supported", so a template that needs one is refused
/// at start-up rather than when a message is sent.
/// </summary>
internal static class FunctionTable
{
    static readonly Dictionary<string, GoFunction> Functions = Build();

    // Sprig v3 functions not implemented: randomness, crypto, regular expressions (Go's RE2 differs from .NET's),
    // semver, network, paths, decimal maths and mergo-based merging.
    static readonly HashSet<string> UnsupportedSprig = new(StringComparer.Ordinal)
    {
        "ago", "date_modify", "dateModify", "must_date_modify", "mustDateModify", "duration", "durationRound",
        "abbrevboth", "randAlphaNum", "randAlpha", "randAscii", "randNumeric", "randSeededNumeric", "swapcase", "shuffle",
        "snakecase", "camelcase", "kebabcase", "wrap", "wrapWith", "adler32sum", "seq", "toDecimal", "untilStep",
        "randInt", "add1f", "addf", "subf", "divf", "mulf", "maxf", "minf", "ceil", "floor", "round", "deepCopy",
        "mustDeepCopy", "typeIsLike", "getHostByName", "base", "dir", "clean", "ext", "isAbs", "osBase", "osClean",
        "osDir", "osExt", "osIsAbs", "b32enc", "b32dec", "merge", "mergeOverwrite", "mustMerge", "mustMergeOverwrite",
        "chunk", "mustChunk", "bcrypt", "htpasswd", "genPrivateKey", "derivePassword", "buildCustomCert", "genCA",
        "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey",
        "encryptAES", "decryptAES", "randBytes", "uuidv4", "semver", "semverCompare", "regexMatch", "mustRegexMatch",
        "regexFindAll", "mustRegexFindAll", "regexFind", "mustRegexFind", "regexReplaceAll", "mustRegexReplaceAll",
        "regexReplaceAllLiteral", "mustRegexReplaceAllLiteral", "regexSplit", "mustRegexSplit", "regexQuoteMeta",
        "urlParse", "urlJoin",
    };

    public static GoFunction? Find(string name) => Functions.GetValueOrDefault(name);

    public static bool IsUnsupportedSprig(string name) => UnsupportedSprig.Contains(name);

    /// <summary>The builtins whose arguments are evaluated lazily (and, or) are special-cased by the executor.</summary>
    public static bool IsShortCircuit(GoFunction function) => function.Name is "and" or "or" && ReferenceEquals(Find(function.Name), function);

    static Dictionary<string, GoFunction> Build()
    {
        var table = new Dictionary<string, GoFunction>(StringComparer.Ordinal);
        Builtins.Register(table);

        // Sprig's map is added after the builtins, as Kratos's Funcs(sprig…) does: its "slice" replaces Go's.
        Sprig.Register(table);
        return table;
    }

    public static void Add(Dictionary<string, GoFunction> table, string name, Func<FunctionContext, object?[], object?> body, params ParamKind[] parameters) =>
        table[name] = new GoFunction(name, parameters, null, body);

    public static void AddVariadic(
        Dictionary<string, GoFunction> table, string name, ParamKind variadic, Func<FunctionContext, object?[], object?> body, params ParamKind[] parameters) =>
        table[name] = new GoFunction(name, parameters, variadic, body);
}
