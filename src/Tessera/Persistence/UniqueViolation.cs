namespace Tessera.Persistence;

/// <summary>A write hit a unique constraint: answered as Kratos's 409, never as a 500.</summary>
internal sealed class UniqueViolation(Exception inner) : Exception("a unique constraint was violated", inner);
