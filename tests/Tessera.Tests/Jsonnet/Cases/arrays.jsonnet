// Arrays: comprehensions, slices, indexing, concatenation, laziness.
local arr = [1, 2, 3, 4, 5, 6];
{
  comprehension: [x * 2 for x in arr if x % 2 == 0],
  nested: [[x, y] for x in [1, 2] for y in ['a', 'b']],
  dependent: [y for x in [[1, 2], [3]] for y in x],
  slices: [arr[1:3], arr[:2], arr[4:], arr[::2], arr[1::2], arr[1:5:3], arr[10:], arr[:], 'hello'[1:3], 'héllo😀x'[3:]],
  index: [arr[0], arr[5], 'abc'[2], '😀b'[0]],
  concat: [1] + [2, 3] + [],
  lazy: [error 'never', 42][1],
  lazyLength: std.length([error 'a', error 'b']),
  trailingComma: [1, 2,],
  equality: [[1, [2]] == [1, [2]], [1] == [1, 2], [] == []],
  compare: [[1, 2] < [1, 3], [1] < [1, 0], [2] > [1, 9], 'a' < 'b', 'B' < 'a', 'é' > 'z'],
}
