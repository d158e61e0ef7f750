// Functions: defaults, named arguments, closures, recursion, higher order.
local add(a, b=10) = a + b;
local fib(n) = if n < 2 then n else fib(n - 1) + fib(n - 2);
local counter = { make(start):: function(step=1) start + step };
local compose(f, g) = function(x) f(g(x));
local isEven(n) = if n == 0 then true else isOdd(n - 1), isOdd(n) = if n == 0 then false else isEven(n - 1);
local defaults(x, y=x * 2, z=y + 1) = [x, y, z];
{
  positional: add(1, 2),
  default: add(1),
  named: add(b=1, a=5),
  mixed: add(1, b=3),
  fib: fib(15),
  closure: counter.make(10)(5),
  closureDefault: counter.make(10)(),
  composed: compose(function(x) x + 1, function(x) x * 2)(5),
  mutual: [isEven(10), isOdd(7)],
  defaultsSeeParams: defaults(1),
  defaultsOverridden: defaults(1, z=0),
  anonymous: (function(x) x * x)(7),
  unusedErrorArgument: (function(a, b) a)(1, error 'not evaluated'),
  tailStrictCall: add(1, 2) tailstrict,
  length: std.length(function(a, b, c=1) a),
  deepRecursion: local sum(n, acc) = if n == 0 then acc else sum(n - 1, acc + n); sum(100, 0),
}
