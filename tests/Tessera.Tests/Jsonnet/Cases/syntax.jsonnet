# Hash comment
/* block
   comment */
local std2 = std;  // line comment
local f(x,) = x;
local g = function(a, b=2,) a + b;
{
  trailingCommas: [f(1,), g(1,), { a: 1, }],
  shadowedStd: local std = { length(x):: 'mine' }; std.length([1]),
  aliasStd: std2.length([1, 2]),
  operatorsGlued: [1+-1, 2*-3, !!true, 1<2==true, -(-1), ~~5],
  fieldColonMinus: {a:-1, b::-2, c+:-3},
  sliceGlued: [[1, 2, 3][::-1 + 2], 'abc'[1::]],
  nestedTextBlock: {
    text: |||
      line with ||| inside
        and {braces}
    |||,
  },
  stringKeysAndMethods: { 'with space'(x):: x, call: self['with space'](3) },
  computedFromLocal: local k = 'key'; { [k]: 1, [k + '2']: 2 },
  objectLocalUsesOuter: local outer = 5; { local inner = outer * 2, v: inner },
  indexChain: { a: [{ b: { c: ['deep'] } }] }.a[0].b.c[0],
  ifInArray: [if true then 'yes', if false then 'no'],
  errorInElse: if true then 'ok' else error 'no',
  assertChain: assert true; assert 1 < 2 : 'msg'; 'done',
  functionField: { f: function(x) x * 2 }.f(21),
  verbatimEscapes: @'\n stays \t',
  numbersEdge: [1e-7, 5e-324, 1.7976931348623157e308, 9007199254740993, 0.1 + 0.2, 100 / 3],
  unicodeEscapes: '\u00e9\u4e2d\ud83d\ude00',
  emptyString: '',
  deepEquals: [{ a: [1, { b: null }] } == { a: [1, { b: null }] }, [1, 2] != [2, 1]],
}
