using System.Text.Json.Nodes;
using EnterpriseHub.Cli.Import;
using EnterpriseHub.Client;
using EnterpriseHub.Server.Tests;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;

namespace EnterpriseHub.Cli.Tests.Import;

[Collection(HubCollection.Name)]
public sealed class ImportRejectsTests(HubFixture hub)
{
    [Fact]
    public async Task Import_FileWithBadLines_EachRejectedWithItsLineAndTheRestStored()
    {
        var workspace = new ImportWorkspace(hub);
        var lines = File.ReadAllLines(await workspace.SampleAsync("base.jsonl", 8, seed: 201));
        // Published before with grade A; the file's line says something else: only the hub knows.
        var conflict = JsonNode.Parse(lines[6])!;
        await hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest
        {
            Facts =
            {
                new FactDraft
                {
                    Uscc = conflict["uscc"]!.GetValue<string>(), FactType = "tax.credit_grade", SourceRecordId = "sample-201-6",
                    EffectiveTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
                    Attributes = Struct.Parser.ParseJson("""{"grade":"D","year":1999}"""),
                },
            },
        });
        lines[1] = Edit(lines[1], node => node["uscc"] = "91310115MA1234567X");
        lines[2] = Edit(lines[2], node => node["factType"] = "amr.business_license");
        lines[3] = Edit(lines[3], node => node["attributes"]!["grade"] = "Z");
        lines[4] = "{\"uscc\": \"9131";
        var input = workspace.File("bad.jsonl", lines);

        var result = await new CliRunner().RunAsync(["import", input, "--output", "json", .. CliRunner.Connect(hub, "tax")]);

