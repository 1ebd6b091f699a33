using EnterpriseHub.Core.Access;
using Google.Protobuf;

namespace EnterpriseHub.Server.Access;

/// <summary>
/// The enterprise a portal acts for in a request, every enterprise the request names, and the
/// person at the enterprise on whose behalf the portal calls (its <c>officer_id</c>).
/// </summary>
internal readonly record struct EnterpriseScope(string ActingFor, IEnumerable<string> Named, string Person);

/// <summary>
/// One method's declaration: the kinds of caller it admits; for a method a portal may call, the
/// enterprises its request names (all must be the one it acts for); for an owner's method, the
/// fact types its request names (all must be the caller's own).
/// </summary>
internal sealed record MethodAccess(
    CallerKinds Admits, Func<IMessage, EnterpriseScope>? Scope = null, Func<IMessage, IEnumerable<string>>? OwnedTypes = null)
{
    public static MethodAccess For(CallerKinds admits) => new(admits);

    /// <summary>A method whose request carries <c>acting_for</c>.</summary>
    public static MethodAccess For<TRequest>(CallerKinds admits, Func<TRequest, EnterpriseScope> scope)
        where TRequest : IMessage => new(admits, Scope: message => scope((TRequest)message));

    /// <summary>A method of the owner of the fact types its request names.</summary>
    public static MethodAccess Owned<TRequest>(CallerKinds admits, Func<TRequest, IEnumerable<string>> types)
        where TRequest : IMessage => new(admits, OwnedTypes: message => types((TRequest)message));
}
