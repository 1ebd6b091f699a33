using System.Net.Sockets;
using EnterpriseHub.Client;
using Grpc.Core;

namespace EnterpriseHub.Cli.Cli;

/// <summary>
/// The one place that turns a failure into what the user sees on standard error (status, reason,
/// each field violation, request id; JSON in json mode) and into the exit code:
/// UNAVAILABLE and DEADLINE_EXCEEDED → 3, any other hub status → 1, a usage problem → 2.
/// </summary>
internal static class Failures
{
    /// <summary>Prints <paramref name="exception"/> and returns its exit code; rethrows what it does not know.</summary>
    public static int Report(Exception exception, Output output) => exception switch
    {
        RpcException rpc => Refusal(rpc.ToHubError(), output),
        CliUsageException usage => Usage(usage, output),
        HttpRequestException or SocketException => Unreachable(exception.Message, output),
        _ => throw new InvalidOperationException("Unexpected failure", exception),
    };

    /// <summary>The exit code of a hub status.</summary>
    public static int ExitCode(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded ? ExitCodes.Unavailable : ExitCodes.Refused;

    /// <summary>Prints a hub refusal and returns its exit code.</summary>
    public static int Refusal(HubError error, Output output)
    {
        var status = Screaming(error.Code);
        if (output.IsJson)
        {
            output.Stderr.WriteLine(Output.JsonLine(json =>
            {
                json.WriteString("status", status);
                json.WriteString("reason", error.Reason);
                json.WriteString("message", error.Message);
                json.WriteString("requestId", error.RequestId);
                Output.WriteViolations(json, "fieldViolations", error.FieldViolations.Select(v => (v.Field, v.Description)));
            }));
        }
        else
        {
            output.Stderr.WriteLine($"error: {status} {error.Reason ?? "(no reason)"}: {error.Message}");
            foreach (var violation in error.FieldViolations)
            {
                output.Stderr.WriteLine($"  {violation.Field}: {violation.Description}");
            }

            output.Stderr.WriteLine($"  request id: {error.RequestId ?? "(none)"}");
        }

        return ExitCode(error.Code);
    }

    /// <summary>
    /// Prints the one line saying which step of an offline check failed (<c>not proven: STEP: why</c>;
    /// in json mode an object with <c>status</c> <c>NOT_PROVEN</c>, <c>step</c> and <c>message</c>) and returns
    /// <see cref="ExitCodes.Refused"/>.
    /// </summary>
    public static int NotProven(string step, string message, Output output)
    {
        output.Stderr.WriteLine(output.IsJson
            ? Output.JsonLine(json =>
            {
                json.WriteString("status", "NOT_PROVEN");
                json.WriteString("step", step);
                json.WriteString("message", message);
            })
            : $"not proven: {step}: {message}");
        return ExitCodes.Refused;
    }

    private static int Usage(CliUsageException usage, Output output)
    {
        if (output.IsJson)
        {
            output.Stderr.WriteLine(Output.JsonLine(json =>
            {
                json.WriteString("status", "USAGE");
                json.WriteString("message", usage.Message);
                json.WriteStartArray("fieldViolations");
                foreach (var (field, description) in usage.Violations)
                {
                    json.WriteStartObject();
                    json.WriteString("field", field);
                    json.WriteString("description", description);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }));
        }
        else
        {
            output.Stderr.WriteLine($"error: {usage.Message}");
            foreach (var (field, description) in usage.Violations)
            {
                output.Stderr.WriteLine($"  {field}: {description}");
            }
        }

        return ExitCodes.Usage;
    }

    private static int Unreachable(string message, Output output)
    {
        if (output.IsJson)
        {
            output.Stderr.WriteLine(Output.JsonLine(json =>
            {
                json.WriteString("status", "UNAVAILABLE");
                json.WriteString("message", message);
            }));
        }
        else
        {
            output.Stderr.WriteLine($"error: UNAVAILABLE: {message}");
        }

        return ExitCodes.Unavailable;
    }

    /// <summary>INVALID_ARGUMENT rather than InvalidArgument: the name the hub's documentation uses.</summary>
    private static string Screaming(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
