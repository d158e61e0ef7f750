{
  full: std.manifestTomlEx({ a: 1, b: 'x', c: [1, 2], d: { e: true, f: { g: 'h' } }, h: [{ i: 1 }, { i: 2, j: { k: 1 } }], 'k y': 1.5, j: [], m: [[1, 2], { x: 1 }], n: {} }, '  '),
  nested: std.manifestToml({ a: { b: { c: 1 } }, d: 2, e: [{ f: [{ g: 1 }] }] }),
  keys: std.manifestToml({ s: 'multi\nline', t: 'q"uote', 'a.b': 1, '': 2, 'é': 3 }),
  inlineArrays: std.manifestToml({ a: [1, [2, 3], { x: 1 }, 's'] }),
  empty: [std.manifestToml({}), std.manifestToml({ a: {} }), std.manifestToml({ arr: [{}] })],
  tabs: std.manifestTomlEx({ t: { u: [1] } }, '\t'),
}
