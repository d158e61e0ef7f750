local value = { a: 1, b: [1, { x: 2 }, []], c: {}, d: 'multi\nline\n', e: 'x"y', f: null, g: true, h:: 'hidden' };
{
  json: std.manifestJson(value),
  jsonEx: std.manifestJsonEx(value, '  '),
  jsonExCustom: std.manifestJsonEx({ a: 1, b: [2] }, '\t', '\n', ' = '),
  minified: std.manifestJsonMinified(value),
  yaml: std.manifestYamlDoc(value),
  yamlNested: std.manifestYamlDoc({ a: 1, b: [1, [2, 3], { x: 2, y: [] }, 's\nt\n', ''], c: {}, d: [], e: 'x\ny\n', f: { g: { h: 'true' } }, 'k y': null, '1': true }),
  yamlIndentUnquoted: std.manifestYamlDoc({ a: 1, b: [1, [2, 3]], n: { m: [1] } }, true, false),
  yamlKeys: std.manifestYamlDoc({ 'true': 1, 'a-b': 2, 'a.b': 3, y: 4, Yes: 5, '-a': 7, '': 8, 'a b': 9, 'null': 10, _x: 11, 'x:y': 12, 'a/b': 13, '1': 14, '0x1': 15, '1.5': 16, on: 17 }, false, false),
  yamlArrays: std.manifestYamlDoc([[], {}, [[1]], 'a\nb', 'a\n', '\n', null, { a: {} }, [{ a: 1, b: 2 }]]),
  yamlScalar: [std.manifestYamlDoc('top'), std.manifestYamlDoc(1.5), std.manifestYamlDoc(null)],
  yamlStream: [std.manifestYamlStream([1, { a: 2 }]), std.manifestYamlStream([1, 2], false, false)],
  python: std.manifestPython({ a: true, b: [null, 1.5, 'x'], c: {}, d: [] }),
  pythonVars: std.manifestPythonVars({ a: true, b: [null, 1.5, 'x'] }),
  ini: std.manifestIni({ main: { a: 1, b: [1, 'x'] }, sections: { s1: { c: 'd' }, s0: {} } }),
  iniNoMain: std.manifestIni({ sections: { s: { b: null, c: [1, 2] } } }),
  xml: std.manifestXmlJsonml(['svg', { height: 100 }, ['circle', { cx: 50 }], 'text', ['g']]),
}
