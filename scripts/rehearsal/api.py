"""The HTTP API and its stage. moto's CloudFormation cannot create these types, so the rehearsal creates
them through moto's API Gateway v2 API from the same, resolved, properties, and checks that the routes
reach the deployed bridge function and the access logs an existing log group."""

import json

from .iam import as_list
from .report import check

API = "AWS::ApiGatewayV2::Api"
STAGE = "AWS::ApiGatewayV2::Stage"
HANDLED = {API, STAGE}  # the unsupported types this module stands in for
EXPECTED_ROUTES = {"GET /authorize", "GET /withings/callback", "POST /token", "GET /privacy", "GET /terms"}


def create_api(d, lid):
    """An empty HTTP API, before the stack: its id is what a Ref to it gives the stack's resources."""
    return d.aws("apigatewayv2").create_api(Name=f"{d.stack}-{lid}", ProtocolType="HTTP")["ApiId"]


def check_standins(d):
    """Fills in the API from the template and creates the stage; their rows in the resource table."""
    api_lid = next((lid for lid, typ in d.unsupported.items() if typ == API), None)
    stage_lid = next((lid for lid, typ in d.unsupported.items() if typ == STAGE), None)
    detail = {}
    if api_lid:
        detail[api_lid] = check_api(d, api_lid)
    if stage_lid:
        detail[stage_lid] = check_stage(d, stage_lid)
    d.rows = [(r[0], r[1], r[2], detail.get(r[0], r[3])) for r in d.rows]


def check_api(d, api_lid):
    apigw, lam = d.aws("apigatewayv2"), d.aws("lambda")
    region, values = d.region, d.values
    api_id = d.standin_ids[api_lid]
    body = d.rv.resolve(d.cfn["Resources"][api_lid]["Properties"]["Body"])
    apigw.reimport_api(ApiId=api_id, Body=json.dumps(body))
    routes = {r["RouteKey"]: r["Target"].split("/")[-1] for r in apigw.get_routes(ApiId=api_id)["Items"]}
    integrations = {i["IntegrationId"]: i for i in apigw.get_integrations(ApiId=api_id)["Items"]}
    link_arn = lam.get_function_configuration(FunctionName=d.physical["LinkFunction"])["FunctionArn"]
    want_uri = f"arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{link_arn}/invocations"
    bad = [k for k, iid in routes.items()
           if integrations[iid].get("IntegrationUri") != want_uri
           or integrations[iid].get("IntegrationType") != "aws_proxy"
           or integrations[iid].get("PayloadFormatVersion") != "2.0"]
    check(d.name(f"{api_lid} (stand-in): its routes are the bridge's"), set(routes) == EXPECTED_ROUTES,
          ", ".join(sorted(routes)))
    check(d.name(f"{api_lid} (stand-in): every route reaches the deployed LinkFunction"), routes and not bad,
          f"aws_proxy 2.0 -> {link_arn}" if not bad else f"wrong integration on {bad}")
    link_pol = json.loads(lam.get_policy(FunctionName=d.physical["LinkFunction"])["Policy"])["Statement"]
    arns = set()
    for s in link_pol:
        cond = s.get("Condition", {}).get("ArnLike", {})
        arns |= set(as_list(cond.get("AWS:SourceArn", [])))
    want_arns = {f"arn:aws:execute-api:{region}:{d.account}:{api_id}/*/{k.replace(' ', '')}" for k in EXPECTED_ROUTES}
    check(d.name("LinkFunction: API Gateway may invoke it on these routes of this API only"), arns == want_arns,
          f"{len(arns)} route permissions" if arns == want_arns else f"{sorted(arns)} != {sorted(want_arns)}")
    check(d.name("LinkBridgeUrl is the API's execute-api URL"),
          d.outputs_expected.get("LinkBridgeUrl") in (f"https://{api_id}.execute-api.{region}.amazonaws.com",
                                                      values.get("LinkPublicBaseUrl")),
          d.outputs_expected.get("LinkBridgeUrl", ""))
    return f"stand-in: {api_id} via moto's apigatewayv2 API, {len(routes)} routes -> LinkFunction"


def check_stage(d, stage_lid):
    apigw = d.aws("apigatewayv2")
    sp = d.rv.resolve(d.cfn["Resources"][stage_lid]["Properties"])
    kwargs = {"ApiId": sp["ApiId"], "StageName": sp["StageName"], "AutoDeploy": sp.get("AutoDeploy", False),
              "AccessLogSettings": sp.get("AccessLogSettings", {}),
              "DefaultRouteSettings": sp.get("DefaultRouteSettings", {}), "Tags": sp.get("Tags", {})}
    apigw.create_stage(**kwargs)
    stage = apigw.get_stage(ApiId=sp["ApiId"], StageName=sp["StageName"])
    dest = stage.get("AccessLogSettings", {}).get("DestinationArn", "")
    group = dest.split(":log-group:", 1)[-1]
    logs = d.aws("logs")
    exists = any(g["logGroupName"] == group for g in logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"])
    fmt = stage.get("AccessLogSettings", {}).get("Format", "")
    try:
        fields = json.loads(fmt)
    except ValueError:
        fields = None
    check(d.name(f"{stage_lid} (stand-in): access logs to an existing log group, ARN `sam logs` can read"),
          exists and not dest.endswith(":*"), dest)
    check(d.name(f"{stage_lid} (stand-in): access log is JSON without query strings"),
          isinstance(fields, dict) and "query" not in fmt.lower() and "$context.requestId" in fmt,
          ", ".join(fields) if isinstance(fields, dict) else fmt[:80])
    thr = stage.get("DefaultRouteSettings", {})
    check(d.name(f"{stage_lid} (stand-in): stage throttling"),
          thr.get("ThrottlingRateLimit", 0) > 0 and thr.get("ThrottlingBurstLimit", 0) > 0,
          f"{thr.get('ThrottlingRateLimit')} req/s, burst {thr.get('ThrottlingBurstLimit')}")
    return (f"stand-in: {sp['StageName']} via moto's apigatewayv2 API, "
            f"{thr.get('ThrottlingRateLimit')}/s burst {thr.get('ThrottlingBurstLimit')}, logs -> {group}")
