"""Measure a Lambda function under the Runtime API stand-in: scripts/bench.sh runs it.

For each subject (a command that runs a Lambda function against
AWS_LAMBDA_RUNTIME_API) it measures, with the same moto and Withings sandbox:
  cold start      exec -> first poll of /runtime/invocation/next (median of --cold)
  cold answer     exec -> first response posted (same runs)
  warm p50        served -> posted, over --warm "how did I sleep" in one process
  CPU per answer  user + system of the whole process (all threads, /proc/PID/stat)
                  over those --warm answers, divided by their number
  peak RSS        VmHWM after --mixed questions (sleep, weight, steps in turn)
and, once, the I/O floor: the DynamoDB GetItem and the Withings sleep call alone,
over keep-alive loopback connections from a bare http.client, median of --floor;
and, for the first subject, the summary's fan-out: with every Withings call held
--fanout-delay ms by the sandbox, the median wall time of "how did I sleep" (one
Withings call) beside "give me my summary" (sleep, steps and weight: three calls).
Writes the figures as JSON (--out) and prints one line per figure as it goes.
"""
import argparse
import hashlib
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runtime_api import RuntimeApi  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """utime + stime of the process, its live and exited threads alike."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def peak_rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM for %d" % pid)


class Subject:
    def __init__(self, name, cmd, cwd, env, log):
        self.name, self.cmd, self.cwd, self.env, self.log = name, cmd, cwd, env, log

    def start(self, api):
        env = dict(self.env, AWS_LAMBDA_RUNTIME_API=api.address)
        started = time.perf_counter_ns()
        proc = subprocess.Popen(self.cmd, cwd=self.cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=self.log, stderr=self.log)
        return proc, started


def stop(proc, api):
    proc.kill()
    proc.wait()
    api.close()


def speech(inv):
    return inv.response["response"]["outputSpeech"]["ssml"]


def cold(subject, event, runs):
    starts, answers, said = [], [], None
    for _ in range(runs):
        api = RuntimeApi()
        proc, t0 = subject.start(api)
        try:
            inv = api.invoke(event)
            starts.append((api.first_poll_ns - t0) / 1e6)
            answers.append((inv.posted_ns - t0) / 1e6)
            said = speech(inv)
        finally:
            stop(proc, api)
    return statistics.median(starts), statistics.median(answers), said


def warm(subject, event, n):
    api = RuntimeApi()
    proc, _ = subject.start(api)
    try:
        for _ in range(20):
            api.invoke(event)
        cpu0 = cpu_seconds(proc.pid)
        waits = []
        for _ in range(n):
            inv = api.invoke(event)
            waits.append((inv.posted_ns - inv.served_ns) / 1e6)
        cpu = (cpu_seconds(proc.pid) - cpu0) / n * 1e3
        return statistics.median(waits), cpu
    finally:
        stop(proc, api)


def mixed(subject, events, n):
    api = RuntimeApi()
    proc, _ = subject.start(api)
    try:
        for i in range(n):
            inv = api.invoke(events[i % len(events)])
            if "Withings" in speech(inv) and "link" in speech(inv):
                raise RuntimeError("%s: not linked: %s" % (subject.name, speech(inv)))
        return peak_rss_mb(proc.pid)
    finally:
        stop(proc, api)


def sandbox_delay(sandbox, millis):
    """Hold every Withings call of the sandbox `millis` ms (0 clears the faults)."""
    u = urllib.parse.urlsplit(sandbox)
    c = http.client.HTTPConnection(u.hostname, u.port)
    if millis:
        c.request("POST", "/sandbox/faults", json.dumps({"kind": "delay", "millis": millis}),
                  {"Content-Type": "application/json"})
    else:
        c.request("DELETE", "/sandbox/faults")
    r = c.getresponse()
    r.read()
    if r.status >= 300:
        raise RuntimeError("the sandbox refused the fault: HTTP %d" % r.status)


def fan_out(subject, one, summary, sandbox, millis, runs):
    """Median wall time of a one-call question and of the three-call summary."""
    sandbox_delay(sandbox, millis)
    api = RuntimeApi()
    proc, _ = subject.start(api)
    try:
        api.invoke(one)
        api.invoke(summary)
        ones, sums = [], []
        for _ in range(runs):
            inv = api.invoke(one)
            ones.append((inv.posted_ns - inv.served_ns) / 1e6)
            inv = api.invoke(summary)
            sums.append((inv.posted_ns - inv.served_ns) / 1e6)
        return statistics.median(ones), statistics.median(sums), speech(inv)
    finally:
        stop(proc, api)
        sandbox_delay(sandbox, 0)


def io_floor(moto, sandbox, table, alexa_token, runs):
    """The skill's two calls alone: GetItem on the link, then the Withings sleep page."""
    m, w = urllib.parse.urlsplit(moto), urllib.parse.urlsplit(sandbox)
    db = http.client.HTTPConnection(m.hostname, m.port)
    wt = http.client.HTTPConnection(w.hostname, w.port)
    key = "link#" + hashlib.sha256(alexa_token.encode()).hexdigest()
    get_item = json.dumps({"TableName": table, "Key": {"pk": {"S": key}}})
    db_headers = {
        "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": "DynamoDB_20120810.GetItem",
        # moto checks no signature; the credential scope names region and service.
        "Authorization": "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/dynamodb/"
                         "aws4_request, SignedHeaders=host, Signature=0",
    }
    form = urllib.parse.urlencode({
        "action": "getsummary", "startdateymd": "2026-11-24", "enddateymd": "2026-11-25",
        "data_fields": "total_sleep_time,deepsleepduration"})
    times = []
    for _ in range(runs + 10):
        t0 = time.perf_counter_ns()
        db.request("POST", "/", get_item, db_headers)
        item = json.loads(db.getresponse().read())["Item"]
        wt.request("POST", "/v2/sleep", form, {
            "Authorization": "Bearer " + item["access_token"]["S"],
            "Content-Type": "application/x-www-form-urlencoded"})
        body = json.loads(wt.getresponse().read())
        times.append((time.perf_counter_ns() - t0) / 1e6)
        if body["status"] != 0:
            raise RuntimeError("the sandbox refused the floor's call: %s" % body)
    return statistics.median(times[10:])


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--subject", action="append", nargs=3, metavar=("NAME", "CWD", "CMD"),
                   required=True, help="CMD is split on spaces")
    p.add_argument("--events", required=True, help="the repository's events/ directory")
    p.add_argument("--moto", required=True)
    p.add_argument("--sandbox", required=True)
    p.add_argument("--table", required=True)
    p.add_argument("--now", required=True)
    p.add_argument("--cold", type=int, default=15)
    p.add_argument("--warm", type=int, default=1000)
    p.add_argument("--mixed", type=int, default=1000)
    p.add_argument("--floor", type=int, default=300)
    p.add_argument("--fanout", type=int, default=9, help="runs of each question, delayed")
    p.add_argument("--fanout-delay", type=int, default=100, help="ms per Withings call")
    p.add_argument("--log", required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()

    def event(name):
        with open(os.path.join(a.events, name)) as f:
            return json.load(f)

    sleep = event("sleep-last-night.json")
    questions = [sleep, event("weight.json"), event("steps-today.json")]
    token = sleep["context"]["System"]["user"]["accessToken"]
    env = dict(os.environ, TABLE_NAME=a.table, AWS_ENDPOINT_URL_DYNAMODB=a.moto,
               WITHINGS_API_URL=a.sandbox, ALEXA_API_URL=a.sandbox,
               WITHINGS_CLIENT_ID="sandbox-client", WITHINGS_CLIENT_SECRET="sandbox-secret",
               SKILL_ID=sleep["session"]["application"]["applicationId"],
               SKILL_CLOCK_START=a.now, RUST_LOG="warn,withings_alexa=info,withings=info",
               AWS_LAMBDA_FUNCTION_NAME="bench", AWS_LAMBDA_FUNCTION_VERSION="$LATEST",
               AWS_LAMBDA_FUNCTION_MEMORY_SIZE="128", AWS_LAMBDA_LOG_GROUP_NAME="bench",
               AWS_LAMBDA_LOG_STREAM_NAME="bench", AWS_REGION="us-east-1",
               AWS_DEFAULT_REGION="us-east-1", AWS_ACCESS_KEY_ID="test",
               AWS_SECRET_ACCESS_KEY="test", AWS_EC2_METADATA_DISABLED="true")
    env.pop("AWS_ENDPOINT_URL", None)
    results = {"floor_ms": io_floor(a.moto, a.sandbox, a.table, token, a.floor),
               "warm": a.warm, "mixed": a.mixed, "subjects": []}
    print("I/O floor (GetItem + Withings sleep call): %.2f ms" % results["floor_ms"], flush=True)
    with open(a.log, "ab") as log:
        for name, cwd, cmd in a.subject:
            s = Subject(name, cmd.split(" "), cwd, env, log)
            start_ms, answer_ms, said = cold(s, sleep, a.cold)
            print("%s: cold start %.2f ms, cold answer %.2f ms: %s"
                  % (name, start_ms, answer_ms, said), flush=True)
            p50, cpu = warm(s, sleep, a.warm)
            print("%s: warm p50 %.2f ms, CPU %.3f ms per answer" % (name, p50, cpu), flush=True)
            rss = mixed(s, questions, a.mixed)
            print("%s: peak RSS %.1f MB after %d mixed questions" % (name, rss, a.mixed),
                  flush=True)
            results["subjects"].append({
                "name": name, "cold_start_ms": start_ms, "cold_answer_ms": answer_ms,
                "warm_p50_ms": p50, "cpu_ms": cpu, "peak_rss_mb": rss, "speech": said})
        first = Subject(a.subject[0][0], a.subject[0][2].split(" "), a.subject[0][1], env, log)
        one_ms, summary_ms, said = fan_out(first, sleep, event("summary.json"), a.sandbox,
                                           a.fanout_delay, a.fanout)
        results["fanout"] = {"delay_ms": a.fanout_delay, "one_ms": one_ms,
                             "summary_ms": summary_ms, "speech": said}
        print("%s: with every Withings call held %d ms, one call %.1f ms, summary %.1f ms: %s"
              % (first.name, a.fanout_delay, one_ms, summary_ms, said), flush=True)
    with open(a.out, "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
