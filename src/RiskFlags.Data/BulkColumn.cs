using NpgsqlTypes;

namespace RiskFlags.Data;

/// <summary>A column of a bulk upsert: the entity property it maps to, and how to read it from a contract record.</summary>
internal sealed record BulkColumn<T>(string Property, Func<T, object?> Value, NpgsqlDbType PostgresType);
