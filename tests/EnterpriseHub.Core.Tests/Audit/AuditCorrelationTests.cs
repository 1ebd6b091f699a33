using EnterpriseHub.Core.Audit;

namespace EnterpriseHub.Core.Tests.Audit;

public sealed class AuditCorrelationTests
{
    [Fact]
    public void Current_OutsideAnyCall_Empty()
    {
        Assert.Equal(string.Empty, AuditCorrelation.Current);
    }

    [Fact]
    public async Task Begin_FlowsIntoAwaitedWorkAndEndsWithTheScope()
    {
        string inside;
        using (AuditCorrelation.Begin("case-7"))
        {
            inside = await Task.Run(async () =>
            {
                await Task.Yield();
                return AuditCorrelation.Current;
            });
        }

        Assert.Equal("case-7", inside);
        Assert.Equal(string.Empty, AuditCorrelation.Current);
    }

    [Fact]
    public async Task Begin_ConcurrentCalls_EachSeesItsOwn()
    {
        async Task<string> CallAsync(string id, TaskCompletionSource other, TaskCompletionSource mine)
        {
            using var _ = AuditCorrelation.Begin(id);
            mine.SetResult();
            await other.Task;
            return AuditCorrelation.Current;
        }

        var a = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var b = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var results = await Task.WhenAll(Task.Run(() => CallAsync("a", b, a)), Task.Run(() => CallAsync("b", a, b)));

        Assert.Equal(["a", "b"], results);
    }

    [Fact]
    public void Begin_Nested_RestoresTheOuterId()
    {
        using var outer = AuditCorrelation.Begin("outer");
        using (AuditCorrelation.Begin("inner"))
        {
            Assert.Equal("inner", AuditCorrelation.Current);
        }

        Assert.Equal("outer", AuditCorrelation.Current);
    }
}
