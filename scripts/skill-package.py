#!/usr/bin/env python3
"""Write the deployable Alexa skill package from the deployed stack's outputs.

The files under skill-package/ are templates: the Lambda ARN, the account-linking URLs, the privacy
and terms URLs and the invocation name depend on your stack and your choices, so they are filled
here, never by hand:

    scripts/skill-package.py --stack-name withings-alexa --region eu-west-1

reads the stack's outputs (`aws cloudformation describe-stacks`) and the Alexa client secret
(`aws ssm get-parameter`), and writes

    .ask-build/skill-package/    the skill package `ask deploy` uploads (ask-resources.json points here)
    .ask-build/accountLinking.json   the account-linking settings, secret included (mode 0600), for
                                 `ask smapi update-account-linking-info`
    .ask/ask-states.json         the skill id, so `ask deploy` updates your skill instead of creating one

then checks the result is publishable (no placeholders or example.com left, https:// URLs, icons
present and the right size, invocation names Alexa accepts, example phrases that match the model)
and prints the commands that deploy it. Only the Python 3 standard library and the AWS CLI are used.

Offline (tests, the deploy rehearsal): --stack-outputs FILE (the JSON `aws cloudformation
describe-stacks` prints) and --alexa-client-secret-file FILE replace the two AWS CLI calls.
"""

import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = ROOT / "skill-package"

# Alexa invokes Lambda functions in these regions only.
ALEXA_REGIONS = ("us-east-1", "us-west-2", "eu-west-1")

# Descriptive invocation names per language (Amazon rejects brand names the publisher does not own,
# so never "withings"). Two words or more; lower case; the deployer may choose others.
DEFAULT_INVOCATION_NAMES = {
    "en": "health diary",
    "de": "mein gesundheitstagebuch",
    "fr": "mon journal santé",
}

# Words an invocation name may not contain (Alexa's rules: launch phrases, wake words, skill/app).
FORBIDDEN_WORDS = {
    "alexa", "amazon", "echo", "computer", "skill", "app",
    "ask", "tell", "open", "launch", "load", "begin", "enable", "start",
}
# Brands this project does not own.
BRANDS = ("withings", "health mate", "nokia")

# How an example phrase starts, per language: wake word, launch phrase, invocation name.
LAUNCH = {
    "en": r"alexa,? (?:ask|open|tell|launch|start|load|begin) ",
    "de": r"alexa,? (?:frag|frage|öffne|starte) ",
    "fr": r"alexa,? (?:demande à|demande a|ouvre|lance) ",
}
CONNECTORS = {"en": r"(?:(?:to|for|about|if|whether) )?", "de": r"(?:(?:nach|ob) )?", "fr": r"(?:(?:de|si) )?"}

REQUIRED_OUTPUTS = (
    "SkillFunctionArn", "AlexaSkillId", "AuthorizationUrl", "AccessTokenUrl",
    "PrivacyPolicyUrl", "TermsOfUseUrl", "AlexaClientId", "AlexaClientSecretParameterName",
    "WithingsCallbackUrl",
)


class Failure(Exception):
    pass


def aws(args, region, profile):
    cmd = ["aws", *args, "--region", region, "--output", "json"]
    if profile:
        cmd += ["--profile", profile]
    try:
        out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    except FileNotFoundError:
        raise Failure("the AWS CLI (`aws`) is not on PATH: install it, or pass --stack-outputs")
    except subprocess.CalledProcessError as e:
        raise Failure(f"`{' '.join(cmd)}` failed: {e.stderr.strip()}")
    return json.loads(out.stdout)


def outputs_from(describe_stacks):
    """The Outputs of `aws cloudformation describe-stacks` as a dict (also accepts a plain dict)."""
    if "Stacks" in describe_stacks:
        stacks = describe_stacks["Stacks"]
        if len(stacks) != 1:
            raise Failure(f"expected one stack, got {len(stacks)}")
        return {o["OutputKey"]: o["OutputValue"] for o in stacks[0].get("Outputs", [])}
    return dict(describe_stacks)


def vendor_id_from_ask_config(ask_profile):
    path = Path(os.environ.get("ASK_CONFIG_FILE", Path.home() / ".ask" / "cli_config"))
    try:
        cfg = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return ((cfg.get("profiles") or {}).get(ask_profile) or {}).get("vendor_id")


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def invocation_names(choices, locales):
    """--invocation-name values ("name" for all locales, or "xx-YY=name") per locale."""
    everywhere = None
    per_locale = {}
    for c in choices or []:
        loc, sep, name = c.partition("=")
        if sep and re.fullmatch(r"[a-z]{2}-[A-Z]{2}", loc):
            per_locale[loc] = name
        else:
            everywhere = c
    names = {}
    for loc in locales:
        name = per_locale.get(loc) or everywhere or DEFAULT_INVOCATION_NAMES.get(loc.split("-")[0])
        if not name:
            raise Failure(f"no default invocation name for {loc}: pass --invocation-name {loc}=<name>")
        names[loc] = name.strip()
    return names


