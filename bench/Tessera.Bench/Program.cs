// The benchmark harness arrives with the performance issue; until then it only says so.
Console.Error.WriteLine("Tessera.Bench: no scenarios yet; see docs/benchmarks.md.");
return 2;
