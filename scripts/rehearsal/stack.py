"""The stack: the artifacts and secrets a deploy needs, the stack created in moto's CloudFormation,
its resources read back, its outputs checked, and its deletion."""

import base64
import copy
import io
import json
import secrets
import time
import zipfile

from . import api
from .report import check
from .resolver import Resolver
from .translate import lint_errors, translate

STUB_ARTIFACTS = "rehearsal-artifacts"


def stub_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("bootstrap")
        info.external_attr = 0o755 << 16
        z.writestr(info, "#!/bin/sh\necho 'rehearsal stub: the real binary comes from sam build' >&2\nexit 1\n")
    return buf.getvalue()


def upload_artifacts(d):
    """The artifacts `sam package` would upload."""
    s3 = d.aws("s3")
    d.bucket = f"{STUB_ARTIFACTS}-{d.stack}".lower()
    try:
        if d.region == "us-east-1":
            s3.create_bucket(Bucket=d.bucket)
        else:
            s3.create_bucket(Bucket=d.bucket, CreateBucketConfiguration={"LocationConstraint": d.region})
    except s3.exceptions.BucketAlreadyOwnedByYou:
        pass  # a previous rehearsal against the same --endpoint
    for lid, res in d.sam_template["Resources"].items():
        if res.get("Type") == "AWS::Serverless::Function":
            s3.put_object(Bucket=d.bucket, Key=f"{lid}.zip", Body=stub_zip())


def translate_template(d):
    d.cfn = translate(d.sam_template, d.values, d.region, d.bucket)
    check(d.name("samtranslator turns template.yaml into CloudFormation"), "Resources" in d.cfn,
          f"{len(d.cfn['Resources'])} resources, {len(d.cfn.get('Outputs', {}))} outputs")
    matches = lint_errors(d.cfn, d.region)
    check(d.name("cfn-lint on the translated CloudFormation: no errors"), not matches,
          "; ".join(f"{m.rule.id} {m.message}" for m in matches[:3]) or "schema, references, IAM actions")


def create_secrets(d):
    """The secrets the checklist creates before deploying (32 random bytes, base64: `openssl rand -base64 32`)."""
    ssm = d.aws("ssm")
    d.alexa_secret = base64.b64encode(secrets.token_bytes(32)).decode()
    ssm.put_parameter(Name="/" + d.values["WithingsClientSecretParameter"], Value="withings-secret-for-rehearsal",
                      Type="SecureString", Overwrite=True)
    ssm.put_parameter(Name="/" + d.values["AlexaClientSecretParameter"], Value=d.alexa_secret,
                      Type="SecureString", Overwrite=True)


def deployable_template(d):
    """The translated template without the types moto's CloudFormation has no model for: stand-ins for
    those through moto's own service API."""
    from moto.cloudformation.parsing import get_model_map
    supported = get_model_map()
    d.unsupported = {lid: r["Type"] for lid, r in d.cfn["Resources"].items() if r["Type"] not in supported}
    types = set(d.unsupported.values())
    check(d.name("every type moto cannot create has a stand-in here"), types <= api.HANDLED,
          ", ".join(sorted(types - api.HANDLED)) or ", ".join(sorted(types)))
    deployable = copy.deepcopy(d.cfn)
    d.standin_ids = {}
    for lid, typ in d.unsupported.items():
        deployable["Resources"].pop(lid)
        if typ == api.API:
            d.standin_ids[lid] = api.create_api(d, lid)
            # A Ref to the API is its id: the stack gets it as a parameter of the same name.
            deployable.setdefault("Parameters", {})[lid] = {"Type": "String"}
    text = json.dumps(deployable)
    for lid, typ in d.unsupported.items():
        if typ != api.API and (f'"Ref": "{lid}"' in text or f'"{lid}.' in text or f'["{lid}"' in text):
            check(d.name(f"nothing refers to {lid}"), False, "the stack refers to a resource the rehearsal removed")
    return deployable


def create_stack(d, deployable):
    """Creates the stack; False if moto's CloudFormation refused it outright."""
    params = [{"ParameterKey": k, "ParameterValue": v} for k, v in {**d.values, **d.standin_ids}.items()]
    cf = d.aws("cloudformation")
    if any(x["StackName"] == d.stack for x in cf.list_stacks()["StackSummaries"] if x["StackStatus"] != "DELETE_COMPLETE"):
        cf.delete_stack(StackName=d.stack)  # left by an interrupted rehearsal against the same --endpoint
    caps = d.capabilities.split() if isinstance(d.capabilities, str) else list(d.capabilities)
    try:
        cf.create_stack(StackName=d.stack, TemplateBody=json.dumps(deployable), Parameters=params, Capabilities=caps)
        for _ in range(100):
            st = cf.describe_stacks(StackName=d.stack)["Stacks"][0]
            if not st["StackStatus"].endswith("IN_PROGRESS"):
                break
            time.sleep(0.1)
    except Exception as e:  # noqa: BLE001 -- report, don't crash
        check(d.name("moto's CloudFormation creates the stack"), False, str(e)[:200])
        return False
    check(d.name("moto's CloudFormation creates the stack"), st["StackStatus"] == "CREATE_COMPLETE",
          st["StackStatus"] + (f": {st.get('StackStatusReason')}" if st.get("StackStatusReason") else ""))
    d.stack_id = st["StackId"]
    return True


