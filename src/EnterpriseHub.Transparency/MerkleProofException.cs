namespace EnterpriseHub.Transparency;

/// <summary>A proof that does not prove what it is offered for; the message says why.</summary>
public sealed class MerkleProofException(string message) : Exception(message);
