{
  basic: [std.abs(-2), std.sign(-3), std.sign(0), std.sign(2.5), std.pow(2, 10), std.pow(2, 0.5), std.floor(-1.5), std.ceil(1.2), std.sqrt(16)],
  transcendental: [std.exp(1), std.log(10), std.sin(1), std.cos(0), std.tan(1), std.asin(1), std.acos(0), std.atan(1)],
  frexp: [std.mantissa(8), std.exponent(8), std.mantissa(0), std.exponent(0), std.mantissa(-3), std.exponent(0.1)],
  clamp: [std.clamp(5, 1, 3), std.clamp(-1, 0, 3), std.clamp(2, 0, 3)],
  modulo: [std.modulo(-7, 3), std.modulo(7, -3), 5.5 % 2],
}
