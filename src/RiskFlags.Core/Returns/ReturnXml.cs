using System.Xml;
using System.Xml.Linq;
using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Returns;

/// <summary>Reading a return's XML: safely (no DTDs, nothing fetched), with every element's line kept for errors.</summary>
public static class ReturnXml
{
    /// <exception cref="ContractFileException">The file is not well-formed XML; the message names its line and column.</exception>
    public static XDocument Load(string file)
    {
        try
        {
            using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new ContractFileException(Path.GetFileName(file), $"line {e.LineNumber}, column {e.LinePosition}: not well-formed XML: {e.Message}", e);
        }
    }

    /// <summary>Where a node is in its file (line, column); (0, 1) when it was not read from one.</summary>
    public static (long Line, int Column) PlaceOf(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (0, 1);

    /// <summary>A problem with a node, placed at its line and column.</summary>
    public static RowError Error(string file, XObject node, string field, string reason)
    {
        var (line, column) = PlaceOf(node);
        return new RowError(file, line, column, field, reason);
    }
}
