"""The Python peer: the same questions answered the usual way in Python.

ask-sdk-core for the Alexa protocol, boto3 for the DynamoDB read, requests for
the Withings call, run under awslambdaric (AWS's runtime interface client):
`python -m awslambdaric skill.handler`. It finds the link by the hash of the
Alexa access token, asks Withings for the one thing the question needs and
speaks one sentence. Unlike the Rust skill it does not ask the Alexa Settings
API for the device's zone (it uses the zone stored with the link), so it makes
one call fewer per question. For scripts/bench.sh only.
"""
import datetime
import hashlib
import os
import zoneinfo

import boto3
import requests
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import is_intent_name

TABLE = os.environ["TABLE_NAME"]
WITHINGS = os.environ["WITHINGS_API_URL"].rstrip("/")
# The benchmark pins "now", as it does for the Rust skill (SKILL_CLOCK_START).
NOW = datetime.datetime.fromisoformat(os.environ["SKILL_CLOCK_START"].replace("Z", "+00:00"))

dynamodb = boto3.client("dynamodb")
http = requests.Session()


def duration(seconds):
    hours, minutes = divmod(int(seconds) // 60, 60)
    parts = []
    if hours:
        parts.append("%d hour%s" % (hours, "" if hours == 1 else "s"))
    if minutes or not hours:
        parts.append("%d minute%s" % (minutes, "" if minutes == 1 else "s"))
    return " ".join(parts)


def link_for(handler_input):
    token = handler_input.request_envelope.context.system.user.access_token
    key = "link#" + hashlib.sha256(token.encode()).hexdigest()
    item = dynamodb.get_item(TableName=TABLE, Key={"pk": {"S": key}}).get("Item")
    if item is None:
        return None
    return item["access_token"]["S"], item.get("user_tz", {}).get("S", "UTC")


def withings(path, token, **form):
    r = http.post(WITHINGS + path, data=form, timeout=3,
                  headers={"Authorization": "Bearer " + token})
    r.raise_for_status()
    payload = r.json()
    if payload.get("status") != 0:
        raise RuntimeError("Withings status %s" % payload.get("status"))
    return payload["body"]


def today(zone):
    return NOW.astimezone(zoneinfo.ZoneInfo(zone)).date()


def sleep_answer(token, zone):
    day = today(zone)
    body = withings("/v2/sleep", token, action="getsummary",
                    startdateymd=(day - datetime.timedelta(days=1)).isoformat(),
                    enddateymd=day.isoformat(),
                    data_fields="total_sleep_time,deepsleepduration")
    nights = [s for s in body.get("series", []) if s.get("date") == day.isoformat()]
    if not nights:
        return "I don't have last night's sleep yet."
    data = nights[-1]["data"]
    return "Last night you slept %s, with %s of deep sleep." % (
        duration(data["total_sleep_time"]), duration(data["deepsleepduration"]))


def weight_answer(token, zone):
    body = withings("/measure", token, action="getmeas", meastype="1", category="1")
    groups = body.get("measuregrps", [])
    if not groups:
        return "I don't have a weight for you yet."
    latest = max(groups, key=lambda g: g["date"])
    kg = latest["measures"][0]["value"] * 10 ** latest["measures"][0]["unit"]
    return "Your latest weight is %.1f pounds." % (kg * 2.20462)


def steps_answer(token, zone):
    day = today(zone).isoformat()
    body = withings("/v2/measure", token, action="getactivity",
                    startdateymd=day, enddateymd=day, data_fields="steps")
    days = [a for a in body.get("activities", []) if a.get("date") == day]
    if not days:
        return "I don't have any steps for today yet."
    return "You've taken %d steps today." % days[-1]["steps"]


ANSWERS = {"SleepIntent": sleep_answer, "WeightIntent": weight_answer,
           "StepsIntent": steps_answer}


class DataIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return any(is_intent_name(name)(handler_input) for name in ANSWERS)

    def handle(self, handler_input):
        intent = handler_input.request_envelope.request.intent.name
        link = link_for(handler_input)
        if link is None:
            speech = "Please link your Withings account in the Alexa app."
        else:
            speech = ANSWERS[intent](*link)
        return handler_input.response_builder.speak(speech).set_should_end_session(True).response


sb = SkillBuilder()
sb.add_request_handler(DataIntentHandler())
handler = sb.lambda_handler()