def check_invocation_name(loc, name, problems):
    words = name.split()
    if name != name.lower():
        problems.append(f"{loc}: invocation name {name!r} must be lower case")
    if not re.fullmatch(r"[^\W\d_]+(?:['. ][^\W\d_]+)*\.?", name):
        problems.append(f"{loc}: invocation name {name!r} may hold only letters, spaces, apostrophes and periods")
    if len(words) < 2:
        problems.append(f"{loc}: invocation name {name!r} needs two words or more (one word only for a brand you own)")
    bad = sorted(set(words) & FORBIDDEN_WORDS)
    if bad:
        problems.append(f"{loc}: invocation name {name!r} contains {', '.join(bad)} (launch phrases, wake words, skill/app are refused)")
    for brand in BRANDS:
        if brand in name.lower():
            problems.append(f"{loc}: invocation name {name!r} contains the brand {brand!r}, which certification refuses to a publisher who does not own it")


def sample_patterns(model):
    pats = []
    for intent in model["interactionModel"]["languageModel"].get("intents", []):
        for s in intent.get("samples", []):
            parts = re.split(r"\{[^}]+\}", s.lower())
            pats.append(re.compile("^" + ".+".join(re.escape(p) for p in parts) + "$"))
    return pats


def normalise(text):
    return re.sub(r"[.!?¿¡]+$", "", re.sub(r"\s+", " ", text.strip().lower()))


def check_example_phrases(loc, phrases, name, model, problems, warnings):
    lang = loc.split("-")[0]
    pats = sample_patterns(model)
    for i, phrase in enumerate(phrases):
        p = normalise(phrase)
        if name not in p:
            problems.append(f"{loc}: example phrase {phrase!r} does not say the invocation name {name!r}")
            continue
        if lang not in LAUNCH:
            continue
        m = re.match(LAUNCH[lang] + re.escape(name) + r"(?: " + CONNECTORS[lang] + r"(.*))?$", p)
        if not m:
            warnings.append(f"{loc}: example phrase {phrase!r} does not start with a wake word and launch phrase")
            continue
        rest = (m.group(1) or "").strip()
        if i == 0 and not rest:
            continue  # "Alexa, open <name>" needs no utterance
        if rest and not any(pt.match(rest) for pt in pats):
            warnings.append(f"{loc}: example phrase {phrase!r}: {rest!r} is not a sample utterance of the model (certification checks this)")


