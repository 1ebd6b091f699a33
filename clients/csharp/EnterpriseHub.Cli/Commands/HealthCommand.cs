using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using Grpc.Health.V1;

namespace EnterpriseHub.Cli.Commands;

/// <summary><c>hubctl health [--service NAME]</c>: whether the hub serves, through grpc.health.v1.</summary>
internal static class HealthCommand
{
    public static Command Create(CliContext context)
    {
        var service = new Option<string>("--service")
        {
            Description = "A service to ask about (e.g. enterprisehub.v1.FactExchange); the whole hub by default.",
            DefaultValueFactory = _ => string.Empty,
        };
        var command = new Command("health", "Asks the hub whether it serves.") { service };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var reply = await run.Hub.Health.CheckAsync(new HealthCheckRequest { Service = run.Value(service) }, cancellationToken: cancellationToken);
            run.Output.Show(reply, () => Output.Pairs(("hub", run.Connection.Hub), ("status", Name(reply.Status))));
            return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving ? ExitCodes.Done : ExitCodes.Refused;
        });
        return command;
    }

    private static string Name(HealthCheckResponse.Types.ServingStatus status) => status switch
    {
        HealthCheckResponse.Types.ServingStatus.Serving => "SERVING",
        HealthCheckResponse.Types.ServingStatus.NotServing => "NOT_SERVING",
        HealthCheckResponse.Types.ServingStatus.ServiceUnknown => "SERVICE_UNKNOWN",
        _ => "UNKNOWN",
    };
}
