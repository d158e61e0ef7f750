{
  base64: [std.base64('hello'), std.base64('é'), std.base64([1, 2, 255]), std.base64('')],
  base64Decode: [std.base64Decode('aGVsbG8='), std.base64Decode('w6k=')],
  base64DecodeBytes: std.base64DecodeBytes('AQL/'),
  md5: [std.md5('abc'), std.md5('')],
  utf8: [std.encodeUTF8('é😀'), std.decodeUTF8([195, 169, 240, 159, 152, 128])],
}
