"""scripts/skill-package.py run on the stack's outputs, as the deploy checklist runs it after `sam deploy`."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .report import check

ROOT = Path(__file__).resolve().parents[2]


def check_skill_package(d):
    got_out, values = d.got_out, d.values
    with tempfile.TemporaryDirectory() as tmp:
        outputs_file = Path(tmp) / "describe-stacks.json"
        outputs_file.write_text(json.dumps({"Stacks": [d.described]}, default=str))
        secret_file = Path(tmp) / "secret"
        ssm = d.aws("ssm")
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
                  and linking["clientSecret"] == d.alexa_secret
                  and all(v["privacyPolicyUrl"] == got_out["PrivacyPolicyUrl"]
                          for v in skill["privacyAndCompliance"]["locales"].values()))
            detail = "endpoint, account linking and privacy URLs from these outputs"
        check(d.name("scripts/skill-package.py builds a deployable package from these outputs"), ok, detail)
