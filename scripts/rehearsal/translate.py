"""template.yaml into plain CloudFormation with SAM's own translator, and cfn-lint on the result."""

import copy
import json

import boto3
from samtranslator.internal.managed_policies import get_bundled_managed_policy_map
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator


def translate(sam_template, values, region, artifacts_bucket):
    """samtranslator's CloudFormation for the template, code artifacts in S3 as after `sam package`."""
    doc = copy.deepcopy(sam_template)
    for logical_id, res in doc["Resources"].items():
        if res.get("Type") == "AWS::Serverless::Function":
            res["Properties"]["CodeUri"] = f"s3://{artifacts_bucket}/{logical_id}.zip"
    session = boto3.session.Session(region_name=region, aws_access_key_id="test", aws_secret_access_key="test")
    translator = Translator(None, Parser(), plugins=[], boto_session=session)
    return translator.translate(doc, dict(values),
                                get_managed_policy_map=lambda: get_bundled_managed_policy_map("aws"))


def lint_errors(cfn, region):
    """cfn-lint's errors (not its warnings) on the translated CloudFormation."""
    from cfnlint.api import lint  # imported when needed: it takes a second to load
    return [m for m in lint(json.dumps(cfn), regions=[region]) if m.rule.id.startswith("E")]
