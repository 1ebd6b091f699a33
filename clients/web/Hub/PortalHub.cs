using EnterpriseHub.Client;
using EnterpriseHub.V1;
using EnterpriseHub.Web.Hosting;
using EnterpriseHub.Web.SignIn;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Web.Hub;

/// <summary>
/// The hub as one request of the page sees it: every call acts for the session's enterprise, as
/// the session's person (<c>officer_id</c>), with the page's request id as the call's
/// <c>x-request-id</c> (the audit record's correlation id). No method takes an enterprise code
/// from the caller, so nothing a browser sends can point a call at another enterprise.
/// </summary>
internal sealed class PortalHub(HubClient hub, IHttpContextAccessor accessor, IOptions<WebOptions> options, IMemoryCache cache)
{
    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("PortalHub is used outside a request.");

    private PortalSession Session => Http.Session() ?? throw new InvalidOperationException("No session.");

    private string Acting => Session.Acting ?? throw new InvalidOperationException("No enterprise chosen.");

    private Metadata Headers => HubMetadata.WithRequestId(Http.TraceIdentifier);

    private string Purpose => options.Value.Hub.Purpose;

    /// <summary>The enterprise with its current facts, or as the hub knew it at <paramref name="asOf"/>.</summary>
    public async Task<Enterprise> GetEnterpriseAsync(DateTimeOffset? asOf = null)
    {
        var request = new GetEnterpriseRequest { Uscc = Acting, ActingFor = Acting, Purpose = Purpose, OfficerId = Session.PersonId };
        if (asOf is { } at)
        {
            request.AsOf = Timestamp.FromDateTimeOffset(at);
        }

        var reply = await hub.Directory.GetEnterpriseAsync(request, Headers, cancellationToken: Http.RequestAborted);
        return reply.Enterprise;
    }

