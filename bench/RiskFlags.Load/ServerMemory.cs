using System.Globalization;

namespace RiskFlags.Load;

/// <summary>The server's resident memory, read from /proc: what a soak watches for growth.</summary>
public static class ServerMemory
{
    public static double? ResidentMegabytes(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/status"))
        {
            return null;
        }

        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
