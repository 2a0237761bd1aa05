using Responder.Core.Ingest;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Core.Tests.Ingest;

public sealed class EnvelopeShapeTests
{
    public static TheoryData<string, RecordShape> EnvelopesAndShapes()
    {
        var data = new TheoryData<string, RecordShape>();
        foreach (var envelope in new[] { "cloudwatch", "kinesis", "sns", "direct", "array", "drill" })
        {
            foreach (var shape in Enum.GetValues<RecordShape>())
            {
                data.Add(envelope, shape);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EnvelopesAndShapes))]
    public async Task Decode_EveryEnvelopeAndShape_FindsTheAlert(string envelope, RecordShape shape)
    {
        var record = Records.InShape(Fixtures.Alert("terminal-shell"), shape);
        var input = envelope switch
        {
            "cloudwatch" => Envelopes.CloudWatch([record]),
            "kinesis" => Envelopes.Kinesis([record]),
            "sns" => Envelopes.Sns(record),
            "direct" => record,
            "array" => Envelopes.Array(record),
            _ => Envelopes.Drill(Envelopes.CloudWatch([record])),
        };

        var report = await ReportRunner.RunAsync(input);

        Assert.Empty(report.Rejected());
        var alert = Assert.Single(report.Alerts())!;
        Assert.Equal("Terminal shell in container", alert["rule"]!.GetValue<string>());
        Assert.Equal("Notice", alert["priority"]!.GetValue<string>());
        Assert.Equal("payments", alert["namespace"]!.GetValue<string>());
        Assert.Equal("api-7d9f8b6c5d-x2k4q", alert["pod"]!.GetValue<string>());
        Assert.Equal("ip-10-0-1-23.eu-west-1.compute.internal", alert["node"]!.GetValue<string>());
        Assert.Equal("syscall", alert["source"]!.GetValue<string>());
    }
}
