using System.Security.Cryptography;
using System.Text;
using Tessera.Jsonnet.Evaluation;

namespace Tessera.Jsonnet.Std;

internal static partial class StdLibrary
{
    static void DefineEncodings(Definer std)
    {
        std.Function("base64", ["input"], a => Str(Convert.ToBase64String(Bytes(a, 0))));
        // Jsonnet strings hold code points; base64Decode gives one code point per decoded byte (Latin-1), as the CLI does.
        std.Function("base64Decode", ["str"], a => Str(Encoding.Latin1.GetString(Base64(a))));
        std.Function("base64DecodeBytes", ["str"], a => Arr(Base64(a).Select(b => (Thunk)NumberValue.Of(b))));
        std.Function("encodeUTF8", ["str"], a => Arr(Encoding.UTF8.GetBytes(a.String(0)).Select(b => (Thunk)NumberValue.Of(b))));
        std.Function("decodeUTF8", ["arr"], a => Str(Encoding.UTF8.GetString(Bytes(a, 0))));
        std.Function("md5", ["s"], a => Str(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(a.String(0))))));
        std.Function("sha1", ["s"], a => Str(Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(a.String(0))))));
        std.Function("sha256", ["s"], a => Str(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(a.String(0))))));
        std.Function("sha512", ["s"], a => Str(Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(a.String(0))))));
        std.Function("sha3", ["s"], a => SHA3_512.IsSupported
            ? Str(Convert.ToHexStringLower(SHA3_512.HashData(Encoding.UTF8.GetBytes(a.String(0)))))
            : throw a.Error("SHA3-512 is not available on this platform"));
    }

    /// <summary>A string of code points 0–255 or an array of such numbers, as bytes.</summary>
    static byte[] Bytes(BuiltinArguments a, int index)
    {
        switch (a[index])
        {
            case StringValue s:
                var text = s.Value;
                var bytes = new byte[text.Length];
                for (var i = 0; i < text.Length; i++)
                {
                    bytes[i] = text[i] <= 255 ? (byte)text[i] : throw a.Error("can only base64 encode strings / arrays of single bytes");
                }

                return bytes;
            case ArrayValue array:
                return [.. array.Items.Select(i => i.Force() is NumberValue { Value: >= 0 and <= 255 } n && n.Value == Math.Floor(n.Value)
                    ? (byte)n.Value
                    : throw a.Error("expected an array of numbers from 0 to 255"))];
            case var other:
                throw a.TypeError(index, "a string or an array of bytes", other);
        }
    }

    static byte[] Base64(BuiltinArguments a)
    {
        try
        {
            return Convert.FromBase64String(a.String(0));
        }
        catch (FormatException)
        {
            throw a.Error("the input is not valid base64");
        }
    }
}
