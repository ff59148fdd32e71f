"""The deploy parameters: read from the example config as SAM CLI reads them, checked as CloudFormation would."""

import re

from samcli.cli.types import CfnParameterOverridesType

from .report import check

try:
    import tomllib
    load_toml = tomllib.loads
except ImportError:  # Python < 3.11: SAM CLI's own TOML library
    import tomlkit
    load_toml = lambda text: tomlkit.parse(text).unwrap()  # noqa: E731


def deploy_parameters(config_path, template):
    """The example config's parameters, parsed by SAM CLI's own parser, and the effective values."""
    cfg = load_toml(config_path.read_text())
    env = cfg["default"]
    glob = env.get("global", {}).get("parameters", {})
    dep = env.get("deploy", {}).get("parameters", {})
    raw = dep.get("parameter_overrides", [])
    raw = raw if isinstance(raw, list) else [raw]
    given = CfnParameterOverridesType().convert(raw, None, None)
    stack = dep.get("stack_name") or glob.get("stack_name")
    region = dep.get("region") or glob.get("region")
    return stack, region, given, dep.get("capabilities", "")


def effective_parameters(template, given):
    """What CloudFormation would use, and the list of constraint violations it would refuse."""
    params = template.get("Parameters", {})
    problems = []
    for k in given:
        if k not in params:
            problems.append(f"{k}: not a parameter of the template")
    values = {}
    for name, spec in params.items():
        if name in given:
            v = str(given[name])
        elif "Default" in spec:
            v = str(spec["Default"])
        else:
            problems.append(f"{name}: required (no default) but not given")
            continue
        values[name] = v
        allowed = spec.get("AllowedValues")
        if allowed is not None and v not in [str(a) for a in allowed]:
            problems.append(f"{name}={v!r}: not one of {allowed}")
        pat = spec.get("AllowedPattern")
        if pat is not None and not re.fullmatch(pat, v):
            problems.append(f"{name}={v!r}: does not match AllowedPattern {pat}")
        if spec.get("Type") == "Number":
            try:
                n = float(v)
            except ValueError:
                problems.append(f"{name}={v!r}: not a number")
                continue
            if "MinValue" in spec and n < float(spec["MinValue"]):
                problems.append(f"{name}={v}: below MinValue {spec['MinValue']}")
            if "MaxValue" in spec and n > float(spec["MaxValue"]):
                problems.append(f"{name}={v}: above MaxValue {spec['MaxValue']}")
        if "MinLength" in spec and len(v) < int(spec["MinLength"]):
            problems.append(f"{name}: shorter than MinLength {spec['MinLength']}")
    return values, problems


def check_example(sam_template, given, region):
    """The example config's checks; its effective values and what CloudFormation would refuse."""
    values, problems = effective_parameters(sam_template, given)
    check("samconfig.example.toml: parameters CloudFormation accepts", not problems,
          "; ".join(problems) or f"{len(given)} given, {len(values) - len(given)} defaults")
    local = [k for k, v in values.items() if k.startswith("LocalOnly") and v]
    check("samconfig.example.toml: no local-only parameter set", not local, ", ".join(local))
    check("samconfig.example.toml: an Alexa region", region in ("us-east-1", "us-west-2", "eu-west-1"), region)
    required = [k for k, v in sam_template["Parameters"].items() if "Default" not in v]
    check("template: required parameters come first", list(sam_template["Parameters"])[:len(required)] == required,
          ", ".join(required))
    return values, problems


def variant(sam_template, values):
    """The other branch of every condition: custom domain, no reserved concurrency, US cloud."""
    v = dict(values, LinkPublicBaseUrl="https://link.health-diary.test",
             LinkReservedConcurrency="0", WithingsCloud="us", LogRetentionDays="7")
    _, problems = effective_parameters(sam_template, v)
    check("variant parameters accepted", not problems, "; ".join(problems))
    return v
