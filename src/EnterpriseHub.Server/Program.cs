using EnterpriseHub.Core.Errors;
using EnterpriseHub.Server.Hosting;
using EnterpriseHub.Server.Security;

if (args is ["dev-certs", .. var rest])
{
    return DevCertificatesCommand.Run(rest);
}

try
{
    await using var app = await HubApplication.BuildAsync(args);
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (exception is HubConfigurationException or RulesFileException)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}
