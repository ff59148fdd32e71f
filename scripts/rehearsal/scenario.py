"""One parameter set deployed and checked, stage by stage, in the order the checks are listed."""

from . import api, iam, properties, stack
from .report import IGNORED, failed, table
from .skill_package import check_skill_package


class Deployment:
    """What the stages share about one parameter set; each stage fills in what the later ones read."""

    def __init__(self, label, aws, sam_template, values, stack_name, region, capabilities):
        self.label, self.aws, self.sam_template, self.values = label, aws, sam_template, values
        self.stack, self.region, self.capabilities = stack_name, region, capabilities
        self.bucket = self.cfn = self.alexa_secret = None             # stack: artifacts, template, secrets
        self.unsupported, self.standin_ids = {}, {}                   # stack: types moto cannot create
        self.stack_id = self.resources = self.physical = None         # stack: created, read back
        self.account = self.rv = self.outputs_expected = None
        self.rows, self.created = [], 0                               # stack, api: the resource table
        self.table_name = None                                        # properties
        self.grants = []                                              # iam
        self.described = self.got_out = None                          # stack: outputs

    def name(self, check_name):
        return f"[{self.label}] {check_name}"


def rehearse(label, aws, sam_template, values, stack_name, region, capabilities, verbose):
    """Deploy one parameter set; returns the number of failed checks it added."""
    before = failed()
    print(f"\n=== {label}: stack {stack_name} in {region}")
    d = Deployment(label, aws, sam_template, values, stack_name, region, capabilities)
    stack.upload_artifacts(d)
    stack.translate_template(d)
    stack.create_secrets(d)
    deployable = stack.deployable_template(d)
    if not stack.create_stack(d, deployable):
        return failed() - before
    stack.read_back(d)
    stack.check_resources(d)
    properties.check_table(d)
    properties.check_functions(d)
    iam.check_roles(d)
    iam.check_skill_invokers(d)
    api.check_standins(d)
    properties.check_log_groups(d)
    stack.check_outputs(d)
    check_skill_package(d)
    stack.delete(d)
    print_deployment(d, verbose)
    return failed() - before


def print_deployment(d, verbose):
    unsupported, got_out = d.unsupported, d.got_out
    if verbose:
        print(f"\n  {d.created} resources created by moto's CloudFormation, {len(unsupported)} not supported by it"
              " (created through moto's API Gateway v2 API instead):")
        table(d.rows, ("RESOURCE", "TYPE", "RESULT", "DETAIL"))
        print("\n  properties moto's CloudFormation does not apply, checked in the translated template instead:")
        for line in sorted(IGNORED):
            print(f"    {line}")
        print("\n  outputs:")
        table(sorted(got_out.items()), ("OUTPUT", "VALUE"))
        print("\n  what each function may do (inline policies, besides AWSLambdaBasicExecutionRole's logs):")
        table(d.grants, ("FUNCTION", "ACTIONS", "ON (dynamodb:LeadingKeys / SSM parameter)"))
    else:
        print(f"  {d.created} resources created, {len(unsupported)} stand-ins, {len(got_out)} outputs: "
              + ", ".join(f"{k}={v}" for k, v in sorted(got_out.items()) if k in ("LinkBridgeUrl",)))
