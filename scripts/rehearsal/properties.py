"""The table's, the functions' and the log groups' properties, read back from moto's service APIs and
compared with the template; those moto's CloudFormation does not apply are checked in the template."""

from .report import IGNORED, check


def check_table(d):
    d.table_name = d.physical["LinksTable"]
    t = d.aws("dynamodb").describe_table(TableName=d.table_name)["Table"]
    res = d.cfn["Resources"]["LinksTable"]
    props = res["Properties"]
    check(d.name("LinksTable: key pk (S, HASH), on-demand"),
          t["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}]
          and t.get("BillingModeSummary", {}).get("BillingMode") == "PAY_PER_REQUEST",
          f"{t['KeySchema'][0]['AttributeName']} {t['KeySchema'][0]['KeyType']}, {t.get('BillingModeSummary', {}).get('BillingMode')}")
    check(d.name("LinksTable: encrypted, TTL on ttl, point-in-time recovery, retained on delete (template)"),
          props.get("SSESpecification") == {"SSEEnabled": True}
          and props.get("TimeToLiveSpecification") == {"AttributeName": "ttl", "Enabled": True}
          and props.get("PointInTimeRecoverySpecification") == {"PointInTimeRecoveryEnabled": True}
          and res.get("DeletionPolicy") == "Retain",
          "moto's CloudFormation applies none of these: checked in the translated template")
    IGNORED.add("LinksTable: SSESpecification, TimeToLiveSpecification, PointInTimeRecoverySpecification")


def check_functions(d):
    lam, values, rv, physical = d.aws("lambda"), d.values, d.rv, d.physical
    funcs = {lid: r for lid, r in d.cfn["Resources"].items() if r["Type"] == "AWS::Lambda::Function"}
    for lid, res in funcs.items():
        conf = lam.get_function_configuration(FunctionName=physical[lid])
        p = res["Properties"]
        want_env = rv.resolve(p.get("Environment", {})).get("Variables", {})
        got_env = (conf.get("Environment") or {}).get("Variables", {})
        check(d.name(f"{lid}: provided.al2023, bootstrap, 128 MB, 7 s"),
              (conf["Runtime"], conf["Handler"], conf["MemorySize"], conf["Timeout"]) == ("provided.al2023", "bootstrap", 128, 7),
              f"{conf['Runtime']}, {conf['Handler']}, {conf['MemorySize']} MB, {conf['Timeout']} s")
        check(d.name(f"{lid}: environment as the template resolves it"), got_env == want_env,
              ", ".join(sorted(got_env)) if got_env == want_env else f"moto {got_env} != template {want_env}")
        local = [k for k in ("AWS_ENDPOINT_URL", "ALEXA_API_URL") if k in got_env]
        urls = {k: v for k, v in got_env.items() if k.endswith("_URL")}
        check(d.name(f"{lid}: no local-only variable, every URL https"),
              not local and all(v.startswith("https://") and "https://https://" not in v for v in urls.values()),
              "; ".join(f"{k}={v}" for k, v in urls.items()) + (f"; local-only set: {local}" if local else ""))
        check(d.name(f"{lid}: RUST_LOG keeps the AWS SDK at warn"),
              got_env.get("RUST_LOG", "").startswith("warn,") and "debug" not in got_env.get("RUST_LOG", "").split(",")[0],
              got_env.get("RUST_LOG", ""))
        arch = rv.resolve(p.get("Architectures"))
        log_group = rv.resolve(p.get("LoggingConfig", {})).get("LogGroup")
        check(d.name(f"{lid}: {arch}, logs to its own group (template)"),
              arch == [values["Architecture"]] and log_group in physical.values(),
              f"log group {log_group}; moto's CloudFormation ignores Architectures and LoggingConfig")
        IGNORED.add("functions: Architectures, LoggingConfig")
        if lid == "LinkFunction":
            check(d.name("LinkFunction: PUBLIC_BASE_URL is the stack's LinkBridgeUrl"),
                  got_env.get("PUBLIC_BASE_URL") == d.outputs_expected.get("LinkBridgeUrl"),
                  got_env.get("PUBLIC_BASE_URL", "(unset)"))
            want_rc = int(values["LinkReservedConcurrency"])
            got_rc = lam.get_function_concurrency(FunctionName=physical[lid]).get("ReservedConcurrentExecutions")
            check(d.name("LinkFunction: reserved concurrency"), (got_rc or 0) == want_rc,
                  f"{got_rc if got_rc is not None else 'none'} (parameter {want_rc})")


def check_log_groups(d):
    logs = d.aws("logs")
    for lid, res in d.cfn["Resources"].items():
        if res["Type"] == "AWS::Logs::LogGroup":
            g = logs.describe_log_groups(logGroupNamePrefix=d.physical[lid])["logGroups"]
            days = g[0].get("retentionInDays") if g else None
            check(d.name(f"{lid}: retention {d.values['LogRetentionDays']} days"),
                  str(days) == d.values["LogRetentionDays"], f"{d.physical[lid]}: {days}")
