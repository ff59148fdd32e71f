"""Least privilege: exactly what each function's role may do, and who may invoke the skill."""

import ast
import json

from .report import IGNORED, check

# The skill deletes a link's refresh grant (refresh#) when the skill is disabled;
# the bridge keeps the Withings-user index (user#) as it creates and moves links.
SKILL_PREFIXES = {"link#", "user#", "person#", "refresh#"}
BRIDGE_PREFIXES = {"pending#", "code#", "refresh#", "link#", "user#"}


def as_list(x):
    """A policy's Action, Resource or condition value: one, or a list."""
    return x if isinstance(x, list) else [x]


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


def check_roles(d):
    """Item actions on the function's own key prefixes of the table only, its own SSM parameters only."""
    values, region, account, cfn = d.values, d.region, d.account, d.cfn
    table_arn = d.aws("dynamodb").describe_table(TableName=d.table_name)["Table"]["TableArn"]
    d.grants = []
    for lid, prefixes, params_ in (("SkillFunction", SKILL_PREFIXES, ["WithingsClientSecretParameter"]),
                                   ("LinkFunction", BRIDGE_PREFIXES, ["WithingsClientSecretParameter", "AlexaClientSecretParameter"])):
        role_lid = cfn["Resources"][lid]["Properties"]["Role"]["Fn::GetAtt"][0]
        stmts, managed = policy_statements(d.aws, d.physical[role_lid])
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
                d.grants.append((lid, ", ".join(a.split(":")[1] for a in actions), ", ".join(as_list(keys or []))))
            elif any(a.startswith("ssm:") for a in actions):
                if actions != ["ssm:GetParameter"]:
                    problems.append(f"{s.get('Sid')}: {actions}")
                ssm_resources |= set(res_)
                d.grants.append((lid, ", ".join(a.split(":")[1] for a in actions),
                                 ", ".join(r.split(":parameter", 1)[1] for r in res_)))
            else:
                problems.append(f"{s.get('Sid')}: unexpected actions {actions}")
        want_ssm = {f"arn:aws:ssm:{region}:{account}:parameter/{values[p]}" for p in params_}
        if ssm_resources != want_ssm:
            problems.append(f"SSM {sorted(ssm_resources)} != {sorted(want_ssm)}")
        basic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
        # moto's CloudFormation does not attach ManagedPolicyArns: read them from the template.
        managed = managed or d.rv.resolve(cfn["Resources"][role_lid]["Properties"].get("ManagedPolicyArns", []))
        IGNORED.add("roles: ManagedPolicyArns")
        if managed != [basic]:
            problems.append(f"managed policies {managed}")
        check(d.name(f"{role_lid}: item actions on own prefixes only, own SSM parameters only"), not problems,
              "; ".join(problems) or f"{len(stmts)} statements + AWSLambdaBasicExecutionRole")


def check_skill_invokers(d):
    skill_pol = json.loads(d.aws("lambda").get_policy(FunctionName=d.physical["SkillFunction"])["Policy"])["Statement"]
    principals = [json.dumps(s.get("Principal")) for s in skill_pol]
    # moto drops EventSourceToken from the statement: read it from the template.
    tokens = [d.rv.resolve(r["Properties"].get("EventSourceToken")) for r in d.cfn["Resources"].values()
              if r["Type"] == "AWS::Lambda::Permission" and r["Properties"].get("Principal") == "alexa-appkit.amazon.com"]
    IGNORED.add("SkillFunctionAlexaPermission: EventSourceToken")
    check(d.name("SkillFunction: invoked by Alexa, for this skill id only"),
          len(skill_pol) == 1 and "alexa-appkit.amazon.com" in principals[0] and tokens == [d.values["AlexaSkillId"]],
          f"{len(skill_pol)} statement, {principals[0] if principals else ''}, EventSourceToken {tokens} (template)")
