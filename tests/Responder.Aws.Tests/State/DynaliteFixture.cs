using Responder.Harness.Servers;

namespace Responder.Aws.Tests.State;

/// <summary>One dynalite server for the test run; each test makes its own table.</summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    public Dynalite Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await Dynalite.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
