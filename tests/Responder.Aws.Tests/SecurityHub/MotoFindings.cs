using System.Text;
using System.Text.Json.Nodes;
using Responder.Aws.Http;
using Responder.Harness.Servers;

namespace Responder.Aws.Tests.SecurityHub;

/// <summary>What moto's Security Hub holds, read back with GetFindings (moto applies no filter: every finding of the region).</summary>
internal static class MotoFindings
{
    public static async Task<Dictionary<string, JsonObject>> AllAsync(MotoServer moto)
    {
        using var http = AwsHttp.Create(MotoServer.Credentials, FindingsHarness.Region, "securityhub");
        var findings = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        string? next = null;
        do
        {
            var request = new JsonObject { ["MaxResults"] = 100 };
            if (next is not null)
            {
                request["NextToken"] = next;
            }

            using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(moto.Endpoint, "findings"), content);
            response.EnsureSuccessStatusCode();
            var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            foreach (var finding in reply["Findings"]!.AsArray())
            {
                findings[finding!["Id"]!.GetValue<string>()] = finding.AsObject();
            }

            next = reply["NextToken"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(next));

        return findings;
    }
}
