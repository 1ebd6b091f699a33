using EnterpriseHub.Witness;

var builder = WebApplication.CreateBuilder(args);
builder.AddWitness();

var app = builder.Build();
app.MapWitness();
app.Run();