    /// <summary>For choosing: one of the enterprises the session's certificate names, without its facts.</summary>
    public async Task<Enterprise> GetNamedEnterpriseAsync(string uscc)
    {
        if (!Session.Allowed.Contains(uscc))
        {
            throw new InvalidOperationException("The certificate does not name that enterprise.");
        }

        var reply = await hub.Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = uscc, ActingFor = uscc, Purpose = Purpose, OfficerId = Session.PersonId, FactTypes = { "amr.business_license" } },
            Headers, cancellationToken: Http.RequestAborted);
        return reply.Enterprise;
    }

    public async Task<GetFactHistoryResponse> GetFactHistoryAsync(string factType, string pageToken, int pageSize = 50) =>
        await hub.Directory.GetFactHistoryAsync(
            new GetFactHistoryRequest
            {
                Uscc = Acting, ActingFor = Acting, FactType = factType, PageToken = pageToken, PageSize = pageSize,
                Purpose = Purpose, OfficerId = Session.PersonId,
            },
            Headers, cancellationToken: Http.RequestAborted);

    public async Task<ListAccessResponse> ListAccessAsync(string pageToken, int pageSize) =>
        await hub.Audit.ListAccessAsync(
            new ListAccessRequest { Uscc = Acting, ActingFor = Acting, OfficerId = Session.PersonId, PageToken = pageToken, PageSize = pageSize },
            Headers, cancellationToken: Http.RequestAborted);

    /// <summary>The latest checkpoint the hub signed, or null before its first.</summary>
    public async Task<GetCheckpointResponse?> GetCheckpointAsync()
    {
        try
        {
            return await hub.Audit.GetCheckpointAsync(new GetCheckpointRequest(), Headers, cancellationToken: Http.RequestAborted);
        }
        catch (RpcException refused) when (refused.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<CreditProfile> GetCreditProfileAsync() =>
        (await hub.Credit.GetCreditProfileAsync(
            new GetCreditProfileRequest { Uscc = Acting, ActingFor = Acting, Purpose = Purpose, OfficerId = Session.PersonId },
            Headers, cancellationToken: Http.RequestAborted)).Profile;

    /// <summary>The newest 500 notices of the inbox.</summary>
    public async Task<IReadOnlyList<Notice>> ListNoticesAsync()
    {
        var reply = await hub.Proactive.ListNoticesAsync(
            new ListNoticesRequest { Uscc = Acting, ActingFor = Acting, OfficerId = Session.PersonId, PageSize = 500 }, Headers, cancellationToken: Http.RequestAborted);
        return reply.Notices;
    }

    /// <summary>The catalog's fact types by name (owner, sharing class, descriptions), kept five minutes.</summary>
    public async Task<IReadOnlyDictionary<string, FactType>> FactTypesAsync() =>
        (await cache.GetOrCreateAsync("catalog", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            var reply = await hub.Catalog.ListFactTypesAsync(new ListFactTypesRequest(), Headers, cancellationToken: Http.RequestAborted);
            return (IReadOnlyDictionary<string, FactType>)reply.FactTypes.ToDictionary(t => t.Name, StringComparer.Ordinal);
        }))!;

    // Notices: one notice, and marking it read, as the session's person.

    /// <summary>One of the enterprise's notices by its sequence, with its read state.</summary>
    public async Task<Notice> GetNoticeAsync(long sequence) =>
        (await hub.Proactive.GetNoticeAsync(
            new GetNoticeRequest { Uscc = Acting, ActingFor = Acting, Sequence = sequence, OfficerId = Session.PersonId },
            Headers, cancellationToken: Http.RequestAborted)).Notice;

    /// <summary>Marks one of the enterprise's notices read by the session's person.</summary>
    public async Task<Notice> MarkReadAsync(long sequence) =>
        (await hub.Proactive.MarkReadAsync(
            new MarkReadRequest { Uscc = Acting, ActingFor = Acting, Sequence = sequence, OfficerId = Session.PersonId },
            Headers, cancellationToken: Http.RequestAborted)).Notice;
    // Credit and forms pages: objections, form templates, prefill, submissions.

    /// <summary>Files an objection to one of the enterprise's signals; filing again with <paramref name="objectionId"/> changes nothing.</summary>
    public async Task<Objection> FileObjectionAsync(string objectionId, string rule, long factSequence, string reason) =>
        (await hub.Credit.FileObjectionAsync(
            new FileObjectionRequest
            {
                ActingFor = Acting, ObjectionId = objectionId, Rule = rule, FactSequence = factSequence, Reason = reason, OfficerId = Session.PersonId,
            },
            Headers, cancellationToken: Http.RequestAborted)).Objection;

    /// <summary>The form templates on offer, kept five minutes.</summary>
    public async Task<IReadOnlyList<Form>> ListFormsAsync() =>
        (await cache.GetOrCreateAsync("forms", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            var reply = await hub.Forms.ListFormsAsync(new ListFormsRequest(), Headers, cancellationToken: Http.RequestAborted);
            return (IReadOnlyList<Form>)reply.Forms.ToList();
        }))!;

    public async Task<PrefillResponse> PrefillAsync(string form) =>
        await hub.Forms.PrefillAsync(
            new PrefillRequest { Uscc = Acting, ActingFor = Acting, Form = form, Purpose = Purpose, OfficerId = Session.PersonId },
            Headers, cancellationToken: Http.RequestAborted);

    /// <summary>Submits the form once for every department; the hub stores nothing twice for one <paramref name="submissionId"/>.</summary>
    public async Task<SubmitResponse> SubmitAsync(string form, string submissionId, Struct answers, DateTimeOffset effective) =>
        await hub.Forms.SubmitAsync(
            new SubmitRequest
            {
                Uscc = Acting, ActingFor = Acting, Form = form, SubmissionId = submissionId, Answers = answers,
                EffectiveTime = Timestamp.FromDateTimeOffset(effective), OfficerId = Session.PersonId,
            },
            Headers, cancellationToken: Http.RequestAborted);

    public async Task<GetSubmissionResponse> GetSubmissionAsync(string form, string submissionId) =>
        await hub.Forms.GetSubmissionAsync(
            new GetSubmissionRequest { Uscc = Acting, ActingFor = Acting, OfficerId = Session.PersonId, Form = form, SubmissionId = submissionId },
            Headers, cancellationToken: Http.RequestAborted);

    public async Task<ListSubmissionsResponse> ListSubmissionsAsync(string pageToken, int pageSize) =>
        await hub.Forms.ListSubmissionsAsync(
            new ListSubmissionsRequest { Uscc = Acting, ActingFor = Acting, OfficerId = Session.PersonId, PageToken = pageToken, PageSize = pageSize },
            Headers, cancellationToken: Http.RequestAborted);
}
