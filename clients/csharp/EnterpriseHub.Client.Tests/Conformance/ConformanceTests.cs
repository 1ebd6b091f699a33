using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Client.Tests.Conformance;

/// <summary>
/// The conformance scenario every SDK runs (issue 13), against a real hub in its own process over
/// real mutual TLS. The tests share one hub and run one after another (one class), so the watch's
/// restart in the middle never cuts another test.
/// </summary>
public sealed class ConformanceTests(HubProcess hub) : IClassFixture<HubProcess>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PublishFacts_SameRecordTwice_SecondIsDuplicateWithSameSequence()
    {
        using var amr = hub.Connect("amr");
        var draft = Facts.AbnormalOperations(Facts.DemoUscc, Facts.NewRecordId("dup"));

        var first = await amr.Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { draft } });
        var second = await amr.Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { draft } });

        Assert.False(first.Results[0].Duplicate);
        Assert.True(second.Results[0].Duplicate);
        Assert.Equal(first.Results[0].Sequence, second.Results[0].Sequence);
    }

    [Fact]
    public async Task GetEnterprise_DemoEnterprise_MergesFactsOfSeveralDepartments()
    {
        using var tax = hub.Connect("tax");

        var reply = await tax.Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = Facts.DemoUscc, Purpose = "conformance", OfficerId = "tax-0042" });

        Assert.Equal(Facts.DemoUscc, reply.Enterprise.Uscc);
        var publishers = reply.Enterprise.Facts.Select(fact => fact.Publisher).Distinct().ToList();
        Assert.Contains("amr", publishers);
        Assert.Contains("tax", publishers);
    }

    [Fact]
    public async Task GetEnterprise_NoPurpose_DecodesReasonFieldViolationAndRequestId()
    {
        using var tax = hub.Connect("tax");

        var exception = await Assert.ThrowsAsync<RpcException>(async () =>
            await tax.Directory.GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = Facts.DemoUscc, OfficerId = "tax-0042" }));
        var error = exception.ToHubError();

        Assert.Equal(StatusCode.InvalidArgument, error.Code);
        Assert.Equal("INVALID_FIELDS", error.Reason);
        Assert.Equal(HubError.HubDomain, error.Domain);
        Assert.Equal("purpose", Assert.Single(error.FieldViolations).Field);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task RequestGrant_ApprovedByOwner_ConditionalFactBecomesReadable()
    {
        using var hrss = hub.Connect("hrss");
        using var customs = hub.Connect("customs");
        var read = new GetEnterpriseRequest
        {
            Uscc = Facts.SecondDemoUscc, Purpose = "AEO certification checks", OfficerId = "customs-0003",
            FactTypes = { "hrss.insured_headcount" },
        };
        await hrss.Exchange.PublishFactsAsync(new PublishFactsRequest
        {
            Facts = { Facts.InsuredHeadcount(Facts.SecondDemoUscc, Facts.NewRecordId("headcount"), 42) },
        });
        var before = await customs.Directory.GetEnterpriseAsync(read);

        var grant = await customs.Catalog.RequestGrantAsync(new RequestGrantRequest
        {
            FactType = "hrss.insured_headcount",
            Purpose = "AEO certification checks",
            LegalBasis = "Regulation on government data sharing (2025)",
            WantedUntil = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30)),
        });
        var pending = await hrss.Catalog.ListGrantRequestsAllAsync(new ListGrantRequestsRequest { State = GrantState.Pending }).ToListAsync();
        var decided = await hrss.Catalog.DecideGrantAsync(new DecideGrantRequest { GrantId = grant.Grant.Id, Approve = true });
        var after = await customs.Directory.GetEnterpriseAsync(read);

        Assert.Contains("hrss.insured_headcount", before.Enterprise.WithheldFactTypes);
        Assert.Contains(pending, g => g.Id == grant.Grant.Id);
        Assert.Equal(GrantState.Approved, decided.Grant.State);
        Assert.Contains(after.Enterprise.Facts, fact => fact.FactType == "hrss.insured_headcount");
        Assert.DoesNotContain("hrss.insured_headcount", after.Enterprise.WithheldFactTypes);
    }

    [Fact]
    public async Task SearchEnterprisesAll_SmallPages_ReadsAtLeastThreePagesWithoutRepeats()
    {
        var pages = new CallCounter("/enterprisehub.v1.EnterpriseDirectory/SearchEnterprises");
        using var hrss = hub.Connect("hrss", pages);

        var found = await hrss.Directory.SearchEnterprisesAllAsync(
                new SearchEnterprisesRequest { Zone = "hengqin", PageSize = 2, Purpose = "conformance", OfficerId = "hrss-0007" })
            .Take(7).ToListAsync();

        Assert.Equal(7, found.Count);
        Assert.Equal(4, pages.Count);
        Assert.Equal(7, found.Select(enterprise => enterprise.Uscc).Distinct().Count());
        Assert.All(found, enterprise => Assert.Equal("hengqin", enterprise.Zone));
    }

    [Fact]
    public async Task WatchFactsResumable_HubRestartsMidway_EveryFactOnceInOrder()
    {
        using var amr = hub.Connect("amr");
        using var customs = hub.Connect("customs");
        using var timeout = new CancellationTokenSource(Patience);
        var start = await amr.Exchange.PublishFactsAsync(new PublishFactsRequest
        {
            Facts = { Facts.AbnormalOperations(Facts.DemoUscc, Facts.NewRecordId("watch-start")) },
        });
        var reconnects = 0;
        var watch = customs.Exchange.WatchFactsResumableAsync(
            new WatchFactsRequest
            {
                AfterSequence = start.Results[0].Sequence,
                FactTypes = { "amr.abnormal_operations" },
                Usccs = { Facts.DemoUscc },
                Purpose = "risk screening",
                OfficerId = "customs-0003",
                HeartbeatSeconds = 1,
            },
            ResumeOptions.Default with { InitialBackoff = TimeSpan.FromMilliseconds(100), OnReconnect = (_, _) => reconnects++ },
            cancellationToken: timeout.Token);
        await using var events = watch.GetAsyncEnumerator(timeout.Token);
        var published = new List<string>();
        var seen = new List<Fact>();

        await PublishAsync(amr, published, "before", 3);
        seen.AddRange(await NextAsync(events, 3));
        await hub.RestartAsync();
        await PublishAsync(amr, published, "after", 3);
        seen.AddRange(await NextAsync(events, 3));

        Assert.Equal(published, seen.Select(fact => fact.SourceRecordId));
        Assert.True(seen.Zip(seen.Skip(1)).All(pair => pair.First.Sequence < pair.Second.Sequence));
        Assert.True(reconnects >= 1, "the watch never had to reconnect, so the restart proved nothing");
    }

    [Fact]
    public async Task WatchNoticesResumable_FromEndAcrossAHubRestart_EachNewNoticeOnceAndNothingOlder()
    {
        using var amr = hub.Connect("amr");
        using var portal = hub.Connect("portal");
        using var timeout = new CancellationTokenSource(Patience);
        var older = await DeliveredFromEndAsync(portal, amr, timeout.Token);
        var positioned = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnects = 0;
        var watch = portal.Proactive.WatchNoticesResumableAsync(
            new WatchNoticesRequest { FromEnd = true, HeartbeatSeconds = 1 },
            ResumeOptions.Default with
            {
                InitialBackoff = TimeSpan.FromMilliseconds(100),
                OnReconnect = (_, _) => reconnects++,
                OnPosition = position => positioned.TrySetResult(position),
            },
            cancellationToken: timeout.Token);
        await using var events = watch.GetAsyncEnumerator(timeout.Token);
        var moving = events.MoveNextAsync();
        var start = await positioned.Task.WaitAsync(timeout.Token);

        var before = await PublishNoticeAsync(amr, "before");
        Assert.True(await moving);
        var first = await NoticeOfAsync(events, before, current: true);
        await hub.RestartAsync();
        var after = await PublishNoticeAsync(amr, "after");
        var second = await NoticeOfAsync(events, after, current: false);

        Assert.True(start >= older.Sequence, $"the stream started at {start}, before notice {older.Sequence} that was delivered already");
        Assert.Equal(($"policy:amr:{before}", $"policy:amr:{after}"), (first.Key, second.Key));
        Assert.True(older.Sequence < first.Sequence && first.Sequence < second.Sequence);
        Assert.True(reconnects >= 1, "the watch never had to reconnect, so the restart proved nothing");
    }

    /// <summary>
    /// A notice delivered for sure before the test's stream opens, so the delivery log is not empty
    /// and a stream from the end must skip it: seen on a plain stream opened from the end first.
    /// </summary>
    private static async Task<Notice> DeliveredFromEndAsync(HubClient portal, HubClient amr, CancellationToken cancellationToken)
    {
        using var plain = portal.Proactive.WatchNotices(new WatchNoticesRequest { FromEnd = true, HeartbeatSeconds = 300 }, cancellationToken: cancellationToken);
        Assert.True(await plain.ResponseStream.MoveNext(cancellationToken));
        Assert.Equal(WatchNoticesResponse.EventOneofCase.Heartbeat, plain.ResponseStream.Current.EventCase);
        var seed = await PublishNoticeAsync(amr, "seed");
        while (await plain.ResponseStream.MoveNext(cancellationToken))
        {
            if (plain.ResponseStream.Current.Notice is { } notice && notice.Key == $"policy:amr:{seed}")
            {
                return notice;
            }
        }

        throw new InvalidOperationException("the stream ended");
    }

    /// <summary>A policy that reaches the demo enterprise alone; returns its id.</summary>
    private static async Task<string> PublishNoticeAsync(HubClient amr, string prefix)
    {
        var id = Facts.NewRecordId(prefix);
        await amr.Proactive.PublishPolicyAsync(new PublishPolicyRequest
        {
            PolicyId = id,
            Kind = NoticeKind.Notice,
            Title = "Inspection-free programme",
            Body = "Your enterprise qualifies.",
            Condition = "amr.business_license.name == \"广州南沙海联科技有限公司\"",
            ValidFrom = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
            ValidUntil = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30)),
        });
        return id;
    }

    /// <summary>The next notice of the demo enterprise from amr; fails on any other policy's, which a stream from the end must not replay.</summary>
    /// <param name="current">Whether the enumerator already holds an event to look at first.</param>
    private static async Task<Notice> NoticeOfAsync(IAsyncEnumerator<Notice> events, string policyId, bool current)
    {
        while (current || await events.MoveNextAsync())
        {
            current = false;
            var notice = events.Current;
            if (notice.Uscc == Facts.DemoUscc && notice.Key.StartsWith("policy:amr:", StringComparison.Ordinal))
            {
                Assert.Equal($"policy:amr:{policyId}", notice.Key);
                return notice;
            }
        }

        throw new InvalidOperationException("the watch ended");
    }

    [Fact]
    public async Task PublishBulk_TwentyThousandFacts_AllStoredWithProgressPerChunk()
    {
        using var amr = hub.Connect("amr");
        var run = Guid.NewGuid().ToString("N");
        var drafts = Enumerable.Range(0, 20_000)
            .Select(i => Facts.AbnormalOperations(Facts.SecondDemoUscc, $"bulk-{run}-{i}", listed: i % 2 == 0));
        var reports = new RecordingProgress();

        var result = await amr.Exchange.PublishBulkAsync(drafts, new BulkPublishOptions { ChunkSize = 1000 }, reports);
        var again = await amr.Exchange.PublishBulkAsync(drafts.Take(2000), new BulkPublishOptions { ChunkSize = 1000 });

        Assert.Equal(20_000, result.Stored);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(20, result.Chunks);
        Assert.Equal(Enumerable.Range(1, 20).Select(chunk => chunk * 1000L), reports.Reports.Select(report => report.Facts));
        Assert.Equal(result, reports.Reports[^1]);
        Assert.Equal(2000, again.Duplicates);
        Assert.Equal(0, again.Stored);
    }

    [Fact]
    public async Task ListAccessAll_AfterCorrelatedRead_ShowsTheReadWithItsCorrelationId()
    {
        using var tax = hub.Connect("tax");
        using var admin = hub.Connect("admin");
        var correlation = $"conformance-{Guid.NewGuid():N}";
        var read = tax.Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = Facts.DemoUscc, Purpose = "conformance audit", OfficerId = "tax-0042" },
            HubMetadata.WithRequestId(correlation));
        await read;
        var replyRequestId = HubMetadata.RequestId(await read.ResponseHeadersAsync);

        var records = await admin.Audit.ListAccessAllAsync(new ListAccessRequest { Uscc = Facts.DemoUscc, PageSize = 50 }).ToListAsync();

        var record = Assert.Single(records, record => record.CorrelationId == correlation);
        Assert.Equal("tax", record.Department);
        Assert.Equal("conformance audit", record.Purpose);
        Assert.False(string.IsNullOrEmpty(replyRequestId));
        Assert.Contains(records, record => record.Department == "tax" && record.Purpose == "conformance");
    }

    private static async Task PublishAsync(HubClient amr, List<string> published, string label, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = Facts.NewRecordId($"watch-{label}-{i}");
            await amr.Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { Facts.AbnormalOperations(Facts.DemoUscc, id) } });
            published.Add(id);
        }
    }

    private static async Task<List<Fact>> NextAsync(IAsyncEnumerator<Fact> events, int count)
    {
        var facts = new List<Fact>();
        while (facts.Count < count && await events.MoveNextAsync())
        {
            facts.Add(events.Current);
        }

        return facts;
    }
}
