using EnterpriseHub.Core.Forms;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>The submission contract: the record of each form submission, per enterprise (written by the append of its facts).</summary>
public sealed partial class SqliteFactStore : ISubmissionStore
{
    public async Task<IReadOnlyList<FormSubmission>> ListSubmissionsAsync(
        string uscc, long? beforeSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await ReadAsync(c => SubmissionTable.ListAsync(c, uscc, beforeSequence, limit, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
    }
}
