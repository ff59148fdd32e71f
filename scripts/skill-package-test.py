#!/usr/bin/env python3
"""Offline tests of scripts/skill-package.py against faked stack outputs (standard library only).

    python3 scripts/skill-package-test.py            # run by scripts/test.sh

Two ways in: --stack-outputs/--alexa-client-secret-file files, and the deployer's way, where the
script calls the AWS CLI: a fake `aws` on PATH answers describe-stacks and ssm get-parameter and
records the command lines it was given.
"""

import json
import os
import stat
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "skill-package.py"
BASE = "https://abc123defg.execute-api.eu-west-1.amazonaws.com"
SECRET = "q0Jx8Zc2pK9V1mN4bT7yR3sW6eU5iO8aL2dF0gH1jKk="  # `openssl rand -base64 32`-shaped
SKILL_ID = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555"
ARN = "arn:aws:lambda:eu-west-1:210987654321:function:withings-alexa-SkillFunction-ABC"


def outputs(**changes):
    o = {
        "SkillFunctionArn": ARN,
        "AlexaSkillId": SKILL_ID,
        "LinksTableName": "withings-alexa-LinksTable-XYZ",
        "LinkBridgeUrl": BASE,
        "WithingsCallbackUrl": BASE + "/withings/callback",
        "AuthorizationUrl": BASE + "/authorize",
        "AccessTokenUrl": BASE + "/token",
        "PrivacyPolicyUrl": BASE + "/privacy",
        "TermsOfUseUrl": BASE + "/terms",
        "AlexaClientId": "alexa-skill",
        "AlexaClientSecretParameterName": "/withings-alexa/alexa-client-secret",
        "AlexaVendorId": "M1372REJTJ5N4Z",
    }
    o.update(changes)
    o = {k: v for k, v in o.items() if v is not None}
    return {"Stacks": [{"StackName": "withings-alexa", "Outputs": [{"OutputKey": k, "OutputValue": v} for k, v in o.items()]}]}


