using EnterpriseHub.Core.Forms;

namespace EnterpriseHub.Storage.Common;

/// <summary>The submission contract: the record of each form submission, per enterprise (written by the append of its facts).</summary>
public abstract partial class SqlFactStore
{
    private const string SelectSubmissions = $"SELECT {SubmissionColumns.Select} FROM form_submissions";

    public async Task<IReadOnlyList<FormSubmission>> ListSubmissionsAsync(
        string uscc, long? beforeSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await QueryAsync(
            $"{SelectSubmissions} WHERE uscc = @uscc AND seq < @before ORDER BY seq DESC LIMIT @limit;", SubmissionColumns.Read,
            cancellationToken, ("@uscc", uscc), ("@before", beforeSequence ?? long.MaxValue), ("@limit", limit)).ConfigureAwait(false);
    }
}
