using System.Globalization;
using Responder.Bench;

return args switch
{
    ["generate", var output, var alerts, var perEnvelope] => Generator.Write(output, int.Parse(alerts, CultureInfo.InvariantCulture), int.Parse(perEnvelope, CultureInfo.InvariantCulture)),
    ["bare", var input] => BareDecode.Run(input),
    ["bare-lambda"] => await BareLambda.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Responder.Bench generate OUTPUT ALERTS PER_ENVELOPE | bare INPUT | bare-lambda (under a Runtime API)");
    return 2;
}
