using RiskFlags.Core.Collections;

namespace RiskFlags.Core.Tests.Collections;

public class IdTableTests
{
    [Fact]
    public void Ids_are_numbered_in_the_order_they_were_added_and_found_exactly()
    {
        var table = new IdTable();
        Assert.Equal(0, table.Add("F1"));
        Assert.Equal(1, table.Add("F2"));
        Assert.Equal(0, table.Add("F1"));
        Assert.Equal(2, table.Count);
        Assert.True(table.TryFind("F2", out var ordinal));
        Assert.Equal(1, ordinal);
        Assert.False(table.Contains("F3"));
        Assert.False(table.Contains("f1"));
        Assert.False(table.Contains("F"));
    }

    [Fact]
    public void A_large_table_agrees_with_a_hash_set_of_the_same_random_ids()
    {
        var random = new Random(20261201);
        var table = new IdTable();
        var reference = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 200_000; i++)
        {
            // Short ids from a small alphabet, so many repeat and many share prefixes.
            var id = new string([.. Enumerable.Range(0, random.Next(1, 7)).Select(_ => "ab:-_.9Z"[random.Next(8)])]);
            var ordinal = table.Add(id);
            Assert.Equal(reference.TryAdd(id, reference.Count) ? reference.Count - 1 : reference[id], ordinal);
        }

        Assert.Equal(reference.Count, table.Count);
        foreach (var (id, ordinal) in reference)
        {
            Assert.True(table.TryFind(id, out var found));
            Assert.Equal(ordinal, found);
        }

        Assert.False(table.Contains("not-there-at-all"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("café")]
    public void What_cannot_be_an_identifier_is_never_found_and_cannot_be_added(string id)
    {
        var table = new IdTable();
        Assert.False(table.Contains(id));
        var error = Assert.Throws<ArgumentException>(() => table.Add(id));
        Assert.Contains("not a contract identifier", error.Message);
    }

    [Fact]
    public void An_id_longer_than_the_contract_allows_is_refused()
    {
        var table = new IdTable();
        Assert.Equal(0, table.Add(new string('x', 64)));
        Assert.Throws<ArgumentException>(() => table.Add(new string('x', 65)));
        Assert.False(table.Contains(new string('x', 65)));
    }
}
