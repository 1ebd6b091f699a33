using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Forms;
using EnterpriseHub.Core.Lookup;
using EnterpriseHub.Server.Catalog;
using EnterpriseHub.Server.Exchange;
using EnterpriseHub.Server.Logging;
using EnterpriseHub.Server.Security;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using V1 = EnterpriseHub.V1;

namespace EnterpriseHub.Server.Forms;

/// <summary>Forms: maps requests to <see cref="FormsService"/> and its results back.</summary>
internal sealed class FormsGrpcService(FormsService forms, FactTypeCatalog catalog) : V1.Forms.FormsBase
{
    public override Task<ListFormsResponse> ListForms(ListFormsRequest request, ServerCallContext context)
    {
        var response = new ListFormsResponse();
        response.Forms.AddRange(catalog.Forms.OrderBy(f => f.Name, StringComparer.Ordinal).Select(ToProto));
        return Task.FromResult(response);
    }

    public override async Task<PrefillResponse> Prefill(PrefillRequest request, ServerCallContext context)
    {
        var (form, fields) = await forms.PrefillAsync(
            new ReadContext(context.GetCaller(), context.GetRequestId(), request.Purpose, request.OfficerId, request.ActingFor),
            request.Uscc, request.Form, context.CancellationToken);
        var response = new PrefillResponse { Form = ToProto(form) };
        response.Fields.AddRange(fields.Select(f =>
        {
            var field = new V1.PrefilledField
            {
                Name = f.Field.Name,
                Label = f.Field.Label,
                Withheld = f.Withheld,
                Sharing = f.Sharing is { } sharing ? CatalogMapping.ToProto(sharing) : V1.SharingClass.Unspecified,
            };
            if (f.Source is { } source)
            {
                field.Publisher = source.Publisher;
                field.PublishTime = Timestamp.FromDateTimeOffset(source.PublishTime);
                field.Sequence = source.Sequence;
            }

            if (f.ValueJson is { } json)
            {
                field.Value = Value.Parser.ParseJson(json);
            }

            return field;
        }));
        return response;
    }

    public override async Task<SubmitResponse> Submit(SubmitRequest request, ServerCallContext context)
    {
        var targets = await forms.SubmitAsync(
            context.GetCaller(), context.GetRequestId(), request.Uscc, request.Form, request.SubmissionId,
            request.Answers is null ? null : StructJson.ToCanonicalJson(request.Answers, "answers"),
            ExchangeMapping.ToTime(request.EffectiveTime, "effective_time"), request.OfficerId, context.CancellationToken);
        var response = new SubmitResponse();
        response.Targets.AddRange(targets.Select(ToProto));
        return response;
    }

    public override async Task<GetSubmissionResponse> GetSubmission(GetSubmissionRequest request, ServerCallContext context)
    {
        var targets = await forms.GetSubmissionAsync(
            context.GetCaller(), request.Uscc, request.Form, request.SubmissionId, context.CancellationToken);
        var response = new GetSubmissionResponse();
        response.Targets.AddRange(targets.Select(ToProto));
        return response;
    }

    public override async Task<ListSubmissionsResponse> ListSubmissions(ListSubmissionsRequest request, ServerCallContext context)
    {
        var page = await forms.ListSubmissionsAsync(request.Uscc, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListSubmissionsResponse { NextPageToken = page.NextPageToken };
        response.Submissions.AddRange(page.Items.Select(s => new Submission
        {
            Form = s.Submission.Form,
            SubmissionId = s.Submission.SubmissionId,
            SubmittedAt = Timestamp.FromDateTimeOffset(s.Submission.SubmittedAt),
            EffectiveTime = Timestamp.FromDateTimeOffset(s.Submission.EffectiveTime),
            OfficerId = s.Submission.OfficerId,
            Targets = { s.Targets.Select(ToProto) },
        }));
        return response;
    }

    private static Form ToProto(FormTemplate form)
    {
        var proto = new Form { Name = form.Name, TitleZh = form.TitleZh, TitleEn = form.TitleEn, Targets = { form.Targets } };
        proto.Fields.AddRange(form.Fields.Select(f => new V1.FormField { Name = f.Name, Label = f.Label, Prefill = f.Prefill }));
        return proto;
    }

    private static V1.SubmissionTarget ToProto(Core.Forms.SubmissionTarget target) => new()
    {
        FactType = target.FactType, Department = target.Department, Sequence = target.Sequence, PickedUp = target.PickedUp,
    };
}
