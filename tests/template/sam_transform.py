#!/usr/bin/env python3
"""The SAM transform of a template, offline: what `sam validate` and CloudFormation's
AWS::Serverless-2016-10-31 transform make of it. Prints the transformed template as JSON; exits 1
with every transform error on standard error.

A local CodeUri (sam build's input) becomes an S3 location, as `sam validate` does: --code-uri
names one (a bucket the caller filled), else a placeholder.
"""
import argparse
import json
import sys

import boto3
import yaml
from samtranslator.model.exceptions import InvalidDocumentException, InvalidTemplateException
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator


class _Loader(yaml.SafeLoader):
    """YAML with CloudFormation's short tags (!Ref, !Sub, !GetAtt, ...) read as their long forms."""


def _intrinsic(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {suffix if suffix in ("Ref", "Condition") else "Fn::" + suffix: value}


_Loader.add_multi_constructor("!", _intrinsic)
# Keep "on", "yes" and dates as the strings CloudFormation sees.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, regex) for tag, regex in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path):
    """The template as plain values, short tags in their long forms."""
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_Loader)


def transformed(template, region, code_uri):
    """The template after the SAM transform; raises InvalidDocumentException with every error."""
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(properties.get("CodeUri"), str) \
                and not properties["CodeUri"].startswith("s3://"):
            properties["CodeUri"] = code_uri
    translator = Translator(None, Parser(), boto_session=boto3.Session(region_name=region))
    # The template names managed policies by ARN: SAM's policy names are never looked up.
    return translator.translate(template, parameter_values={}, get_managed_policy_map=lambda: {})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("template")
    # The region only names the partition of the ARNs SAM writes; nothing is called.
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--code-uri", default="s3://placeholder-bucket/placeholder.zip", help="S3 location of the function code")
    args = parser.parse_args()

    try:
        result = transformed(load(args.template), args.region, args.code_uri)
    except (InvalidDocumentException, InvalidTemplateException) as error:
        for cause in getattr(error, "causes", None) or [error]:
            print(f"SAM transform: {getattr(cause, 'message', cause)}", file=sys.stderr)
        return 1

    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
