#!/usr/bin/env python3
"""The account-linking dance against the bridge as deployed: LinkFunction served by
`sam local start-api`, Withings played by the sandbox. Run by scripts/sam-local-test.sh.

    sam-local-link-dance.py API_URL SANDBOX_URL ALEXA_SECRET VENDOR_ID OUT_JSON

Plays the browser (redirects followed by hand, the bridge's cookie kept) and Alexa's servers
(PKCE verifier, HTTP Basic at /token), then checks what an outsider must not get: the callback
without the cookie, a replayed code, a code without its verifier. Prints one line of notes;
exits non-zero with the reason on the first failure. Standard library only.
"""
import base64
import hashlib
import http.client
import json
import secrets
import sys
import urllib.parse

CLIENT_ID = "alexa-skill"
STATE = "sam-local-state"


def fail(why):
    sys.exit(why)


def request(method, url, headers=None, body=None):
    """One HTTP exchange, no redirect followed: (status, headers, body)."""
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    path = u.path + ("?" + u.query if u.query else "")
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, r.headers, data


def location(status, headers, what):
    if status != 302 or not headers.get("Location"):
        fail(f"{what}: HTTP {status}, no redirect")
    return headers["Location"]


def token(api, form):
    basic = base64.b64encode(f"{CLIENT_ID}:{SECRET}".encode()).decode()
    body = urllib.parse.urlencode(form)
    return request("POST", api + "/token", {
        "Authorization": "Basic " + basic,
        "Content-Type": "application/x-www-form-urlencoded",
    }, body)


def trip(api, redirect, challenge, cookie_kept=True):
    """/authorize -> sandbox consent -> callback; returns the callback's status and headers."""
    q = urllib.parse.urlencode({
        "response_type": "code", "client_id": CLIENT_ID, "redirect_uri": redirect,
        "state": STATE, "scope": "user.metrics user.activity",
        "code_challenge": challenge, "code_challenge_method": "S256",
    })
    status, headers, body = request("GET", f"{api}/authorize?{q}")
    to_withings = location(status, headers, f"/authorize ({body[:120]!r})")
    cookie = (headers.get("Set-Cookie") or "").split(";")[0]
    if not cookie.startswith("__Host-"):
        fail(f"/authorize set no __Host- cookie: {headers.get('Set-Cookie')!r}")
    for header in ("Content-Security-Policy", "Strict-Transport-Security"):
        if not headers.get(header):
            fail(f"/authorize answered without {header}")
    if not to_withings.startswith(SANDBOX):
        fail(f"/authorize sent the browser to {to_withings}, not the sandbox")
    callback = location(*request("GET", to_withings)[:2], "sandbox consent")
    if not callback.startswith(api + "/withings/callback"):
        fail(f"the sandbox sent the browser to {callback}, not the bridge's callback")
    return request("GET", callback, {"Cookie": cookie} if cookie_kept else {})


def main():
    global SECRET, SANDBOX
    api, SANDBOX, SECRET, vendor, out = sys.argv[1:6]
    api = api.rstrip("/")
    redirect = f"https://pitangui.amazon.com/api/skill/link/{vendor}"
    notes = []

    status, headers, body = request("GET", api + "/privacy")
    if status != 200 or b"Privacy" not in body:
        fail(f"/privacy: HTTP {status}")
    notes.append("/privacy 200")

    # Another browser (no cookie) cannot finish a trip: a page, no code.
    status, headers, body = trip(api, redirect, base64.urlsafe_b64encode(
        hashlib.sha256(b"unused-verifier-unused-verifier-unused-verifier").digest()).decode().rstrip("="),
        cookie_kept=False)
    if status != 400 or headers.get("Location"):
        fail(f"callback without the cookie: HTTP {status}, Location {headers.get('Location')}")
    notes.append("no cookie: 400")

    verifier = secrets.token_urlsafe(32)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    status, headers, body = trip(api, redirect, challenge)
    back = location(status, headers, f"callback ({body[:120]!r})")
    if not back.startswith(redirect + "?"):
        fail(f"the bridge sent the browser to {back}, not Alexa's redirect")
    q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(back).query))
    if q.get("state") != STATE or not q.get("code"):
        fail(f"Alexa's redirect lacks code or state: {back}")
    code = {"grant_type": "authorization_code", "code": q["code"], "redirect_uri": redirect}

    status, _, body = token(api, code)
    if status != 400 or json.loads(body).get("error") != "invalid_grant":
        fail(f"/token without the PKCE verifier: HTTP {status} {body[:120]!r}")
    notes.append("no verifier: invalid_grant")
    # That attempt spent the code: a new trip for the real redemption.
    status, headers, body = trip(api, redirect, challenge)
    q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location(status, headers, "callback")).query))
    code = {"grant_type": "authorization_code", "code": q["code"], "redirect_uri": redirect,
            "code_verifier": verifier}
    status, _, body = token(api, code)
    answer = json.loads(body)
    if status != 200 or not answer.get("access_token") or not answer.get("refresh_token"):
        fail(f"/token: HTTP {status} {body[:160]!r}")
    if answer.get("token_type", "").lower() != "bearer" or int(answer.get("expires_in", 0)) <= 0:
        fail(f"/token answer: {answer.get('token_type')!r}, expires_in {answer.get('expires_in')!r}")
    status, _, body = token(api, code)
    if status != 400:
        fail(f"a replayed code: HTTP {status}")
    notes.append("code redeemed once")

    status, _, body = token(api, {"grant_type": "refresh_token", "refresh_token": answer["refresh_token"]})
    refreshed = json.loads(body)
    if status != 200 or refreshed.get("access_token") in (None, answer["access_token"]):
        fail(f"refresh grant: HTTP {status} {body[:120]!r}")
    notes.append("refresh grant 200")
    json.dump({"access_token": refreshed["access_token"]}, open(out, "w"))
    print(", ".join(notes))


if __name__ == "__main__":
    main()
