using Responder.Harness.Servers;

namespace Responder.Aws.Tests;

/// <summary>One fauxqs server for the test run.</summary>
public sealed class FauxqsFixture : IAsyncLifetime
{
    public Fauxqs Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await Fauxqs.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class FauxqsCollection : ICollectionFixture<FauxqsFixture>
{
    public const string Name = "fauxqs";
}
