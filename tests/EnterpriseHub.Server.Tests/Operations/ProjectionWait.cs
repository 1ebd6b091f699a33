using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Proactive;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Server.Tests.Operations;

/// <summary>
/// Completes once both projections of a hub (credit levels, notice matching) have written again;
/// <see cref="CreditAppliedAsync"/> once the credit projection has reached a fact.
/// </summary>
internal sealed class ProjectionWait : IDisposable
{
    private readonly CreditProjection credit;
    private readonly NoticeMatcher notices;
    private readonly TaskCompletionSource creditMoved = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource noticesMoved = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ProjectionWait(IServiceProvider hub)
    {
        credit = hub.GetRequiredService<CreditProjection>();
        notices = hub.GetRequiredService<NoticeMatcher>();
        credit.Advanced += OnCredit;
        notices.Advanced += OnNotices;
    }

    public Task Both => Task.WhenAll(creditMoved.Task, noticesMoved.Task);

    /// <summary>Completes once the credit projection has applied the fact at <paramref name="sequence"/>, within <paramref name="patience"/>.</summary>
    public static async Task CreditAppliedAsync(CreditProjection projection, long sequence, TimeSpan patience)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnAdvanced(long applied)
        {
            if (applied >= sequence)
            {
                reached.TrySetResult();
            }
        }

        projection.Advanced += OnAdvanced;
        try
        {
            if (projection.Applied < sequence)
            {
                await reached.Task.WaitAsync(patience);
            }
        }
        finally
        {
            projection.Advanced -= OnAdvanced;
        }
    }

    public void Dispose()
    {
        credit.Advanced -= OnCredit;
        notices.Advanced -= OnNotices;
    }

    private void OnCredit(long _) => creditMoved.TrySetResult();

    private void OnNotices(NoticeState _) => noticesMoved.TrySetResult();
}
