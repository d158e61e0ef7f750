// Operators and precedence.
{
  arithmetic: [1 + 2 * 3, (1 + 2) * 3, 7 / 2, 7 % 3, -7 % 3, 7.5 % 2, 2 - 3 - 4, 2 * 3 % 4, -2 * -3, +5, - -1],
  comparison: [1 < 2, 2 <= 2, 3 > 4, 4 >= 4, 1 == 1.0, 'a' != 'b', null == null, {} == {}, { a: 1 } == { a: 1, b:: 2 }],
  logic: [true && false, true || error 'short-circuit', false && error 'short-circuit', !true, !false && true],
  bitwise: [5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 4, 256 >> 4, -16 >> 2],
  precedence: [1 + 2 << 1, 1 | 2 & 3, 1 == 1 && 2 > 1 || false, (3 & 1) == 1, 'a' in { a: 1 } == true],
  strings: ['a' + 'b', 'n' + 1, 1 + 'n', 'x' + null, 'o' + { a: [1, 'x'] }, 'arr' + [1, 2], true + ''],
  format: ['%d items' % 3, '%s-%s' % ['a', 'b'], '%(x)s=%(y)d' % { x: 'k', y: 2 }, '%%' % []],
  inObject: ['a' in { a: 1 }, 'h' in { h:: 1 }, 'z' in {}],
  unaryPrecedence: [-2 * 3, !true == false, -{ a: 2 }.a],
}
