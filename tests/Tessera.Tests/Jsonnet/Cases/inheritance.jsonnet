// Late binding of self through several layers, super chains, visibility overrides and assertions with inheritance.
local A = { x: 1, y: self.x * 10, who: 'A', describe():: 'I am ' + self.who };
local B = A { x: 2, who: 'B', parent: super.who, chain: super.describe() };
local C = B { x: 3, who: 'C', parent2: super.parent, superY: super.y };
local Checked = { assert self.limit >= self.value : 'value over limit', limit: 10, value: 1 };
{
  a: A,
  b: B,
  c: C,
  describe: [A.describe(), B.describe(), C.describe()],
  hideLater: { a: 1, b: 2 } + { a:: 3 },
  showAgain: ({ a: 1 } + { a:: 3 }) + { a::: 4 },
  inheritHidden: ({ a:: 1 } + { a: 2 }),
  inheritHiddenValue: ({ a:: 1 } + { a: 2 }).a,
  checkedOverride: (Checked { value: 5 }).value,
  deepPlus: { a: { b: { c: [1] } } } + { a+: { b+: { c+: [2], d: 'x' } } },
  plusThroughLayers: { n: 1 } + { n+: 1 } + { n+: 1 },
  selfInMethod: { base: 5, f(x):: self.base + x, r: self.f(1) } + { base: 100 },
  superInComprehension: { a: 1, b: 2 } + { [k]: super[k] * 10 for k in ['a', 'b'] },
  superFieldMissing: { x: 'x' in super },
  localSeesSelf: { local me = self, a: 1, b: me.a + 1 } + { a: 41 },
  nestedSuper: { o: { v: 1 } } + { o+: { w: super.v + 1 } },
  objectFieldsHidden: std.objectFields({ a: 1, b:: 2 } + { b: 3, c::: 4 }),
  equalityIgnoresHidden: ({ a: 1, h:: 2 } == { a: 1 }),
  escapedKeys: { 'a"b': 1, 'new\nline': 2, 'é': 3 },
}
