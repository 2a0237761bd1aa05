using Responder.Bench;

return args switch
{
    ["generate", var output, var alerts, var perEnvelope] => Generator.Write(output, int.Parse(alerts, System.Globalization.CultureInfo.InvariantCulture), int.Parse(perEnvelope, System.Globalization.CultureInfo.InvariantCulture)),
    ["bare", var input] => BareDecode.Run(input),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Responder.Bench generate OUTPUT ALERTS PER_ENVELOPE | bare INPUT");
    return 2;
}
