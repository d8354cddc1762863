using System.Text;
using RiskFlags.Core.Rules;

namespace RiskFlags.Core.Tests.Fuzz;

/// <summary>
/// Seeded random damage to the shipped rule files (bytes, tokens, keys, values, numbers, reasons):
/// the loader either loads the set or refuses it with problems that each name a file, and never
/// throws anything else.
/// </summary>
public sealed class RuleLoaderFuzzTests : IDisposable
{
    public const int Cases = 400;

    private static readonly string[] Tokens =
    [
        "\"", "{", "}", "[", "]", ",", ":", "null", "true", "-1", "1e308", "NaN", "\"\"", "facts.", ".Value", "{facts.MotherAge.Value}",
        "evidence.Has(\"X\")", "{{", "}}", "{", "1/0", "facts.MotherAge > 0", "\\u0000", "Experssion", "RuleName", "Pathways",
    ];

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Damaged_rule_files_are_loaded_or_refused_naming_the_file_never_anything_else()
    {
        var shipped = RuleFolders.CopyShipped(folder);
        var files = Directory.GetFiles(shipped, "*.json").Order(StringComparer.Ordinal).ToArray();
        var originals = files.ToDictionary(f => f, File.ReadAllText);
        var random = new Random(20_261_202);
        var (loaded, refused) = (0, 0);
        for (var n = 0; n < Cases; n++)
        {
            var target = files[random.Next(files.Length)];
            foreach (var (file, text) in originals)
            {
                File.WriteAllText(file, file == target ? Damage(text, random) : text, new UTF8Encoding(false));
            }

            try
            {
                _ = RuleSetLoader.Load(shipped);
                loaded++;
            }
            catch (RuleSetException e)
            {
                refused++;
                Assert.NotEmpty(e.Problems);
                Assert.All(e.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.File), $"case {n}: {p}"));
                Assert.All(e.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message), $"case {n}: {p}"));
            }
        }

        Assert.True(refused > Cases / 4, $"{refused} of {Cases} refused: the damage should break most sets");
        Assert.True(loaded > 0, "some damage (a changed threshold, a reworded reason) leaves a valid set");
    }

    private static string Damage(string text, Random random)
    {
        var builder = new StringBuilder(text);
        for (var k = random.Next(1, 3); k > 0; k--)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(4))
            {
                case 0:
                    builder.Insert(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 1:
                    builder.Remove(at, Math.Min(random.Next(1, 12), builder.Length - at));
                    break;
                case 2:
                    // A number changed: what an analyst's threshold edit looks like.
                    var digit = builder.ToString().IndexOfAny("0123456789".ToCharArray(), at);
                    if (digit >= 0)
                    {
                        builder[digit] = (char)('0' + random.Next(10));
                    }

                    break;
                default:
                    builder.Insert(at, (char)random.Next(32, 127));
                    break;
            }
        }

        return builder.ToString();
    }
}