class SkillPackage(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.out = self.dir / "build"
        self.states = self.dir / ".ask" / "ask-states.json"
        self.env = {**os.environ, "ASK_CONFIG_FILE": str(self.dir / "no-ask-config")}

    def tearDown(self):
        self.tmp.cleanup()

    def run_script(self, *args, outs=None, secret=SECRET, offline=True, env=None):
        cmd = [sys.executable, str(SCRIPT), "--out", str(self.out), "--ask-states", str(self.states)]
        if offline:
            f = self.dir / "outputs.json"
            f.write_text(json.dumps(outs if outs is not None else outputs()))
            s = self.dir / "secret"
            s.write_text(secret + "\n")
            cmd += ["--stack-outputs", str(f), "--alexa-client-secret-file", str(s)]
        return subprocess.run(cmd + list(args), capture_output=True, text=True, env=env or self.env)

    def read(self, rel):
        return json.loads((self.out / rel).read_text())

    # ------------------------------------------------------------------------------------ the good path
    def test_fills_every_template_value_from_the_outputs(self):
        r = self.run_script("--vendor-id", "M1372REJTJ5N4Z")
        self.assertEqual(r.returncode, 0, r.stderr)
        m = self.read("skill-package/skill.json")["manifest"]
        self.assertEqual(m["apis"]["custom"]["endpoint"]["uri"], ARN)
        self.assertEqual(m["events"]["endpoint"]["uri"], ARN)
        # The skill events the Lambda handles, and skill personalisation (households), survive.
        self.assertEqual({s["eventName"] for s in m["events"]["subscriptions"]},
                         {"SKILL_ENABLED", "SKILL_DISABLED", "SKILL_ACCOUNT_LINKED",
                          "SKILL_PERMISSION_ACCEPTED", "SKILL_PERMISSION_CHANGED"})
        self.assertIn({"name": "alexa::person_id:read"}, m["permissions"])
        locales = m["publishingInformation"]["locales"]
        for loc, info in locales.items():
            self.assertEqual(m["privacyAndCompliance"]["locales"][loc],
                             {"privacyPolicyUrl": BASE + "/privacy", "termsOfUseUrl": BASE + "/terms"})
            self.assertTrue(info["smallIconUri"].startswith("file://assets/images/"))
            for uri in (info["smallIconUri"], info["largeIconUri"]):
                self.assertTrue((self.out / "skill-package" / uri[len("file://"):]).is_file(), uri)
        text = (self.out / "skill-package" / "skill.json").read_text()
        for bad in ("REPLACE", "example.com", "https://https://"):
            self.assertNotIn(bad, text)
        # The account-linking settings carry the secret: outside the package, owner-only.
        self.assertFalse((self.out / "skill-package" / "accountLinking.json").exists())
        link = self.read("accountLinking.json")["accountLinkingRequest"]
        self.assertEqual((link["authorizationUrl"], link["accessTokenUrl"]), (BASE + "/authorize", BASE + "/token"))
        self.assertEqual((link["clientId"], link["clientSecret"]), ("alexa-skill", SECRET))
        self.assertEqual(stat.S_IMODE((self.out / "accountLinking.json").stat().st_mode), 0o600)
        # ask deploy updates this skill instead of creating another.
        self.assertEqual(json.loads(self.states.read_text())["profiles"]["default"]["skillId"], SKILL_ID)
        self.assertIn(f"ask smapi update-account-linking-info -s {SKILL_ID} -g development", r.stdout)
        self.assertIn("https://layla.amazon.com/api/skill/link/M1372REJTJ5N4Z", r.stdout)

    def test_default_invocation_names_are_descriptive_and_used_in_example_phrases(self):
        r = self.run_script()
        self.assertEqual(r.returncode, 0, r.stderr)
        m = self.read("skill-package/skill.json")["manifest"]
        for loc, info in m["publishingInformation"]["locales"].items():
            name = self.read(f"skill-package/interactionModels/custom/{loc}.json")["interactionModel"]["languageModel"]["invocationName"]
            self.assertNotIn("withings", name)
            self.assertGreaterEqual(len(name.split()), 2)
            for phrase in info["examplePhrases"]:
                self.assertIn(name, phrase.lower(), phrase)
                self.assertNotIn("withings", phrase.lower())
        # Every published locale, French included, gets its language's default name.
        self.assertEqual(sorted(m["publishingInformation"]["locales"]),
                         ["de-DE", "en-AU", "en-CA", "en-GB", "en-IN", "en-US", "fr-FR"])
        fr = self.read("skill-package/interactionModels/custom/fr-FR.json")["interactionModel"]["languageModel"]
        self.assertEqual(fr["invocationName"], "mon journal santé")
        # Every example phrase is a sample utterance of its model: no certification warning.
        self.assertNotIn("is not a sample utterance", r.stderr)
        # The committed templates are untouched.
        self.assertIn("REPLACE", (ROOT / "skill-package" / "skill.json").read_text())

    def test_the_deployer_chooses_the_invocation_name_per_locale_or_for_all(self):
        r = self.run_script("--invocation-name", "sleep numbers", "--invocation-name", "de-DE=meine schlafdaten")
        self.assertEqual(r.returncode, 0, r.stderr)
        name = lambda loc: self.read(f"skill-package/interactionModels/custom/{loc}.json")["interactionModel"]["languageModel"]["invocationName"]  # noqa: E731
        self.assertEqual((name("en-US"), name("en-GB"), name("de-DE")), ("sleep numbers", "sleep numbers", "meine schlafdaten"))
        phrases = self.read("skill-package/skill.json")["manifest"]["publishingInformation"]["locales"]["de-DE"]["examplePhrases"]
        self.assertTrue(all("meine schlafdaten" in p for p in phrases), phrases)

    def test_the_aws_cli_way(self):
        bin_dir = self.dir / "bin"
        bin_dir.mkdir()
        log = self.dir / "aws-calls"
        fake = bin_dir / "aws"
        fake.write_text(f"""#!{sys.executable}
import json, sys
args = sys.argv[1:]
open({str(log)!r}, "a").write(json.dumps(args) + "\\n")
if args[:2] == ["cloudformation", "describe-stacks"]:
    print(json.dumps({json.dumps(outputs())}))
elif args[:2] == ["ssm", "get-parameter"]:
    print(json.dumps({{"Parameter": {{"Name": args[3], "Type": "SecureString", "Value": {SECRET!r}}}}}))
else:
    sys.exit("unexpected aws call")
""")
        fake.chmod(0o755)
        env = {**self.env, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
        r = self.run_script("--stack-name", "my-stack", "--region", "eu-west-1", "--profile", "deployer",
                            offline=False, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        calls = [json.loads(line) for line in log.read_text().splitlines()]
        self.assertEqual(calls, [
            ["cloudformation", "describe-stacks", "--stack-name", "my-stack", "--region", "eu-west-1",
             "--output", "json", "--profile", "deployer"],
            ["ssm", "get-parameter", "--name", "/withings-alexa/alexa-client-secret", "--with-decryption",
             "--region", "eu-west-1", "--output", "json", "--profile", "deployer"],
        ])
        self.assertEqual(self.read("accountLinking.json")["accountLinkingRequest"]["clientSecret"], SECRET)

    # --------------------------------------------------------------------------------- what it refuses
    def assert_refused(self, r, *needles):
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        for n in needles:
            self.assertIn(n, r.stderr)

    def test_refuses_a_brand_as_invocation_name(self):
        self.assert_refused(self.run_script("--invocation-name", "withings"), "brand 'withings'", "two words")

    def test_refuses_launch_words_and_capitals(self):
        self.assert_refused(self.run_script("--invocation-name", "Ask My Sleep"), "lower case", "ask")

    def test_refuses_a_region_alexa_does_not_call(self):
        r = self.run_script(outs=outputs(SkillFunctionArn=ARN.replace("eu-west-1", "eu-central-1")))
        self.assert_refused(r, "eu-central-1", "us-east-1, us-west-2, eu-west-1")

    def test_refuses_doubled_schemes_and_missing_outputs(self):
        self.assert_refused(self.run_script(outs=outputs(AuthorizationUrl="https://https://x.test/authorize")),
                            "doubled scheme")
        self.assert_refused(self.run_script(outs=outputs(PrivacyPolicyUrl=None)), "PrivacyPolicyUrl")

    def test_refuses_a_weak_secret(self):
        self.assert_refused(self.run_script(secret="hunter2"), "openssl rand -base64 32")

    def test_refuses_a_vendor_id_other_than_the_stacks(self):
        self.assert_refused(self.run_script("--vendor-id", "MOTHERVENDOR1"), "M1372REJTJ5N4Z", "MOTHERVENDOR1")

    def test_refuses_to_point_ask_at_another_skill(self):
        self.states.parent.mkdir(parents=True)
        self.states.write_text(json.dumps({"askcliStatesVersion": "2020-03-31",
                                           "profiles": {"default": {"skillId": "amzn1.ask.skill.other"}}}))
        self.assert_refused(self.run_script(), "amzn1.ask.skill.other")


if __name__ == "__main__":
    unittest.main(verbosity=2)