def read_back(d):
    """The stack's resources and their physical ids, a Resolver for the template against them, and the
    outputs the template gives (conditional ones when their condition holds)."""
    cf, lam, ddb = d.aws("cloudformation"), d.aws("lambda"), d.aws("dynamodb")
    d.resources = {r["LogicalResourceId"]: r for r in cf.describe_stack_resources(StackName=d.stack)["StackResources"]}
    d.physical = {lid: r.get("PhysicalResourceId", "") for lid, r in d.resources.items()}
    d.physical.update(d.standin_ids)
    d.account = d.aws("sts").get_caller_identity()["Account"]

    def get_att(res, att):
        typ = d.cfn["Resources"][res]["Type"]
        if att == "Arn" and typ == "AWS::Lambda::Function":
            return lam.get_function_configuration(FunctionName=d.physical[res])["FunctionArn"]
        if att == "Arn" and typ == "AWS::DynamoDB::Table":
            return ddb.describe_table(TableName=d.physical[res])["Table"]["TableArn"]
        if att == "Arn" and typ == "AWS::Logs::LogGroup":
            return f"arn:aws:logs:{d.region}:{d.account}:log-group:{d.physical[res]}:*"
        raise ValueError(f"GetAtt {res}.{att}: not needed so far")

    pseudo = {"AWS::Region": d.region, "AWS::AccountId": d.account, "AWS::Partition": "aws",
              "AWS::URLSuffix": "amazonaws.com", "AWS::StackName": d.stack, "AWS::StackId": d.stack_id}
    d.rv = Resolver(d.cfn, d.values, pseudo, d.physical, get_att)
    d.outputs_expected = {k: d.rv.resolve(v["Value"]) for k, v in d.cfn.get("Outputs", {}).items()
                          if "Condition" not in v or d.rv.conditions[v["Condition"]]}


def check_resources(d):
    """Every resource created, except those moto cannot create (their stand-ins are checked in api)."""
    d.rows = []
    d.created = 0
    for lid, res in d.cfn["Resources"].items():
        typ = res["Type"]
        if lid in d.unsupported:
            d.rows.append((lid, typ, "not supported", "see the stand-in checks below"))
            continue
        r = d.resources.get(lid)
        ok = r is not None and r["ResourceStatus"] == "CREATE_COMPLETE"
        d.created += ok
        check(d.name(f"{lid} created"), ok, r["ResourceStatus"] if r else "missing from the stack")
        d.rows.append((lid, typ, "created" if ok else "FAILED", d.physical.get(lid) or "(no physical id in moto)"))


def check_outputs(d):
    d.described = d.aws("cloudformation").describe_stacks(StackName=d.stack)["Stacks"][0]
    got_out = d.got_out = {o["OutputKey"]: o["OutputValue"] for o in d.described.get("Outputs", [])}
    want = d.outputs_expected
    missing = sorted(set(want) - set(got_out))
    extra = sorted(set(got_out) - set(want))
    check(d.name("every output present (conditional ones when their condition holds)"),
          not missing and not extra and all(got_out.values()),
          f"{len(got_out)} outputs" + (f"; missing {missing}" if missing else "") + (f"; unexpected {extra}" if extra else ""))
    wrong = [k for k in want if k in got_out and str(want[k]) != got_out[k]]
    check(d.name("every output has the value the template gives it"), not wrong,
          "; ".join(f"{k}: {got_out[k]} != {want[k]}" for k in wrong))
    base = got_out.get("LinkBridgeUrl", "")
    url_outs = {k: v for k, v in got_out.items() if k.endswith("Url")}
    check(d.name("URL outputs: https:// once, all under LinkBridgeUrl"),
          all(v.startswith("https://") and v.count("https://") == 1 and v.startswith(base) for v in url_outs.values()),
          ", ".join(f"{k}={v[len(base):] or '/'}" for k, v in sorted(url_outs.items())))
    skill_arn = d.aws("lambda").get_function_configuration(FunctionName=d.physical["SkillFunction"])["FunctionArn"]
    check(d.name("SkillFunctionArn is the deployed skill function"), got_out.get("SkillFunctionArn") == skill_arn,
          got_out.get("SkillFunctionArn", ""))


def delete(d):
    """`sam delete` keeps the table."""
    d.aws("cloudformation").delete_stack(StackName=d.stack)
    logs = d.aws("logs")
    left = [t for t in d.aws("dynamodb").list_tables()["TableNames"] if t == d.table_name]
    groups_left = [g["logGroupName"] for lid, r in d.cfn["Resources"].items() if r["Type"] == "AWS::Logs::LogGroup"
                   for g in logs.describe_log_groups(logGroupNamePrefix=d.physical[lid])["logGroups"]]
    check(d.name("delete: the table is retained, the log groups go"), left == [d.table_name] and not groups_left,
          f"left: table {left}, log groups {groups_left}")
    for lid in d.standin_ids.values():
        d.aws("apigatewayv2").delete_api(ApiId=lid)
