namespace EnterpriseHub.Server.Tests;

/// <summary>A hub of its own with the demo zone, on a clock the tests move: grants expire when a test says so, not when a wall clock does.</summary>
public sealed class SharingFixture() : HubFixture(new HubSetup { Demo = true, Clock = HubSetup.NewClock() });