        Assert.True(result.ExitCode == 4, result.ToString());
        var summary = Assert.Single(result.JsonLines());
        Assert.Equal(3, summary.GetProperty("stored").GetInt64());
        Assert.Equal(5, summary.GetProperty("rejected").GetInt64());
        var rejects = RejectsFile.ReadAll(input + ".rejects.jsonl");
        Assert.Equal([2, 3, 4, 5, 7], rejects.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Equal(lines[1], rejects[0].GetProperty("text").GetString());
        Assert.Equal("uscc", Field(rejects[0]));
        Assert.Equal("fact_type", Field(rejects[1]));
        Assert.Contains("owned by 'amr'", Description(rejects[1]), StringComparison.Ordinal);
        Assert.Equal("attributes.grade", Field(rejects[2]));
        Assert.Contains("FactDraft", Description(rejects[3]), StringComparison.Ordinal);
        Assert.Equal("FAILED_PRECONDITION", rejects[4].GetProperty("status").GetString());
        Assert.Equal("SOURCE_RECORD_CONFLICT", rejects[4].GetProperty("reason").GetString());
        var stored = await workspace.StoredAsync("sample-201-");
        Assert.Equal(["sample-201-0", "sample-201-5", "sample-201-6", "sample-201-7"], stored.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Import_ChunkWithMoreThan100LinesOnlyTheHubRefuses_AllInRejectsFile()
    {
        var workspace = new ImportWorkspace(hub);
        var lines = File.ReadAllLines(await workspace.SampleAsync("many.jsonl", 400, seed: 202));
        var bad = Enumerable.Range(0, 400).Where(i => i % 3 == 0).ToHashSet();
        for (var i = 0; i < lines.Length; i++)
        {
            if (bad.Contains(i))
            {
                lines[i] = Edit(lines[i], node => node["attributes"]!["year"] = "not a year");
            }
        }

        var input = workspace.File("many-bad.jsonl", lines);

        var result = await new CliRunner().RunAsync(
            ["import", input, "--dangerous-skip-local-check", "--chunk-size", "400", "--output", "json", .. CliRunner.Connect(hub, "tax")]);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.True(bad.Count > 100);
        var rejects = RejectsFile.ReadAll(input + ".rejects.jsonl");
        Assert.Equal(bad.Order().Select(i => (long)i + 1), rejects.Select(r => r.GetProperty("line").GetInt64()));
        Assert.All(rejects, r => Assert.Equal("attributes.year", Field(r)));
        Assert.All(rejects, r => Assert.Equal("INVALID_ARGUMENT", r.GetProperty("status").GetString()));
        Assert.Equal(400 - bad.Count, (await workspace.StoredAsync("sample-202-")).Count);
    }

    [Fact]
    public async Task Import_HubOnlyRefusals_ForeignTypeAndBadUsccRejectedWithTheHubsStatus()
    {
        var workspace = new ImportWorkspace(hub);
        var lines = File.ReadAllLines(await workspace.SampleAsync("hub-only.jsonl", 6, seed: 205));
        lines[1] = Edit(lines[1], node => node["factType"] = "amr.abnormal_operations");
        lines[4] = Edit(lines[4], node => node["uscc"] = "91310115MA1234567X");
        var input = workspace.File("hub-only-bad.jsonl", lines);

        var result = await new CliRunner().RunAsync(
            ["import", input, "--dangerous-skip-local-check", "--output", "json", .. CliRunner.Connect(hub, "tax")]);

        Assert.True(result.ExitCode == 4, result.ToString());
        var rejects = RejectsFile.ReadAll(input + ".rejects.jsonl");
        Assert.Equal([2, 5], rejects.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Equal("PERMISSION_DENIED", rejects[0].GetProperty("status").GetString());
        Assert.Equal("FACT_TYPE_NOT_OWNED", rejects[0].GetProperty("reason").GetString());
        Assert.Equal("INVALID_ARGUMENT", rejects[1].GetProperty("status").GetString());
        Assert.Equal("uscc", Field(rejects[1]));
        Assert.Equal(4, (await workspace.StoredAsync("sample-205-")).Count);
    }

    [Fact]
    public async Task Import_Csv_QuotedAndTypedColumnsStoredShortAndUntypableRowsRejected()
    {
        var workspace = new ImportWorkspace(hub);
        var uscc = new SampleFacts(TypeCatalog.ToDefinition(new FactType { Name = "amr.administrative_penalty" }), "310115", 203).UsccFor(0);
        var input = workspace.File(
            "penalties.csv",
            "uscc,source_record_id,effective_time,decision_number,amount,decided,reason",
            $"{uscc},csv-203-1,2024-05-01T08:00:00Z,\"SH-2024, No. 1\",1500.5,2024-04-30,\"filed late, \"\"twice\"\"",
            "and again\"",
            $"{uscc},csv-203-2,2024-05-02,SH-2024-2,200,2024-05-01",
            $"{uscc},csv-203-3,2024-05-02,SH-2024-3,not-a-number,2024-05-01,x");

        var result = await new CliRunner().RunAsync(["import", input, "--type", "amr.administrative_penalty", .. CliRunner.Connect(hub, "amr")]);

        Assert.True(result.ExitCode == 4, result.ToString());
        var rejects = RejectsFile.ReadAll(input + ".rejects.jsonl");
        // Line 4 misses its last cell (a missing column); line 5's amount is not a number.
        Assert.Equal([4, 5], rejects.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Contains("has 6 columns; the header has 7", Description(rejects[0]), StringComparison.Ordinal);
        Assert.Equal("attributes.amount", Field(rejects[1]));
        Assert.Equal("must be a number", Description(rejects[1]));
        var stored = hub.Services.GetService(typeof(Core.Facts.IFactStore)) as Core.Facts.IFactStore;
        var first = await stored!.FindFactAsync("amr", "csv-203-1", CancellationToken.None);
        Assert.NotNull(first);
        var attributes = JsonNode.Parse(first.AttributesJson)!;
        Assert.Equal("SH-2024, No. 1", attributes["decision_number"]!.GetValue<string>());
        Assert.Equal(1500.5, attributes["amount"]!.GetValue<double>());
        Assert.Equal("filed late, \"twice\"\nand again", attributes["reason"]!.GetValue<string>());
        Assert.Null(await stored.FindFactAsync("amr", "csv-203-2", CancellationToken.None));
    }

    [Fact]
    public async Task Import_CsvWithoutARequiredColumn_UsageErrorNothingSent()
    {
        var workspace = new ImportWorkspace(hub);
        var input = workspace.File("no-time.csv", "uscc,source_record_id,grade,year", "91310115MA1234567X,csv-204-1,A,2024");
        var head = await workspace.HeadAsync();

        var result = await new CliRunner().RunAsync(["import", input, "--type", "tax.credit_grade", .. CliRunner.Connect(hub, "tax")]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("effective_time", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(head, await workspace.HeadAsync());
    }

    private static string Field(System.Text.Json.JsonElement reject) => reject.GetProperty("violations")[0].GetProperty("field").GetString()!;

    private static string Description(System.Text.Json.JsonElement reject) => reject.GetProperty("violations")[0].GetProperty("description").GetString()!;

    private static string Edit(string line, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(line)!;
        edit(node);
        return node.ToJsonString();
    }
}
