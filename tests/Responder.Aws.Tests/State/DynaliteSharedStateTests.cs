namespace Responder.Aws.Tests.State;

[Collection(DynaliteCollection.Name)]
public sealed class DynaliteSharedStateTests(DynaliteFixture dynalite) : SharedStateTests(dynalite.Server);
