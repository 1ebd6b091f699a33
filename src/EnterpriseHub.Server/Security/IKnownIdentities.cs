namespace EnterpriseHub.Server.Security;

/// <summary>The identities the hub knows; a certificate naming any other is refused at the handshake.</summary>
internal interface IKnownIdentities
{
    bool IsKnown(string identity);
}
