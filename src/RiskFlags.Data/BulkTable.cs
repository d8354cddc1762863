using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace RiskFlags.Data;

/// <summary>
/// A table as the bulk writers see it. Table and column names come from the EF model, so the raw
/// SQL of the bulk path can never drift from the migrations.
/// </summary>
internal sealed class BulkTable<T>
{
    public BulkTable(DbContext db, Type entity, IReadOnlyList<BulkColumn<T>> columns)
    {
        var type = db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not in the model");
        var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        Name = type.GetTableName()!;
        Columns = columns;
        ColumnNames = [.. columns.Select(c => type.FindProperty(c.Property)!.GetColumnName(store)!)];
        KeyNames = [.. type.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(store)!)];
    }

    public string Name { get; }

    public IReadOnlyList<BulkColumn<T>> Columns { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public IReadOnlyList<string> KeyNames { get; }

    public IEnumerable<string> ValueNames => ColumnNames.Except(KeyNames);
}
