// Objects: visibility, +: inheritance, self/super/$ late binding, locals, asserts, comprehensions.
local base = {
  name: 'base',
  hidden:: 'h',
  forced::: 'f',
  greeting: 'hello ' + self.name,
  list: [1],
  nested: { a: 1, b: { c: 2 } },
  root: $.name,
};
local child = base {
  name: 'child',
  hidden: 'now visible? no: inherits hidden',
  list+: [2],
  nested+: { b+: { d: 3 } },
  parentGreeting: super.greeting,
  hasHidden: 'hidden' in super,
  hasMissing: 'missing' in super,
};
local withDollar = { outer: 1, inner: { v: $.outer } };
{
  base: base,
  child: child,
  childHidden: child.hidden,
  forcedVisible: base { forced:: 'x' } { forced::: 'y' },
  plusOnMissing: {} + { a+: [1] },
  stringPlus: { s: 'a' } + { s+: 'b' },
  objectPlus: { o: { x: 1 } } + { o+: { y: 2 } },
  locals: {
    local two = 2,
    local double(x) = x * two,
    four: double(two),
    method(x, y=1):: x + y,
    callsMethod: self.method(1),
  },
  comprehension: { [k]: k + '!' for k in ['b', 'a'] },
  comprehensionWithLocal: { local suffix = '?', [k + '?']: std.length(k) + suffix for k in ['x', 'yy'] if k != 'zz' },
  comprehensionSelf: { [k]: self.base + k for k in ['1'] } + { base:: 'b' },
  nestedFor: { [a + b]: true for a in ['x', 'y'] for b in ['1', '2'] },
  assertOk: { assert self.a > 0 : 'a must be positive', a: 1 },
  dollar: withDollar,
  dollarLate: (withDollar + { outer: 5 }).inner.v,
  dollarTop: { v: $.emptyObject },
  emptyObject: {},
  applyBrace: base { name: 'brace' }.greeting,
  fieldsOrder: { b: 1, a: 2, C: 3, _: 4, '10': 5, '9': 6 },
  selfInNested: { x: 1, y: { z: 2 }, w: self.y.z + self.x },
}