def walk_strings(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk_strings(v, f"{path}.{k}" if path else k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk_strings(v, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def check_strings(label, doc, problems):
    for where, s in walk_strings(doc):
        low = s.lower()
        if "replace-with" in low or "example.com" in low or "https://https://" in low or "http://http" in low:
            problems.append(f"{label} {where}: placeholder or doubled scheme left: {s}")
        if where.endswith(("Url", "Uri")) and low.startswith("http") and not low.startswith("https://"):
            problems.append(f"{label} {where}: must be https://: {s}")


def build(args):
    # ---- inputs: stack outputs and the Alexa client secret
    if args.stack_outputs:
        outs = outputs_from(json.loads(Path(args.stack_outputs).read_text()))
    else:
        outs = outputs_from(aws(["cloudformation", "describe-stacks", "--stack-name", args.stack_name],
                                args.region, args.profile))
    missing = [k for k in REQUIRED_OUTPUTS if not outs.get(k)]
    if missing:
        raise Failure(f"stack outputs missing: {', '.join(missing)} (is the stack deployed from this template?)")

    if args.alexa_client_secret_file:
        secret = Path(args.alexa_client_secret_file).read_text().strip()
    else:
        got = aws(["ssm", "get-parameter", "--name", outs["AlexaClientSecretParameterName"], "--with-decryption"],
                  args.region, args.profile)
        secret = got["Parameter"]["Value"].strip()
    if len(secret) < 32:
        raise Failure(f"the Alexa client secret in {outs['AlexaClientSecretParameterName']} is shorter than 32 characters:"
                      " make one with `openssl rand -base64 32`")

    arn = outs["SkillFunctionArn"]
    m = re.fullmatch(r"arn:aws:lambda:([a-z0-9-]+):(\d{12}):function:[A-Za-z0-9_-]+", arn)
    if not m:
        raise Failure(f"SkillFunctionArn {arn!r} is not a Lambda function ARN")
    if m.group(1) not in ALEXA_REGIONS:
        raise Failure(f"the skill's function is in {m.group(1)}; Alexa calls Lambda only in {', '.join(ALEXA_REGIONS)}")

    vendor = args.vendor_id or os.environ.get("ASK_VENDOR_ID") or vendor_id_from_ask_config(args.ask_profile)

    problems, warnings = [], []
    if vendor and outs.get("AlexaVendorId") and outs["AlexaVendorId"] != vendor:
        problems.append(f"the stack pins Alexa vendor id {outs['AlexaVendorId']} but your ASK profile's is {vendor}:"
                        " redeploy with AlexaVendorId set to yours")
    if not outs.get("AlexaVendorId"):
        warnings.append("the stack has no AlexaVendorId: the bridge accepts Alexa redirect URLs of any vendor"
                        + (f" (yours is {vendor})" if vendor else ""))

    # ---- the package: a copy of the templates, filled in
    out = Path(args.out).resolve()
    pkg = out / "skill-package"
    if pkg.exists():
        shutil.rmtree(pkg)
    shutil.copytree(TEMPLATE_DIR, pkg, ignore=shutil.ignore_patterns("accountLinking.json", ".*"))

    skill_path = pkg / "skill.json"
    skill = json.loads(skill_path.read_text())
    manifest = skill["manifest"]
    pub = manifest["publishingInformation"]["locales"]
    locales = sorted(pub)
    names = invocation_names(args.invocation_name, locales)

    manifest["apis"]["custom"]["endpoint"] = {"uri": arn}
    events = manifest.get("events")
    if events is not None:
        events["endpoint"] = {"uri": arn}
    privacy = manifest.setdefault("privacyAndCompliance", {}).setdefault("locales", {})

    for loc in locales:
        model_path = pkg / "interactionModels" / "custom" / f"{loc}.json"
        if not model_path.exists():
            problems.append(f"{loc}: published but has no interaction model ({model_path.relative_to(out)})")
            continue
        model = json.loads(model_path.read_text())
        lm = model["interactionModel"]["languageModel"]
        template_name = lm.get("invocationName", "")
        name = names[loc]
        lm["invocationName"] = name
        model_path.write_text(json.dumps(model, indent=2, ensure_ascii=False) + "\n")
        check_invocation_name(loc, name, problems)

        info = pub[loc]
        if args.skill_name:
            info["name"] = args.skill_name
        if template_name:
            pattern = re.compile(r"(?<!\w)" + re.escape(template_name) + r"(?!\w)", re.IGNORECASE)
            info["examplePhrases"] = [pattern.sub(name, p) for p in info.get("examplePhrases", [])]
        check_example_phrases(loc, info.get("examplePhrases", []), name, model, problems, warnings)
        for brand in BRANDS:
            if brand in info.get("name", "").lower():
                warnings.append(f"{loc}: the skill's name {info['name']!r} uses the brand {brand!r}: certification asks for"
                                " proof you may use it (--skill-name sets another)")
        for key, default in (("smallIconUri", "file://assets/images/icon-108.png"),
                             ("largeIconUri", "file://assets/images/icon-512.png")):
            info.setdefault(key, default)
        privacy.setdefault(loc, {})
        privacy[loc]["privacyPolicyUrl"] = outs["PrivacyPolicyUrl"]
        privacy[loc]["termsOfUseUrl"] = outs["TermsOfUseUrl"]

    # Icons: local files must exist in the package and have Alexa's sizes.
    for loc in locales:
        for key, size in (("smallIconUri", 108), ("largeIconUri", 512)):
            uri = pub[loc].get(key, "")
            if uri.startswith("file://"):
                f = pkg / uri[len("file://"):]
                dims = png_size(f) if f.exists() else None
                if dims != (size, size):
                    problems.append(f"{loc}.{key}: {uri} must be a {size}x{size} PNG in the package (found {dims})")
            elif not uri.startswith("https://"):
                problems.append(f"{loc}.{key}: {uri!r} is neither a file:// asset nor an https:// URL")
    for loc in sorted(privacy):
        if loc not in pub:
            warnings.append(f"privacyAndCompliance has {loc}, which is not published")

    skill_path.write_text(json.dumps(skill, indent=2, ensure_ascii=False) + "\n")
    check_strings("skill.json", skill, problems)

    # ---- account linking (outside the package: it carries the secret)
    linking = json.loads((TEMPLATE_DIR / "accountLinking.json").read_text())
    req = linking["accountLinkingRequest"]
    req["authorizationUrl"] = outs["AuthorizationUrl"]
    req["accessTokenUrl"] = outs["AccessTokenUrl"]
    req["clientId"] = outs["AlexaClientId"]
    req["clientSecret"] = secret
    check_strings("accountLinking.json", {k: v for k, v in req.items() if k != "clientSecret"}, problems)
    link_path = out / "accountLinking.json"
    fd = os.open(link_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(linking, f, indent=2)
        f.write("\n")
    os.chmod(link_path, 0o600)

    # ---- .ask/ask-states.json: deploy into the existing skill
    skill_id = outs["AlexaSkillId"]
    states_path = Path(args.ask_states)
    states = {}
    if states_path.exists():
        states = json.loads(states_path.read_text())
    profiles = states.setdefault("profiles", {})
    current = (profiles.get(args.ask_profile) or {}).get("skillId")
    if current and current != skill_id:
        problems.append(f"{states_path} already deploys to {current}, not the stack's {skill_id}: fix one of them")
    elif not current:
        states.setdefault("askcliStatesVersion", "2020-03-31")
        profiles.setdefault(args.ask_profile, {})["skillId"] = skill_id
        states_path.parent.mkdir(parents=True, exist_ok=True)
        states_path.write_text(json.dumps(states, indent=2) + "\n")

    return {
        "out": out, "pkg": pkg, "link_path": link_path, "skill_id": skill_id, "names": names,
        "vendor": vendor, "outputs": outs, "problems": problems, "warnings": warnings,
    }


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--stack-name", default="withings-alexa")
    p.add_argument("--region", default=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION"))
    p.add_argument("--profile", help="AWS CLI profile")
    p.add_argument("--invocation-name", action="append", metavar="[LOCALE=]NAME",
                   help="invocation name for every locale, or for one (repeatable); default: "
                        + ", ".join(f"{k}: {v!r}" for k, v in DEFAULT_INVOCATION_NAMES.items()))
    p.add_argument("--skill-name", help="the skill's display name in every locale (default: skill.json's)")
    p.add_argument("--vendor-id", help="your Alexa vendor id (default: $ASK_VENDOR_ID, else the ASK CLI profile's)")
    p.add_argument("--ask-profile", default="default", help="ASK CLI profile (default: default)")
    p.add_argument("--stack-outputs", metavar="FILE", help="offline: `aws cloudformation describe-stacks` JSON")
    p.add_argument("--alexa-client-secret-file", metavar="FILE", help="offline: the Alexa client secret")
    p.add_argument("--out", default=str(ROOT / ".ask-build"), help="output directory (default: .ask-build)")
    p.add_argument("--ask-states", default=str(ROOT / ".ask" / "ask-states.json"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if not args.stack_outputs and not args.region:
        p.error("--region is required (the stack's region: us-east-1, us-west-2 or eu-west-1)")

    try:
        r = build(args)
    except Failure as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    for w in r["warnings"]:
        print(f"warning: {w}", file=sys.stderr)
    for e in r["problems"]:
        print(f"error: {e}", file=sys.stderr)
    if r["problems"]:
        print(f"{len(r['problems'])} problem(s): the package in {r['pkg']} is not deployable as it is", file=sys.stderr)
        return 1

    rel = lambda path: os.path.relpath(path, ROOT)  # noqa: E731
    print(f"skill package: {rel(r['pkg'])} (skill {r['skill_id']})")
    for loc, name in sorted(r["names"].items()):
        print(f"  {loc}: invocation name {name!r}")
    print(f"account linking: {rel(r['link_path'])} (mode 600: it holds the client secret)")
    print(f"  authorization URL {r['outputs']['AuthorizationUrl']}")
    print(f"  access token URL  {r['outputs']['AccessTokenUrl']}")
    if r["vendor"]:
        print("  Alexa will return users to https://pitangui.amazon.com/api/skill/link/{0},"
              " https://layla.amazon.com/api/skill/link/{0} or https://alexa.amazon.co.jp/api/skill/link/{0}"
              .format(r["vendor"]))
    print(f"Withings callback URL (developer dashboard): {r['outputs']['WithingsCallbackUrl']}")
    print("next:")
    if r["pkg"] != ROOT / ".ask-build" / "skill-package":
        print(f"  (ask-resources.json deploys .ask-build/skill-package, not {rel(r['pkg'])})")
    print("  ask deploy")
    print(f"  ask smapi update-account-linking-info -s {r['skill_id']} -g development"
          f" --account-linking-request file:{rel(r['link_path'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
