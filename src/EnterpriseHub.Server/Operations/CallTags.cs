using System.Collections.Frozen;
using System.Text;
using EnterpriseHub.Core.Access;
using Grpc.Core;

namespace EnterpriseHub.Server.Operations;

/// <summary>The tags of <c>hub.calls</c>: bounded sets, named as operators know them.</summary>
internal static class CallTags
{
    /// <summary>Canonical gRPC code names (INVALID_ARGUMENT), as PromQL rules and gRPC documentation spell them.</summary>
    private static readonly FrozenDictionary<StatusCode, string> Codes = Enum.GetValues<StatusCode>()
        .ToFrozenDictionary(code => code, code => Snake(code.ToString()));

    public static string Code(StatusCode code) => Codes.GetValueOrDefault(code, "UNKNOWN");

    /// <summary>
    /// The caller's main kind. One identity may be of several; the tag names the one that decides
    /// most of what it may do: portal, admin, department, supervision_reader, delivery_channel.
    /// </summary>
    public static string Kind(CallerKinds kinds) => kinds switch
    {
        _ when kinds.HasFlag(CallerKinds.Portal) => "portal",
        _ when kinds.HasFlag(CallerKinds.Admin) => "admin",
        _ when kinds.HasFlag(CallerKinds.Department) => "department",
        _ when kinds.HasFlag(CallerKinds.SupervisionReader) => "supervision_reader",
        _ when kinds.HasFlag(CallerKinds.DeliveryChannel) => "delivery_channel",
        _ => "unknown",
    };

    private static string Snake(string name)
    {
        var snake = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]))
            {
                snake.Append('_');
            }

            snake.Append(char.ToUpperInvariant(c));
        }

        return snake.ToString();
    }
}
