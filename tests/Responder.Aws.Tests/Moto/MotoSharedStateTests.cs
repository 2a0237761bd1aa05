using Responder.Aws.Tests.State;

namespace Responder.Aws.Tests.Moto;

/// <summary>The shared-state scenarios on moto's DynamoDB, whose table has TTL on expiresAt as the template's has.</summary>
[Collection(MotoCollection.Name)]
public sealed class MotoSharedStateTests(MotoFixture moto) : SharedStateTests(moto.Server);
