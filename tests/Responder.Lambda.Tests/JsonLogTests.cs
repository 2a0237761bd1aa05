using System.Text;
using System.Text.Json.Nodes;
using Responder.Lambda;
using Responder.Lambda.Logging;

namespace Responder.Lambda.Tests;

/// <summary>The log lines as CloudWatch shows them: the raw text, not only what a JSON parser makes of it.</summary>
public sealed class JsonLogTests
{
    [Fact]
    public void Failed_MessageWithQuotesAnglesAndAccents_IsWrittenReadably()
    {
        const string Message = "can't reach <https://api> for pod 'web-1' in café+prod";
        using var output = new MemoryStream();
        using (var log = new JsonLog(output, TimeProvider.System))
        {
            log.Failed("req-1", "invocation.failed", new RuntimeFailure(RuntimeFailure.Unhandled, Message));
            log.Flush();
        }

        var line = Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n');
        Assert.Contains($"\"message\":\"{Message}\"", line, StringComparison.Ordinal);
        Assert.Equal(Message, JsonNode.Parse(line)!["message"]!.GetValue<string>());
    }
}
