#!/usr/bin/env python3
"""Deploys a SAM template in moto's CloudFormation (a server at --endpoint) and prints, as JSON, what it made: the
stack's status and outputs, its resources, and the function, role, table, queue, topic and log group as their own
services describe them.

moto's CloudFormation runs no transform, so the template goes through the SAM transform here first (sam_transform.py),
with the function's code in an S3 bucket of moto's: a zip holding a stub bootstrap. moto creates no
AWS::EKS::AccessEntry, AWS::Logs::MetricFilter, AWS::Logs::SubscriptionFilter, AWS::CloudWatch::Alarm or
AWS::Lambda::EventInvokeConfig: they are listed with no physical id, and the checks read what it does create.
"""
import argparse
import ast
import io
import json
import sys
import warnings
import zipfile

import boto3

import sam_transform


def client(service, args):
    return boto3.client(service, endpoint_url=args.endpoint, region_name=args.region,
                        aws_access_key_id="AKIDMOTO", aws_secret_access_key="moto-secret")


def upload_code(args, stack):
    s3 = client("s3", args)
    bucket = f"{stack.lower()}-code"
    if args.region == "us-east-1":
        s3.create_bucket(Bucket=bucket)
    else:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": args.region})
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as z:
        z.writestr("bootstrap", "#!/bin/sh\nexit 1\n")
    s3.put_object(Bucket=bucket, Key="function.zip", Body=package.getvalue())
    return f"s3://{bucket}/function.zip"


def policy_document(document):
    """A role policy as IAM gives it back. moto keeps a policy CloudFormation gave it as Python's text of the
    document, and an !If to AWS::NoValue in the statement list as a null that CloudFormation would have dropped."""
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except json.JSONDecodeError:
            document = ast.literal_eval(document)
    document["Statement"] = [s for s in document["Statement"] if s is not None]
    return document


def describe(args):
    cfn = client("cloudformation", args)
    template = sam_transform.transformed(sam_transform.load(args.template), args.region, upload_code(args, args.stack))
    parameters = [{"ParameterKey": k, "ParameterValue": v} for k, v in (p.split("=", 1) for p in args.param)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cfn.create_stack(StackName=args.stack, TemplateBody=json.dumps(template), Parameters=parameters,
                         Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"])
    stack = cfn.describe_stacks(StackName=args.stack)["Stacks"][0]
    resources = {r["LogicalResourceId"]: {"type": r["ResourceType"], "physicalId": r.get("PhysicalResourceId") or None}
                 for r in cfn.list_stack_resources(StackName=args.stack)["StackResourceSummaries"]}
    result = {
        "status": stack["StackStatus"],
        "reason": stack.get("StackStatusReason"),
        "outputs": {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])},
        "resources": resources,
    }

    function = client("lambda", args).get_function_configuration(FunctionName=resources["ResponderFunction"]["physicalId"])
    result["function"] = {k: function.get(k) for k in ("FunctionName", "Runtime", "Handler", "Role", "Timeout", "MemorySize",
                                                        "Architectures", "Environment", "VpcConfig", "LoggingConfig")}

    iam = client("iam", args)
    role = resources["ResponderRole"]["physicalId"]
    result["role"] = {
        "arn": iam.get_role(RoleName=role)["Role"]["Arn"],
        "assumeRolePolicy": iam.get_role(RoleName=role)["Role"]["AssumeRolePolicyDocument"],
        "managedPolicies": [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]],
        "inlinePolicies": {name: policy_document(iam.get_role_policy(RoleName=role, PolicyName=name)["PolicyDocument"])
                           for name in iam.list_role_policies(RoleName=role)["PolicyNames"]},
    }

    if "StateTable" in resources:
        dynamodb = client("dynamodb", args)
        table = dynamodb.describe_table(TableName=resources["StateTable"]["physicalId"])["Table"]
        ttl = dynamodb.describe_time_to_live(TableName=table["TableName"])["TimeToLiveDescription"]
        result["table"] = {"arn": table["TableArn"], "keySchema": table["KeySchema"], "attributes": table["AttributeDefinitions"],
                           "billingMode": table.get("BillingModeSummary", {}).get("BillingMode"), "ttl": ttl}

    sqs = client("sqs", args)
    result["queue"] = sqs.get_queue_attributes(QueueUrl=resources["FailedEventQueue"]["physicalId"], AttributeNames=["All"])["Attributes"]

    if "AlertTopic" in resources:
        result["topic"] = client("sns", args).get_topic_attributes(TopicArn=resources["AlertTopic"]["physicalId"])["Attributes"]

    if resources.get("EvidenceBucket", {}).get("physicalId"):
        # moto's CloudFormation applies a bucket's encryption and tags only: the rest is held by the contract checks.
        bucket = resources["EvidenceBucket"]["physicalId"]
        result["evidenceBucket"] = {
            "name": bucket,
            "encryption": client("s3", args).get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"],
        }

    groups = client("logs", args).describe_log_groups(logGroupNamePrefix=resources["ResponderLogGroup"]["physicalId"])["logGroups"]
    result["logGroup"] = [{"name": g["logGroupName"], "arn": g["arn"], "retentionInDays": g.get("retentionInDays")} for g in groups]
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("template")
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--region", default="eu-west-1")
    parser.add_argument("--stack", required=True)
    parser.add_argument("--param", action="append", default=[], help="Name=Value, as many as needed")
    args = parser.parse_args()
    json.dump(describe(args), sys.stdout, indent=1, default=str)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
