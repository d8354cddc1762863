using RiskFlags.Core.Collections;

namespace RiskFlags.Core.Tests.Collections;

public class KeySetTests
{
    [Fact]
    public void Keys_including_zero_are_added_once_and_found()
    {
        var set = new KeySet();
        Assert.True(set.Add(0));
        Assert.False(set.Add(0));
        Assert.True(set.Add(42));
        Assert.False(set.Add(42));
        Assert.True(set.Contains(0));
        Assert.True(set.Contains(42));
        Assert.False(set.Contains(43));
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void Sequential_pairs_and_random_keys_agree_with_a_hash_set()
    {
        var random = new Random(7);
        var set = new KeySet();
        var reference = new HashSet<ulong>();
        for (var person = 0; person < 300; person++)
        {
            for (var family = 0; family < 300; family++)
            {
                var key = KeySet.Pair(person, family);
                Assert.Equal(reference.Add(key), set.Add(key));
            }
        }

        for (var i = 0; i < 100_000; i++)
        {
            var key = (ulong)random.NextInt64() % 50_000;
            Assert.Equal(reference.Add(key), set.Add(key));
        }

        Assert.Equal(reference.Count, set.Count);
        Assert.All(reference, key => Assert.True(set.Contains(key)));
        Assert.False(set.Contains(KeySet.Pair(300, 0)));
    }

    [Fact]
    public void A_pair_keeps_its_two_numbers_apart()
    {
        Assert.NotEqual(KeySet.Pair(1, 2), KeySet.Pair(2, 1));
        Assert.Equal(0x0000_0001_0000_0002UL, KeySet.Pair(1, 2));
    }
}
