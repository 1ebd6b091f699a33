namespace EnterpriseHub.Web.Hosting;

/// <summary>The web page's log messages: ids and codes, never payloads, names or keys.</summary>
internal static partial class WebLog
{
    [LoggerMessage(2001, LogLevel.Information, "TLS client on the sign-in port presented no certificate")]
    public static partial void SignInWithoutCertificate(ILogger logger);

    [LoggerMessage(2002, LogLevel.Warning, "User certificate serial {Serial} refused ({Problem}): {Reason}")]
    public static partial void SignInCertificateRefused(ILogger logger, string serial, string problem, string reason);

    [LoggerMessage(2003, LogLevel.Information, "Person {Person} signed in, may act for {Enterprises} enterprise(s)")]
    public static partial void SignedIn(ILogger logger, string person, int enterprises);

    [LoggerMessage(2004, LogLevel.Information, "Person {Person} chose an enterprise")]
    public static partial void EnterpriseChosen(ILogger logger, string person);

    [LoggerMessage(2005, LogLevel.Warning, "Person {Person} asked to act for an enterprise the certificate does not name")]
    public static partial void ForeignEnterpriseRefused(ILogger logger, string person);

    [LoggerMessage(2006, LogLevel.Information, "Person {Person} signed out")]
    public static partial void SignedOut(ILogger logger, string person);

    [LoggerMessage(2007, LogLevel.Warning, "Hub refused a call: {StatusCode} {Reason}, hub request {HubRequestId}")]
    public static partial void HubRefused(ILogger logger, string statusCode, string? reason, string? hubRequestId);

    [LoggerMessage(2008, LogLevel.Error, "Hub unavailable: {StatusCode}")]
    public static partial void HubUnavailable(ILogger logger, string statusCode);

    [LoggerMessage(2010, LogLevel.Information, "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    public static partial void Request(ILogger logger, string method, string path, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(2011, LogLevel.Warning, "The hub's audit log checkpoint failed to verify with the page's keys: {Reason}")]
    public static partial void CheckpointRefused(ILogger logger, string reason);

    [LoggerMessage(2009, LogLevel.Warning, "Sign-in CRL not configured: revoked user certificates would sign in")]
    public static partial void NoRevocationCheck(ILogger logger);
}
