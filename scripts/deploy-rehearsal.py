#!/usr/bin/env python3
"""Deploy rehearsal: template.yaml, as `sam deploy` would deploy it, into moto's CloudFormation.

What it does, offline, in a few seconds:

 1. reads the deploy parameters from samconfig.example.toml exactly as SAM CLI parses them, and
    checks them as CloudFormation would (required ones given, AllowedPattern, AllowedValues, ...);
 2. turns template.yaml into plain CloudFormation with SAM's own translator (samtranslator, what
    `sam validate` and CloudFormation's Serverless transform use), with each function's code as an
    S3 artifact, as after `sam package`, and lints that CloudFormation with cfn-lint;
 3. creates the SSM secrets the deploy checklist asks for, then the stack, in moto's CloudFormation
    (moto serves CloudFormation beside DynamoDB, Lambda, IAM, Logs, SSM, S3 and API Gateway v2);
 4. checks that every resource was created, reads each back from moto's service APIs (table, functions,
    roles and their policies, invoke permissions, log groups) and compares it with the template;
 5. resource types moto's CloudFormation cannot create (AWS::ApiGatewayV2::Api and ::Stage) are said
    so, and created instead through moto's API Gateway v2 API from the same, resolved, properties: the
    routes must reach the deployed bridge function, the access logs an existing log group;
 6. checks every output, runs scripts/skill-package.py on the outputs, and deletes the stack (the
    table must survive it);
 7. repeats 3-6 with the other branch of every condition (custom domain, no vendor id, no reserved
    concurrency, US cloud).

It prints a table of resources (created / not supported), the outputs and every check, and exits
non-zero if a check fails. The function code is a stub (the real build is rehearsed by `sam build`
in scripts/sam-local-test.sh). The stages are in scripts/rehearsal/, one stage or concern a module.

    scripts/deploy-rehearsal.py                  # starts its own moto_server (from PATH)
    scripts/deploy-rehearsal.py --endpoint http://127.0.0.1:5000
"""

import argparse
import logging
import sys
from pathlib import Path

from samcli.yamlhelper import yaml_parse

# Python puts this script's directory first on sys.path, so the package beside it imports as `rehearsal`.
from rehearsal.local_aws import Aws, start_moto
from rehearsal.parameters import check_example, deploy_parameters, variant
from rehearsal.report import summary
from rehearsal.scenario import rehearse

ROOT = Path(__file__).resolve().parent.parent


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--endpoint", help="an existing moto server (default: start one)")
    ap.add_argument("--template", default=str(ROOT / "template.yaml"))
    ap.add_argument("--config", default=str(ROOT / "samconfig.example.toml"))
    args = ap.parse_args()

    import moto
    import samtranslator

    # samtranslator's metrics complain on exit that nobody published them: nobody needs to.
    logging.getLogger("samtranslator").setLevel(logging.ERROR)
    sam_template = yaml_parse(Path(args.template).read_text())
    stack, region, given, capabilities = deploy_parameters(Path(args.config), sam_template)

    proc = None
    endpoint = args.endpoint
    if not endpoint:
        proc, endpoint = start_moto()
    print(f"deploy rehearsal: {Path(args.template).name} -> samtranslator {samtranslator.__version__} ->"
          f" moto {moto.__version__} CloudFormation at {endpoint}")
    try:
        values, problems = check_example(sam_template, given, region)
        if not problems:
            rehearse("example", Aws(endpoint, region), sam_template, values, stack, region, capabilities, True)
            other = variant(sam_template, values)
            rehearse("variant", Aws(endpoint, "us-east-1"), sam_template, other, f"{stack}-variant",
                     "us-east-1", capabilities, False)
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=10)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
