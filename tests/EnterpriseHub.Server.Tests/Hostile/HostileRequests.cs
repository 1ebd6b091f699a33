using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using FieldType = Google.Protobuf.Reflection.FieldType;

namespace EnterpriseHub.Server.Tests.Hostile;

/// <summary>
/// Builds each method's request message from its descriptor, so that every hostile payload can be
/// sent as every method's request: a plausible base (the enterprise, purpose and officer an
/// admitted caller would name) and the places in it where a timestamp, a Struct, a page size or a
/// repeated field can be made extreme.
/// </summary>
internal static class HostileRequests
{
    public const string Enterprise = "91440115MA5HUB013L";

    /// <summary>A field reached from the request, by the field names on the way (a repeated message gets one element).</summary>
    public sealed record FieldPath(IReadOnlyList<FieldDescriptor> Fields)
    {
        public FieldDescriptor Last => Fields[^1];

        public override string ToString() => string.Join(".", Fields.Select(f => f.Name));
    }

    /// <summary>The request an admitted <paramref name="caller"/> would send with only its identifying fields set.</summary>
    public static IMessage Base(MessageDescriptor type, string caller)
    {
        var message = (IMessage)Activator.CreateInstance(type.ClrType)!;
        SetString(message, "uscc", Enterprise);
        SetString(message, "purpose", "hostile frames");
        SetString(message, "officer_id", "officer-1");
        if (caller == "portal")
        {
            SetString(message, "acting_for", Enterprise);
        }

        return message;
    }

    /// <summary>Every path to a field matching <paramref name="match"/> within three levels of the request (well-known types are not entered).</summary>
    public static IReadOnlyList<FieldPath> Find(MessageDescriptor type, Func<FieldDescriptor, bool> match)
    {
        var found = new List<FieldPath>();
        Walk(type, [], match, found);
        return found;
    }

    public static bool IsMessage(FieldDescriptor field, MessageDescriptor type) =>
        field.FieldType == FieldType.Message && field.MessageType.FullName == type.FullName;

    /// <summary>Sets the field at <paramref name="path"/>, creating the messages (and the one repeated element) on the way.</summary>
    public static void Set(IMessage message, FieldPath path, object value)
    {
        var target = message;
        foreach (var field in path.Fields.Take(path.Fields.Count - 1))
        {
            target = Child(target, field);
        }

        if (path.Last.IsRepeated)
        {
            var list = (IList)path.Last.Accessor.GetValue(target);
            list.Clear();
            foreach (var item in (IEnumerable)value)
            {
                list.Add(item);
            }
        }
        else
        {
            path.Last.Accessor.SetValue(target, value);
        }
    }

    /// <summary><paramref name="count"/> elements for a repeated field: distinct strings, default messages, or numbers.</summary>
    public static IList Elements(FieldDescriptor field, int count) => field.FieldType switch
    {
        FieldType.String => Enumerable.Range(0, count).Select(i => $"x{i}").ToList(),
        FieldType.Message => Enumerable.Range(0, count).Select(_ => Activator.CreateInstance(field.MessageType.ClrType)!).ToList(),
        FieldType.Bytes => Enumerable.Range(0, count).Select(_ => ByteString.CopyFromUtf8("x")).ToList(),
        FieldType.Enum => Enumerable.Range(0, count).Select(_ => 0).ToList(),
        FieldType.Bool => Enumerable.Range(0, count).Select(_ => true).ToList(),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Enumerable.Range(0, count).Select(i => (long)i).ToList(),
        FieldType.UInt64 or FieldType.Fixed64 => Enumerable.Range(0, count).Select(i => (ulong)i).ToList(),
        FieldType.UInt32 or FieldType.Fixed32 => Enumerable.Range(0, count).Select(i => (uint)i).ToList(),
        FieldType.Double => Enumerable.Range(0, count).Select(i => (double)i).ToList(),
        FieldType.Float => Enumerable.Range(0, count).Select(i => (float)i).ToList(),
        _ => Enumerable.Range(0, count).ToList(),
    };

    /// <summary>A Struct nested <paramref name="depth"/> levels deep.</summary>
    public static Struct NestedStruct(int depth)
    {
        var inner = new Struct { Fields = { ["leaf"] = Value.ForNumber(1) } };
        for (var i = 0; i < depth; i++)
        {
            inner = new Struct { Fields = { ["level"] = Value.ForStruct(inner) } };
        }

        return inner;
    }

    /// <summary>A Struct with <paramref name="count"/> attributes.</summary>
    public static Struct WideStruct(int count)
    {
        var wide = new Struct();
        for (var i = 0; i < count; i++)
        {
            wide.Fields[$"attribute_{i}"] = Value.ForNumber(i);
        }

        return wide;
    }

    /// <summary>
    /// Unknown field 9999 as groups nested <paramref name="depth"/> deep: a parser must descend
    /// into unknown groups to skip them, so any request type meets the nesting limit.
    /// </summary>
    public static byte[] NestedGroups(int depth)
    {
        var start = Tag(9999, 3);
        var end = Tag(9999, 4);
        var bytes = new byte[(start.Length + end.Length) * depth];
        for (var i = 0; i < depth; i++)
        {
            start.CopyTo(bytes, i * start.Length);
            end.CopyTo(bytes, (depth * start.Length) + (i * end.Length));
        }

        return bytes;
    }

    /// <summary>An unknown length-delimited field 9999 of <paramref name="size"/> bytes: valid protobuf of any request type.</summary>
    public static byte[] UnknownBytes(int size) => [.. Tag(9999, 2), .. Edge.RawCalls.Varint((uint)size), .. new byte[size]];

    private static byte[] Tag(int field, int wireType) => Edge.RawCalls.Varint((uint)((field << 3) | wireType));

    private static void Walk(MessageDescriptor type, List<FieldDescriptor> path, Func<FieldDescriptor, bool> match, List<FieldPath> found)
    {
        foreach (var field in type.Fields.InFieldNumberOrder())
        {
            if (field.IsMap)
            {
                continue;
            }

            List<FieldDescriptor> here = [.. path, field];
            if (match(field))
            {
                found.Add(new FieldPath(here));
            }
            else if (field.FieldType == FieldType.Message && path.Count < 2 && field.MessageType.File.Package != "google.protobuf")
            {
                Walk(field.MessageType, here, match, found);
            }
        }
    }

    private static IMessage Child(IMessage parent, FieldDescriptor field)
    {
        if (field.IsRepeated)
        {
            var list = (IList)field.Accessor.GetValue(parent);
            if (list.Count == 0)
            {
                list.Add(Activator.CreateInstance(field.MessageType.ClrType)!);
            }

            return (IMessage)list[0]!;
        }

        if (field.Accessor.GetValue(parent) is not IMessage child)
        {
            child = (IMessage)Activator.CreateInstance(field.MessageType.ClrType)!;
            field.Accessor.SetValue(parent, child);
        }

        return child;
    }

    private static void SetString(IMessage message, string name, string value)
    {
        if (message.Descriptor.FindFieldByName(name) is not { FieldType: FieldType.String } field)
        {
            return;
        }

        if (field.IsRepeated)
        {
            ((IList)field.Accessor.GetValue(message)).Add(value);
        }
        else
        {
            field.Accessor.SetValue(message, value);
        }
    }
}
