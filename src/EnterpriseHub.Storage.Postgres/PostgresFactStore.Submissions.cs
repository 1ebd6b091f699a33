using EnterpriseHub.Core.Forms;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>The submission contract: the record of each form submission, per enterprise (written by the append of its facts).</summary>
public sealed partial class PostgresFactStore : ISubmissionStore
{
    public async Task<IReadOnlyList<FormSubmission>> ListSubmissionsAsync(
        string uscc, long? beforeSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await Guard(() => SubmissionTable.ListAsync(dataSource, uscc, beforeSequence, limit, cancellationToken)).ConfigureAwait(false);
    }
}
