using Responder.Aws.SecurityHub;

namespace Responder.Aws.Tests.SecurityHub;

public sealed class FindingTypesTests
{
    [Theory]
    [InlineData("container,mitre_privilege_escalation,T1611", "TTPs/Privilege Escalation|TTPs/Privilege Escalation/T1611")]
    [InlineData("mitre_execution,T1059", "TTPs/Execution|TTPs/Execution/T1059")]
    [InlineData("MITRE_Credential_Access,t1555.003", "TTPs/Credential Access|TTPs/Credential Access/T1555.003")]
    [InlineData("mitre_persistence,mitre_defense_evasion", "TTPs/Persistence|TTPs/Defense Evasion")]
    [InlineData("mitre_exfiltration", "Effects/Data Exfiltration")]
    [InlineData("mitre_impact,T1496", "Effects/Resource Consumption|Effects/Resource Consumption/T1496")]
    [InlineData("mitre_impact,T1485", "Effects/Data Destruction|Effects/Data Destruction/T1485")]
    [InlineData("mitre_reconnaissance", "TTPs/Discovery")]
    [InlineData("container,shell", "Unusual Behaviors/Container")]
    [InlineData("", "Unusual Behaviors/Container")]
    public void Of_FalcoTags_AreTheirAsffTypes(string tags, string expected)
    {
        Assert.Equal(expected.Split('|'), FindingTypes.Of(tags.Split(',', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void Of_TagsThatAreNotMitreNames_NeverReachTheTypes()
    {
        // A tag is alert text: only the fixed names and checked technique ids may appear.
        var types = FindingTypes.Of(["TTPs/Forged/Type", "mitre_execution/../x", "T1059; drop", "T99999", "Effects/Data Exfiltration"]);

        Assert.Equal([FindingTypes.Fallback], types);
    }

    [Fact]
    public void Of_ManyTechniques_AtMostFiftyTypes()
    {
        var tags = Enumerable.Range(1000, 80).Select(n => $"T{n}").Prepend("mitre_execution").ToList();

        Assert.Equal(FindingTypes.MaxTypes, FindingTypes.Of(tags).Count);
    }
}
