using EnterpriseHub.Web.Hosting;

var app = PortalApplication.Build(args);
await app.RunAsync();
