using EnterpriseHub.Cli.Import;
using Google.Protobuf;
using V1 = EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Tests.Import;

public sealed class FactDraftJsonTests
{
    private static readonly JsonParser Protobuf = new(JsonParser.Settings.Default);

    public static TheoryData<string> Usual => new()
    {
        """{"uscc":"91440115MA5HUB013L","factType":"tax.credit_grade","attributes":{"grade":"A","year":2025},"effectiveTime":"2026-04-01T00:00:00Z","sourceRecordId":"r-1"}""",
        """{ "source_record_id": "r-2", "fact_type": "amr.business_license", "uscc": "91440115MA5HUB013L", "effective_time": "2026-04-01T08:30:15.1234567Z", "attributes": { "name": "广州南沙海联科技有限公司", "status": "存续", "capital": 1.5e6, "tags": ["a", 2, true, null, {"k": []}], "nested": {"b": {"c": -0.25}} } }""",
        """{"uscc":"","factType":"","attributes":{},"effectiveTime":"0001-01-01T00:00:00Z","sourceRecordId":"\u0041\n\"quoted\""}""",
        """{"uscc":"x","attributes":{"big":12345678901234567890,"tiny":1e-300,"zero":-0}}""",
        """{"effectiveTime":"9999-12-31T23:59:59.9Z"}""",
        "{}",
    };

    public static TheoryData<string> Unusual => new()
    {
        // Left to the protobuf parser, which accepts or refuses them in its own words.
        """{"uscc":"a","uscc":"b"}""",
        """{"uscc":"a","attributes":{"k":1,"k":2}}""",
        """{"uscc":null}""",
        """{"uscc":5}""",
        """{"factType":"a","fact_type":"b"}""",
        """{"effectiveTime":"2026-04-01T00:00:00.123456789Z"}""",
        """{"effectiveTime":"2026-04-01T08:00:00+08:00"}""",
        """{"effectiveTime":"2026-02-30T00:00:00Z"}""",
        """{"effectiveTime":"2026-04-01"}""",
        """{"attributes":{"n":1e400}}""",
        """{"attributes":[1]}""",
        """{"unknown":1}""",
        """{"uscc":"a"} trailing""",
        """{"uscc":"a",}""",
        "[]",
        """{"uscc":"\uD800"}""",
        """{"uscc":"\uDC00x"}""",
    };

    [Theory]
    [MemberData(nameof(Usual))]
    public void TryRead_UsualLine_ReadsWhatTheProtobufParserReads(string line)
    {
        var fast = FactDraftJson.TryRead(line);

        Assert.NotNull(fast);
        Assert.Equal(Protobuf.Parse<V1.FactDraft>(line), fast);
    }

    [Theory]
    [MemberData(nameof(Unusual))]
    public void TryRead_UnusualLine_LeavesItToTheProtobufParser(string line)
    {
        Assert.Null(FactDraftJson.TryRead(line));
    }
}
