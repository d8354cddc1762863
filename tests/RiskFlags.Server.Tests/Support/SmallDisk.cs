using System.Diagnostics;

namespace RiskFlags.Server.Tests.Support;

/// <summary>
/// A small file system of a test's own (tmpfs), which the test can fill to the last byte to see what
/// the store does when its disk is full. Needs mount rights (root, as CI runs); skipped without them.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private readonly TempFolder folder = new();
    private bool mounted;

    private SmallDisk(int megabytes)
    {
        Path = folder.File("disk");
        Directory.CreateDirectory(Path);
        mounted = Run("mount", $"-t tmpfs -o size={megabytes}m tmpfs {Path}") == 0;
    }

    public string Path { get; }

    public bool Available => mounted;

    public const string SkipReason = "needs to mount a tmpfs (root with CAP_SYS_ADMIN, as CI runs)";

    public static SmallDisk Create(int megabytes) => new(megabytes);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a filler file until the disk has no byte left.</summary>
    public void Fill()
    {
        // Unbuffered, so that nothing is left to write (and fail) when it is closed.
        using var filler = new FileStream(File("filler"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                filler.Write(block);
            }
        }
        catch (IOException)
        {
            // ENOSPC: the disk is full, which is the point.
        }

        // What is left is smaller than a block: fill that too, a byte at a time.
        try
        {
            while (true)
            {
                filler.Write([0]);
            }
        }
        catch (IOException)
        {
            // Full to the last byte.
        }
    }

    public void Free() => System.IO.File.Delete(File("filler"));

    public void Dispose()
    {
        if (mounted)
        {
            Run("umount", $"-l {Path}");
            mounted = false;
        }

        folder.Dispose();
    }

    private static int Run(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
