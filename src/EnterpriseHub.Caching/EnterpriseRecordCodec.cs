using System.Text;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Caching;

/// <summary>
/// An enterprise's profile as cache bytes: exact (times as UTC ticks, attributes as the stored JSON
/// text), compact, and versioned so that a hub of another release never misreads an entry.
/// </summary>
internal static class EnterpriseRecordCodec
{
    private const byte Format = 1;

    public static byte[] Write(EnterpriseRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write(record.Summary.Uscc);
            writer.Write(record.Summary.Name);
            writer.Write(record.Summary.Industry);
            writer.Write(record.Facts.Count);
            foreach (var fact in record.Facts)
            {
                writer.Write(fact.Uscc);
                writer.Write(fact.FactType);
                writer.Write(fact.AttributesJson);
                writer.Write(fact.EffectiveTime.UtcTicks);
                writer.Write(fact.Publisher);
                writer.Write(fact.SourceRecordId);
                writer.Write(fact.PublishTime.UtcTicks);
                writer.Write(fact.Sequence);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The record, or null when the bytes are of another format.</summary>
    public static EnterpriseRecord? Read(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        if (bytes.Length == 0 || reader.ReadByte() != Format)
        {
            return null;
        }

        var summary = new EnterpriseSummary(reader.ReadString(), reader.ReadString(), reader.ReadString());
        var facts = new Fact[reader.ReadInt32()];
        for (var i = 0; i < facts.Length; i++)
        {
            facts[i] = new Fact(
                reader.ReadString(),
                reader.ReadString(),
                reader.ReadString(),
                new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero),
                reader.ReadString(),
                reader.ReadString(),
                new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero),
                reader.ReadInt64());
        }

        return new EnterpriseRecord(summary, facts);
    }
}
