using EnterpriseHub.Cli;

return await HubCtl.RunAsync(args, Console.Out, Console.Error, HubCtl.ProcessEnvironment(), !Console.IsOutputRedirected);
