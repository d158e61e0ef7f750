// Literals: numbers as doubles, every string form, null/true/false.
{
  numbers: [0, 1, -1, 1.5, 1e3, 1E-3, 2.5e+2, 0.1, 1 / 3, 1e20, 123456789012, 3.14159, -0, 1e300],
  constants: [null, true, false],
  double: "a\"b\\c\/d\be\ff\ng\rh\ti\u00e9\u0001",
  single: 'it\'s "quoted"',
  verbatim: @'C:\path\to ''x''',
  verbatimDouble: @"say ""hi"" \n",
  unicode: "é 😀 \ud83d\ude00",
  block: |||
    first line
      indented
    last
  |||,
  blockWithBlank: |||
    a

    b
  |||,
  [if true then 'computed' else 'x']: 1,
  [null]: 'omitted',
  'quoted field': 2,
}
