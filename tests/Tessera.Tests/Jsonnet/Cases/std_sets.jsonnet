{
  set: [std.set([3, 1, 2, 1]), std.set(['b', 'a', 'b'])],
  setKeyed: std.set([{ n: 2 }, { n: 1 }, { n: 2 }], function(o) o.n),
  inter: std.setInter([1, 2, 3], [2, 3, 4]),
  union: std.setUnion([1, 3], [2, 3]),
  diff: std.setDiff([1, 2, 3], [2]),
  member: [std.setMember(2, [1, 2, 3]), std.setMember(5, [1, 2, 3])],
  keyedUnion: std.setUnion([{ n: 1, s: 'a' }], [{ n: 1, s: 'b' }, { n: 2, s: 'c' }], function(o) o.n),
}
