namespace RiskFlags.Core.Hosting;

/// <summary>Reads a file whole, but never more than a cap: a device or a file that never ends is refused, not read into memory.</summary>
public static class BoundedFile
{
    /// <exception cref="IOException">The file is longer than <paramref name="maximumBytes"/> (or not a regular file), or cannot be read.</exception>
    public static byte[] Read(string path, long maximumBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var bytes = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            bytes.Write(buffer, 0, read);
            if (bytes.Length > maximumBytes)
            {
                throw new IOException($"is larger than {maximumBytes / (1 << 20):N0} MB (or not a regular file)");
            }
        }

        return bytes.ToArray();
    }
}
