using EnterpriseHub.Cli.Cli;
using Grpc.Health.V1;

namespace EnterpriseHub.Cli.Tests;

public sealed class OutputTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Table_NotATerminalOrNoColor_NoEscapeSequences(bool isTerminal, bool noColor)
    {
        using var stdout = new StringWriter();
        var output = new Output(stdout, TextWriter.Null, OutputFormat.Table, isTerminal, noColor);

        output.Show(new HealthCheckResponse(), () => new Spectre.Console.Markup("[red]SERVING[/]"));

        Assert.False(output.IsInteractive);
        Assert.Contains("SERVING", stdout.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Say_JsonMode_NothingOnStdout()
    {
        using var stdout = new StringWriter();
        var output = new Output(stdout, TextWriter.Null, OutputFormat.Json, isTerminal: true, noColor: false);

        output.Say("for people only");
        output.Json(new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.Serving });

        Assert.Equal("{ \"status\": \"SERVING\" }" + Environment.NewLine, stdout.ToString());
    }
}
