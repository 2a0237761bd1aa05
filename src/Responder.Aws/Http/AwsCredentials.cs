using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Responder.Aws.Http;

/// <summary>The default credential chain: environment, profile/SSO, container, instance metadata.</summary>
public static class AwsCredentials
{
    // Kept for the life of the process: it watches the profile files and refreshes what it resolved.
    private static readonly DefaultAWSCredentialsIdentityResolver Resolver = new();

    public static AWSCredentials Default() => Resolver.ResolveIdentity(null);
}
