using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace RiskFlags.Data;

/// <summary>
/// One instance of <typeparamref name="T"/> (a set of compiled queries) per EF model. A compiled query
/// is bound to the model it first runs against, and a process can hold several: one per provider, and
/// one per service provider (each server a test starts, say), so a single static set would fail.
/// </summary>
internal sealed class PerModel<T>(Func<T> create)
    where T : class
{
    private readonly ConditionalWeakTable<IModel, T> byModel = [];

    public T For(DbContext db) => byModel.GetValue(db.Model, _ => create());
}
