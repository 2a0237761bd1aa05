namespace Responder.Aws.SecurityHub;

/// <summary>Security Hub product ARNs: arn:&lt;partition&gt;:securityhub:&lt;region&gt;:&lt;account&gt;:product/&lt;company&gt;/&lt;product&gt;.</summary>
public static class ProductArns
{
    /// <summary>The account's own product, for findings of a custom integration such as this one.</summary>
    public static string Default(string region, string account) => $"arn:{Partition(region)}:securityhub:{region}:{account}:product/{account}/default";

    public static string Region(string productArn) => productArn.Split(':')[3];

    /// <summary>The account the findings are for: the product's account, which for the default product is the account itself.</summary>
    public static string Account(string productArn) => productArn.Split(':')[4];

    public static string PartitionOf(string productArn) => productArn.Split(':')[1];

    /// <summary>The partition of a region: aws-cn for China, aws-us-gov for GovCloud, aws otherwise.</summary>
    public static string Partition(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";
}
