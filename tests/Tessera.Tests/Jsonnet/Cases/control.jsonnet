// local, if/then/else, assert, error not fired when unused.
local x = 5, y = x * 2;
{
  ifThen: if x > 3 then 'big' else 'small',
  ifWithoutElse: if x > 10 then 'never',
  nestedIf: if x == 1 then 'one' else if x == 5 then 'five' else 'other',
  assertPasses: assert x == 5 : 'x is five'; 'ok',
  localChain: local a = 1; local b = a + 1; [a, b, y],
  shadow: local x = 'inner'; x,
  unusedError:: error 'hidden fields are never manifested',
  unusedLocal: local boom = error 'unused'; 'fine',
  conditionalField: { [if x > 1 then 'present']: true, [if x > 10 then 'absent']: true },
}
