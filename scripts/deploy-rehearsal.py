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
in scripts/sam-local-test.sh).

    scripts/deploy-rehearsal.py                  # starts its own moto_server (from PATH)
    scripts/deploy-rehearsal.py --endpoint http://127.0.0.1:5000
"""

import argparse
import ast
import base64
import copy
import io
import json
import logging
import os
import secrets
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from samcli.yamlhelper import yaml_parse

# Python puts this script's directory first on sys.path, so the package beside it imports as `rehearsal`.
from rehearsal.local_aws import Aws, start_moto
from rehearsal.parameters import deploy_parameters, effective_parameters
from rehearsal.report import CHECKS, IGNORED, check, table
from rehearsal.resolver import Resolver
from rehearsal.translate import translate

ROOT = Path(__file__).resolve().parent.parent
STUB_ARTIFACTS = "rehearsal-artifacts"

# ------------------------------------------------------------------------------------ the artifact
def stub_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("bootstrap")
        info.external_attr = 0o755 << 16
        z.writestr(info, "#!/bin/sh\necho 'rehearsal stub: the real binary comes from sam build' >&2\nexit 1\n")
    return buf.getvalue()


# ------------------------------------------------------------------------------------- a scenario
EXPECTED_ROUTES = {"GET /authorize", "GET /withings/callback", "POST /token", "GET /privacy", "GET /terms"}
SKILL_PREFIXES = {"link#", "user#", "person#"}
BRIDGE_PREFIXES = {"pending#", "code#", "refresh#", "link#"}


def policy_statements(aws, role_name):
    iam = aws("iam")
    out = []
    for name in iam.list_role_policies(RoleName=role_name)["PolicyNames"]:
        doc = iam.get_role_policy(RoleName=role_name, PolicyName=name)["PolicyDocument"]
        if isinstance(doc, str):  # moto keeps CloudFormation-made inline policies as str(dict)
            try:
                doc = json.loads(doc)
            except ValueError:
                doc = ast.literal_eval(doc)
        stmts = doc["Statement"]
        out += stmts if isinstance(stmts, list) else [stmts]
    managed = [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=role_name)["AttachedPolicies"]]
    return out, managed


def as_list(x):
    return x if isinstance(x, list) else [x]


def rehearse(label, aws, sam_template, values, stack, region, capabilities, verbose):
    """Deploy one parameter set; returns the number of failed checks it added."""
    before = sum(1 for c in CHECKS if not c[1])
    print(f"\n=== {label}: stack {stack} in {region}")
    pname = lambda n: f"[{label}] {n}"  # noqa: E731

    # The artifacts `sam package` would upload.
    s3 = aws("s3")
    bucket = f"{STUB_ARTIFACTS}-{stack}".lower()
    try:
        if region == "us-east-1":
            s3.create_bucket(Bucket=bucket)
        else:
            s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
    except s3.exceptions.BucketAlreadyOwnedByYou:
        pass  # a previous rehearsal against the same --endpoint
    for lid, res in sam_template["Resources"].items():
        if res.get("Type") == "AWS::Serverless::Function":
            s3.put_object(Bucket=bucket, Key=f"{lid}.zip", Body=stub_zip())

    cfn = translate(sam_template, values, region, bucket)
    check(pname("samtranslator turns template.yaml into CloudFormation"), "Resources" in cfn,
          f"{len(cfn['Resources'])} resources, {len(cfn.get('Outputs', {}))} outputs")
    from cfnlint.api import lint
    matches = [m for m in lint(json.dumps(cfn), regions=[region]) if m.rule.id.startswith("E")]
    check(pname("cfn-lint on the translated CloudFormation: no errors"), not matches,
          "; ".join(f"{m.rule.id} {m.message}" for m in matches[:3]) or "schema, references, IAM actions")

    # The secrets the checklist creates before deploying (32 random bytes, base64: `openssl rand -base64 32`).
    ssm = aws("ssm")
    alexa_secret = base64.b64encode(secrets.token_bytes(32)).decode()
    ssm.put_parameter(Name="/" + values["WithingsClientSecretParameter"], Value="withings-secret-for-rehearsal",
                      Type="SecureString", Overwrite=True)
    ssm.put_parameter(Name="/" + values["AlexaClientSecretParameter"], Value=alexa_secret,
                      Type="SecureString", Overwrite=True)

    # Types moto's CloudFormation has no model for: stand-ins through moto's own service API.
    from moto.cloudformation.parsing import get_model_map
    supported = get_model_map()
    unsupported = {lid: r["Type"] for lid, r in cfn["Resources"].items() if r["Type"] not in supported}
    handled = {"AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Stage"}
    check(pname("every type moto cannot create has a stand-in here"), set(unsupported.values()) <= handled,
          ", ".join(sorted(set(unsupported.values()) - handled)) or ", ".join(sorted(set(unsupported.values()))))
    apigw = aws("apigatewayv2")
    deployable = copy.deepcopy(cfn)
    standin_ids = {}
    for lid, typ in unsupported.items():
        deployable["Resources"].pop(lid)
        if typ == "AWS::ApiGatewayV2::Api":
            api = apigw.create_api(Name=f"{stack}-{lid}", ProtocolType="HTTP")
            standin_ids[lid] = api["ApiId"]
            # A Ref to the API is its id: the stack gets it as a parameter of the same name.
            deployable.setdefault("Parameters", {})[lid] = {"Type": "String"}
    text = json.dumps(deployable)
    for lid, typ in unsupported.items():
        if typ != "AWS::ApiGatewayV2::Api" and (f'"Ref": "{lid}"' in text or f'"{lid}.' in text or f'["{lid}"' in text):
            check(pname(f"nothing refers to {lid}"), False, "the stack refers to a resource the rehearsal removed")

    params = [{"ParameterKey": k, "ParameterValue": v} for k, v in {**values, **standin_ids}.items()]
    cf = aws("cloudformation")
    if any(x["StackName"] == stack for x in cf.list_stacks()["StackSummaries"] if x["StackStatus"] != "DELETE_COMPLETE"):
        cf.delete_stack(StackName=stack)  # left by an interrupted rehearsal against the same --endpoint
    caps = capabilities.split() if isinstance(capabilities, str) else list(capabilities)
    try:
        cf.create_stack(StackName=stack, TemplateBody=json.dumps(deployable), Parameters=params, Capabilities=caps)
        for _ in range(100):
            st = cf.describe_stacks(StackName=stack)["Stacks"][0]
            if not st["StackStatus"].endswith("IN_PROGRESS"):
                break
            time.sleep(0.1)
    except Exception as e:  # noqa: BLE001 -- report, don't crash
        check(pname("moto's CloudFormation creates the stack"), False, str(e)[:200])
        return sum(1 for c in CHECKS if not c[1]) - before
    check(pname("moto's CloudFormation creates the stack"), st["StackStatus"] == "CREATE_COMPLETE",
          st["StackStatus"] + (f": {st.get('StackStatusReason')}" if st.get("StackStatusReason") else ""))

    resources = {r["LogicalResourceId"]: r for r in cf.describe_stack_resources(StackName=stack)["StackResources"]}
    physical = {lid: r.get("PhysicalResourceId", "") for lid, r in resources.items()}
    physical.update(standin_ids)
    lam, logs, ddb = aws("lambda"), aws("logs"), aws("dynamodb")
    account = aws("sts").get_caller_identity()["Account"]

    def get_att(res, att):
        typ = cfn["Resources"][res]["Type"]
        if att == "Arn" and typ == "AWS::Lambda::Function":
            return lam.get_function_configuration(FunctionName=physical[res])["FunctionArn"]
        if att == "Arn" and typ == "AWS::DynamoDB::Table":
            return ddb.describe_table(TableName=physical[res])["Table"]["TableArn"]
        if att == "Arn" and typ == "AWS::Logs::LogGroup":
            return f"arn:aws:logs:{region}:{account}:log-group:{physical[res]}:*"
        raise ValueError(f"GetAtt {res}.{att}: not needed so far")

    pseudo = {"AWS::Region": region, "AWS::AccountId": account, "AWS::Partition": "aws",
              "AWS::URLSuffix": "amazonaws.com", "AWS::StackName": stack, "AWS::StackId": st["StackId"]}
    rv = Resolver(cfn, values, pseudo, physical, get_att)

    # ---- resources
    rows = []
    created = 0
    for lid, res in cfn["Resources"].items():
        typ = res["Type"]
        if lid in unsupported:
            rows.append((lid, typ, "not supported", "see the stand-in checks below"))
            continue
        r = resources.get(lid)
        ok = r is not None and r["ResourceStatus"] == "CREATE_COMPLETE"
        created += ok
        check(pname(f"{lid} created"), ok, r["ResourceStatus"] if r else "missing from the stack")
        rows.append((lid, typ, "created" if ok else "FAILED", physical.get(lid) or "(no physical id in moto)"))

    # ---- the table
    table_name = physical["LinksTable"]
    t = ddb.describe_table(TableName=table_name)["Table"]
    props = cfn["Resources"]["LinksTable"]["Properties"]
    check(pname("LinksTable: key pk (S, HASH), on-demand"),
          t["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}]
          and t.get("BillingModeSummary", {}).get("BillingMode") == "PAY_PER_REQUEST",
          f"{t['KeySchema'][0]['AttributeName']} {t['KeySchema'][0]['KeyType']}, {t.get('BillingModeSummary', {}).get('BillingMode')}")
    check(pname("LinksTable: encrypted, TTL on ttl, point-in-time recovery, retained on delete (template)"),
          props.get("SSESpecification") == {"SSEEnabled": True}
          and props.get("TimeToLiveSpecification") == {"AttributeName": "ttl", "Enabled": True}
          and props.get("PointInTimeRecoverySpecification") == {"PointInTimeRecoveryEnabled": True}
          and cfn["Resources"]["LinksTable"].get("DeletionPolicy") == "Retain",
          "moto's CloudFormation applies none of these: checked in the translated template")
    IGNORED.add("LinksTable: SSESpecification, TimeToLiveSpecification, PointInTimeRecoverySpecification")

    # ---- functions
    funcs = {lid: r for lid, r in cfn["Resources"].items() if r["Type"] == "AWS::Lambda::Function"}
    outputs_expected = {k: rv.resolve(v["Value"]) for k, v in cfn.get("Outputs", {}).items()
                        if "Condition" not in v or rv.conditions[v["Condition"]]}
    for lid, res in funcs.items():
        conf = lam.get_function_configuration(FunctionName=physical[lid])
        p = res["Properties"]
        want_env = rv.resolve(p.get("Environment", {})).get("Variables", {})
        got_env = (conf.get("Environment") or {}).get("Variables", {})
        check(pname(f"{lid}: provided.al2023, bootstrap, 128 MB, 7 s"),
              (conf["Runtime"], conf["Handler"], conf["MemorySize"], conf["Timeout"]) == ("provided.al2023", "bootstrap", 128, 7),
              f"{conf['Runtime']}, {conf['Handler']}, {conf['MemorySize']} MB, {conf['Timeout']} s")
        check(pname(f"{lid}: environment as the template resolves it"), got_env == want_env,
              ", ".join(sorted(got_env)) if got_env == want_env else f"moto {got_env} != template {want_env}")
        local = [k for k in ("AWS_ENDPOINT_URL", "ALEXA_API_URL") if k in got_env]
        urls = {k: v for k, v in got_env.items() if k.endswith("_URL")}
        check(pname(f"{lid}: no local-only variable, every URL https"),
              not local and all(v.startswith("https://") and "https://https://" not in v for v in urls.values()),
              "; ".join(f"{k}={v}" for k, v in urls.items()) + (f"; local-only set: {local}" if local else ""))
        check(pname(f"{lid}: RUST_LOG keeps the AWS SDK at warn"),
              got_env.get("RUST_LOG", "").startswith("warn,") and "debug" not in got_env.get("RUST_LOG", "").split(",")[0],
              got_env.get("RUST_LOG", ""))
        arch = rv.resolve(p.get("Architectures"))
        log_group = rv.resolve(p.get("LoggingConfig", {})).get("LogGroup")
        check(pname(f"{lid}: {arch}, logs to its own group (template)"),
              arch == [values["Architecture"]] and log_group in physical.values(),
              f"log group {log_group}; moto's CloudFormation ignores Architectures and LoggingConfig")
        IGNORED.add("functions: Architectures, LoggingConfig")
        if lid == "LinkFunction":
            check(pname("LinkFunction: PUBLIC_BASE_URL is the stack's LinkBridgeUrl"),
                  got_env.get("PUBLIC_BASE_URL") == outputs_expected.get("LinkBridgeUrl"),
                  got_env.get("PUBLIC_BASE_URL", "(unset)"))
            want_rc = int(values["LinkReservedConcurrency"])
            got_rc = lam.get_function_concurrency(FunctionName=physical[lid]).get("ReservedConcurrentExecutions")
            check(pname("LinkFunction: reserved concurrency"), (got_rc or 0) == want_rc,
                  f"{got_rc if got_rc is not None else 'none'} (parameter {want_rc})")

    # ---- roles: exactly what each function may do
    table_arn = ddb.describe_table(TableName=table_name)["Table"]["TableArn"]
    grants = []
    for lid, prefixes, params_ in (("SkillFunction", SKILL_PREFIXES, ["WithingsClientSecretParameter"]),
                                   ("LinkFunction", BRIDGE_PREFIXES, ["WithingsClientSecretParameter", "AlexaClientSecretParameter"])):
        role_lid = cfn["Resources"][lid]["Properties"]["Role"]["Fn::GetAtt"][0]
        stmts, managed = policy_statements(aws, physical[role_lid])
        problems = []
        ssm_resources = set()
        for s in stmts:
            actions = as_list(s["Action"])
            res_ = as_list(s["Resource"])
            for a in actions:
                if a in ("*", "dynamodb:*", "ssm:*") or a.startswith(("dynamodb:Scan", "dynamodb:Query", "dynamodb:Batch")):
                    problems.append(f"{a} granted")
            if any(a.startswith("dynamodb:") for a in actions):
                keys = (s.get("Condition", {}).get("ForAllValues:StringLike", {}) or {}).get("dynamodb:LeadingKeys")
                if not keys:
                    problems.append(f"{s.get('Sid')}: no dynamodb:LeadingKeys condition")
                elif not {k.rstrip("*") for k in as_list(keys)} <= prefixes:
                    problems.append(f"{s.get('Sid')}: prefixes {keys} beyond {sorted(prefixes)}")
                if res_ != [table_arn]:
                    problems.append(f"{s.get('Sid')}: resource {res_} is not the table alone")
                grants.append((lid, ", ".join(a.split(":")[1] for a in actions), ", ".join(as_list(keys or []))))
            elif any(a.startswith("ssm:") for a in actions):
                if actions != ["ssm:GetParameter"]:
                    problems.append(f"{s.get('Sid')}: {actions}")
                ssm_resources |= set(res_)
                grants.append((lid, ", ".join(a.split(":")[1] for a in actions),
                               ", ".join(r.split(":parameter", 1)[1] for r in res_)))
            else:
                problems.append(f"{s.get('Sid')}: unexpected actions {actions}")
        want_ssm = {f"arn:aws:ssm:{region}:{account}:parameter/{values[p]}" for p in params_}
        if ssm_resources != want_ssm:
            problems.append(f"SSM {sorted(ssm_resources)} != {sorted(want_ssm)}")
        basic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
        # moto's CloudFormation does not attach ManagedPolicyArns: read them from the template.
        managed = managed or rv.resolve(cfn["Resources"][role_lid]["Properties"].get("ManagedPolicyArns", []))
        IGNORED.add("roles: ManagedPolicyArns")
        if managed != [basic]:
            problems.append(f"managed policies {managed}")
        check(pname(f"{role_lid}: item actions on own prefixes only, own SSM parameters only"), not problems,
              "; ".join(problems) or f"{len(stmts)} statements + AWSLambdaBasicExecutionRole")

    # ---- who may invoke the functions
    skill_pol = json.loads(lam.get_policy(FunctionName=physical["SkillFunction"])["Policy"])["Statement"]
    principals = [json.dumps(s.get("Principal")) for s in skill_pol]
    # moto drops EventSourceToken from the statement: read it from the template.
    tokens = [rv.resolve(r["Properties"].get("EventSourceToken")) for r in cfn["Resources"].values()
              if r["Type"] == "AWS::Lambda::Permission" and r["Properties"].get("Principal") == "alexa-appkit.amazon.com"]
    IGNORED.add("SkillFunctionAlexaPermission: EventSourceToken")
    check(pname("SkillFunction: invoked by Alexa, for this skill id only"),
          len(skill_pol) == 1 and "alexa-appkit.amazon.com" in principals[0] and tokens == [values["AlexaSkillId"]],
          f"{len(skill_pol)} statement, {principals[0] if principals else ''}, EventSourceToken {tokens} (template)")

    # ---- stand-ins for what moto cannot create
    api_lid = next((lid for lid, typ in unsupported.items() if typ == "AWS::ApiGatewayV2::Api"), None)
    stage_lid = next((lid for lid, typ in unsupported.items() if typ == "AWS::ApiGatewayV2::Stage"), None)
    standin_detail = {}
    if api_lid:
        api_id = standin_ids[api_lid]
        body = rv.resolve(cfn["Resources"][api_lid]["Properties"]["Body"])
        apigw.reimport_api(ApiId=api_id, Body=json.dumps(body))
        routes = {r["RouteKey"]: r["Target"].split("/")[-1] for r in apigw.get_routes(ApiId=api_id)["Items"]}
        integrations = {i["IntegrationId"]: i for i in apigw.get_integrations(ApiId=api_id)["Items"]}
        link_arn = lam.get_function_configuration(FunctionName=physical["LinkFunction"])["FunctionArn"]
        want_uri = f"arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{link_arn}/invocations"
        bad = [k for k, iid in routes.items()
               if integrations[iid].get("IntegrationUri") != want_uri
               or integrations[iid].get("IntegrationType") != "aws_proxy"
               or integrations[iid].get("PayloadFormatVersion") != "2.0"]
        check(pname(f"{api_lid} (stand-in): its routes are the bridge's"), set(routes) == EXPECTED_ROUTES,
              ", ".join(sorted(routes)))
        check(pname(f"{api_lid} (stand-in): every route reaches the deployed LinkFunction"), routes and not bad,
              f"aws_proxy 2.0 -> {link_arn}" if not bad else f"wrong integration on {bad}")
        link_pol = json.loads(lam.get_policy(FunctionName=physical["LinkFunction"])["Policy"])["Statement"]
        arns = set()
        for s in link_pol:
            cond = s.get("Condition", {}).get("ArnLike", {})
            arns |= set(as_list(cond.get("AWS:SourceArn", [])))
        want_arns = {f"arn:aws:execute-api:{region}:{account}:{api_id}/*/{k.replace(' ', '')}" for k in EXPECTED_ROUTES}
        check(pname("LinkFunction: API Gateway may invoke it on these routes of this API only"), arns == want_arns,
              f"{len(arns)} route permissions" if arns == want_arns else f"{sorted(arns)} != {sorted(want_arns)}")
        standin_detail[api_lid] = f"stand-in: {api_id} via moto's apigatewayv2 API, {len(routes)} routes -> LinkFunction"
        check(pname("LinkBridgeUrl is the API's execute-api URL"),
              outputs_expected.get("LinkBridgeUrl") in (f"https://{api_id}.execute-api.{region}.amazonaws.com",
                                                        values.get("LinkPublicBaseUrl")),
              outputs_expected.get("LinkBridgeUrl", ""))
    if stage_lid:
        sp = rv.resolve(cfn["Resources"][stage_lid]["Properties"])
        kwargs = {"ApiId": sp["ApiId"], "StageName": sp["StageName"], "AutoDeploy": sp.get("AutoDeploy", False),
                  "AccessLogSettings": sp.get("AccessLogSettings", {}),
                  "DefaultRouteSettings": sp.get("DefaultRouteSettings", {}), "Tags": sp.get("Tags", {})}
        apigw.create_stage(**kwargs)
        stage = apigw.get_stage(ApiId=sp["ApiId"], StageName=sp["StageName"])
        dest = stage.get("AccessLogSettings", {}).get("DestinationArn", "")
        group = dest.split(":log-group:", 1)[-1]
        exists = any(g["logGroupName"] == group for g in logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"])
        fmt = stage.get("AccessLogSettings", {}).get("Format", "")
        try:
            fields = json.loads(fmt)
        except ValueError:
            fields = None
        check(pname(f"{stage_lid} (stand-in): access logs to an existing log group, ARN `sam logs` can read"),
              exists and not dest.endswith(":*"), dest)
        check(pname(f"{stage_lid} (stand-in): access log is JSON without query strings"),
              isinstance(fields, dict) and "query" not in fmt.lower() and "$context.requestId" in fmt,
              ", ".join(fields) if isinstance(fields, dict) else fmt[:80])
        thr = stage.get("DefaultRouteSettings", {})
        check(pname(f"{stage_lid} (stand-in): stage throttling"),
              thr.get("ThrottlingRateLimit", 0) > 0 and thr.get("ThrottlingBurstLimit", 0) > 0,
              f"{thr.get('ThrottlingRateLimit')} req/s, burst {thr.get('ThrottlingBurstLimit')}")
        standin_detail[stage_lid] = (f"stand-in: {sp['StageName']} via moto's apigatewayv2 API, "
                                     f"{thr.get('ThrottlingRateLimit')}/s burst {thr.get('ThrottlingBurstLimit')}, logs -> {group}")
    rows = [(r[0], r[1], r[2], standin_detail.get(r[0], r[3])) for r in rows]

    # ---- log groups
    for lid, res in cfn["Resources"].items():
        if res["Type"] == "AWS::Logs::LogGroup":
            g = logs.describe_log_groups(logGroupNamePrefix=physical[lid])["logGroups"]
            days = g[0].get("retentionInDays") if g else None
            check(pname(f"{lid}: retention {values['LogRetentionDays']} days"),
                  str(days) == values["LogRetentionDays"], f"{physical[lid]}: {days}")

    # ---- outputs
    st = cf.describe_stacks(StackName=stack)["Stacks"][0]
    got_out = {o["OutputKey"]: o["OutputValue"] for o in st.get("Outputs", [])}
    missing = sorted(set(outputs_expected) - set(got_out))
    extra = sorted(set(got_out) - set(outputs_expected))
    check(pname("every output present (conditional ones when their condition holds)"),
          not missing and not extra and all(got_out.values()),
          f"{len(got_out)} outputs" + (f"; missing {missing}" if missing else "") + (f"; unexpected {extra}" if extra else ""))
    wrong = [k for k in outputs_expected if k in got_out and str(outputs_expected[k]) != got_out[k]]
    check(pname("every output has the value the template gives it"), not wrong,
          "; ".join(f"{k}: {got_out[k]} != {outputs_expected[k]}" for k in wrong))
    base = got_out.get("LinkBridgeUrl", "")
    url_outs = {k: v for k, v in got_out.items() if k.endswith("Url")}
    check(pname("URL outputs: https:// once, all under LinkBridgeUrl"),
          all(v.startswith("https://") and v.count("https://") == 1 and v.startswith(base) for v in url_outs.values()),
          ", ".join(f"{k}={v[len(base):] or '/'}" for k, v in sorted(url_outs.items())))
    check(pname("SkillFunctionArn is the deployed skill function"),
          got_out.get("SkillFunctionArn") == lam.get_function_configuration(FunctionName=physical["SkillFunction"])["FunctionArn"],
          got_out.get("SkillFunctionArn", ""))

    # ---- the skill package, from these outputs
    with tempfile.TemporaryDirectory() as tmp:
        outputs_file = Path(tmp) / "describe-stacks.json"
        outputs_file.write_text(json.dumps({"Stacks": [st]}, default=str))
        secret_file = Path(tmp) / "secret"
        got_secret = ssm.get_parameter(Name=got_out["AlexaClientSecretParameterName"], WithDecryption=True)["Parameter"]["Value"]
        secret_file.write_text(got_secret)
        cmd = [sys.executable, str(ROOT / "scripts" / "skill-package.py"), "--stack-outputs", str(outputs_file),
               "--alexa-client-secret-file", str(secret_file), "--out", str(Path(tmp) / "build"),
               "--ask-states", str(Path(tmp) / "ask-states.json")]
        if values.get("AlexaVendorId"):
            cmd += ["--vendor-id", values["AlexaVendorId"]]
        run = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "ASK_CONFIG_FILE": os.devnull})
        ok = run.returncode == 0
        detail = (run.stderr.strip().splitlines() or [""])[-1]
        if ok:
            skill = json.loads((Path(tmp) / "build" / "skill-package" / "skill.json").read_text())["manifest"]
            linking = json.loads((Path(tmp) / "build" / "accountLinking.json").read_text())["accountLinkingRequest"]
            ok = (skill["apis"]["custom"]["endpoint"]["uri"] == got_out["SkillFunctionArn"]
                  and linking["authorizationUrl"] == got_out["AuthorizationUrl"]
                  and linking["accessTokenUrl"] == got_out["AccessTokenUrl"]
                  and linking["clientSecret"] == alexa_secret
                  and all(v["privacyPolicyUrl"] == got_out["PrivacyPolicyUrl"]
                          for v in skill["privacyAndCompliance"]["locales"].values()))
            detail = "endpoint, account linking and privacy URLs from these outputs"
        check(pname("scripts/skill-package.py builds a deployable package from these outputs"), ok, detail)

    # ---- teardown: `sam delete` keeps the table
    cf.delete_stack(StackName=stack)
    left = [t for t in ddb.list_tables()["TableNames"] if t == table_name]
    groups_left = [g["logGroupName"] for lid, r in cfn["Resources"].items() if r["Type"] == "AWS::Logs::LogGroup"
                   for g in logs.describe_log_groups(logGroupNamePrefix=physical[lid])["logGroups"]]
    check(pname("delete: the table is retained, the log groups go"), left == [table_name] and not groups_left,
          f"left: table {left}, log groups {groups_left}")
    for lid in standin_ids.values():
        apigw.delete_api(ApiId=lid)

    if verbose:
        print(f"\n  {created} resources created by moto's CloudFormation, {len(unsupported)} not supported by it"
              " (created through moto's API Gateway v2 API instead):")
        table(rows, ("RESOURCE", "TYPE", "RESULT", "DETAIL"))
        print("\n  properties moto's CloudFormation does not apply, checked in the translated template instead:")
        for line in sorted(IGNORED):
            print(f"    {line}")
        print("\n  outputs:")
        table(sorted(got_out.items()), ("OUTPUT", "VALUE"))
        print("\n  what each function may do (inline policies, besides AWSLambdaBasicExecutionRole's logs):")
        table(grants, ("FUNCTION", "ACTIONS", "ON (dynamodb:LeadingKeys / SSM parameter)"))
    else:
        print(f"  {created} resources created, {len(unsupported)} stand-ins, {len(got_out)} outputs: "
              + ", ".join(f"{k}={v}" for k, v in sorted(got_out.items()) if k in ("LinkBridgeUrl",)))
    return sum(1 for c in CHECKS if not c[1]) - before


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
        values, problems = effective_parameters(sam_template, given)
        check("samconfig.example.toml: parameters CloudFormation accepts", not problems,
              "; ".join(problems) or f"{len(given)} given, {len(values) - len(given)} defaults")
        local = [k for k, v in values.items() if k.startswith("LocalOnly") and v]
        check("samconfig.example.toml: no local-only parameter set", not local, ", ".join(local))
        check("samconfig.example.toml: an Alexa region", region in ("us-east-1", "us-west-2", "eu-west-1"), region)
        required = [k for k, v in sam_template["Parameters"].items() if "Default" not in v]
        check("template: required parameters come first", list(sam_template["Parameters"])[:len(required)] == required,
              ", ".join(required))
        failed = 0
        if not problems:
            failed += rehearse("example", Aws(endpoint, region), sam_template, values, stack, region, capabilities, True)
            variant = dict(values, AlexaVendorId="", LinkPublicBaseUrl="https://link.health-diary.test",
                           LinkReservedConcurrency="0", WithingsCloud="us", LogRetentionDays="7")
            _, vproblems = effective_parameters(sam_template, variant)
            check("variant parameters accepted", not vproblems, "; ".join(vproblems))
            failed += rehearse("variant", Aws(endpoint, "us-east-1"), sam_template, variant, f"{stack}-variant",
                               "us-east-1", capabilities, False)
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=10)

    print("\nchecks:")
    table([("PASS" if ok else "FAIL", name, detail[:150]) for name, ok, detail in CHECKS], ("", "CHECK", "DETAIL"))
    passed = sum(1 for c in CHECKS if c[1])
    print(f"\ndeploy rehearsal: {passed} passed, {len(CHECKS) - passed} failed")
    return 0 if passed == len(CHECKS) else 1


if __name__ == "__main__":
    sys.exit(main())
