using System.Text.Json;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Tests.Facts;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Object_PropertiesInAnyOrder_SortedOrdinallyCompactWithoutNullsAndChineseAsItself()
    {
        var json = CanonicalJson.Object(("reason", "已清偿"), ("Zone", "nansha"), ("fact_sequence", 42L), ("note", null), ("count", 3));

        Assert.Equal("""{"Zone":"nansha","count":3,"fact_sequence":42,"reason":"已清偿"}""", json);
    }

    [Fact]
    public void Object_UnsupportedValue_Refused() =>
        Assert.Throws<ArgumentException>(() => CanonicalJson.Object(("when", DateTimeOffset.UnixEpoch)));

    [Fact]
    public void WriteObject_NestedObjects_EachSortedSoEqualContentIsEqualText()
    {
        static string Write(params (string Key, object Value)[] properties) => CanonicalJson.Write(w => Properties(w, properties));
        static void Properties(Utf8JsonWriter writer, (string Key, object Value)[] properties) =>
            CanonicalJson.WriteObject(writer, properties.Select(p => KeyValuePair.Create(p.Key, p.Value)), (w, v) =>
            {
                if (v is (string, object)[] nested)
                {
                    Properties(w, nested);
                }
                else
                {
                    w.WriteStringValue((string)v);
                }
            });

        var one = Write(("b", new (string, object)[] { ("y", "1"), ("x", "2") }), ("a", "3"));
        var other = Write(("a", "3"), ("b", new (string, object)[] { ("x", "2"), ("y", "1") }));

        Assert.Equal("""{"a":"3","b":{"x":"2","y":"1"}}""", one);
        Assert.Equal(one, other);
    }
}
