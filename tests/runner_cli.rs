//! The runner contract: `invoke EVENT [--withings-url URL] [--now T]` prints the
//! response envelope and exits 0, with no AWS and no Withings account.

mod common;

use serde_json::Value;
use std::collections::HashMap;
use std::io::BufRead;
use std::process::{Child, Command, Output, Stdio};
use url::Url;

fn runner(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_withings-alexa"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args(args);
    // A clean slate: the outer environment must not pick the store or Withings.
    for k in [
        "TABLE_NAME",
        "WITHINGS_API_URL",
        "SKILL_ID",
        "ALEXA_API_URL",
        "WITHINGS_CLIENT_SECRET",
        "RUST_LOG",
    ] {
        cmd.env_remove(k);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run the runner")
}

fn envelope(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is the response JSON")
}

/// 08:00 in New York (the demo user's zone): every answer below is pinned here.
const NOW: &str = "2026-11-25T13:00:00Z";

fn ssml(v: &Value) -> &str {
    v["response"]["outputSpeech"]["ssml"].as_str().unwrap_or("")
}

#[test]
fn invoke_answers_last_night_offline() {
    let v = envelope(&runner(
        &["invoke", "events/sleep-last-night.json", "--now", NOW],
        &[],
    ));
    assert_eq!(v["version"], "1.0");
    assert!(ssml(&v).contains("Last night you slept"), "{v}");
    assert!(ssml(&v).contains(" hours") || ssml(&v).contains(" minutes"));
}

#[test]
fn now_pins_the_answer() {
    let args = ["invoke", "events/sleep-last-night.json", "--now", NOW];
    let a = envelope(&runner(&args, &[]));
    let b = envelope(&runner(&args, &[]));
    assert_eq!(a, b);
    assert_eq!(
        ssml(&a),
        "<speak>Last night you slept 7 hours 48 minutes, with 1 hour 52 minutes of deep sleep.</speak>"
    );
}

/// A sandbox of the test's own, its clock stopped at NOW.
async fn sandbox_at_now() -> withings_sandbox::Sandbox {
    let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap().to_utc();
    withings_sandbox::Sandbox::start(withings::Clock::Fixed(now), 0)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn withings_url_sends_calls_elsewhere() {
    // The external sandbox and the runner read the same pinned time.
    let sb = sandbox_at_now().await;
    let url = sb.url().to_string();
    let out = tokio::task::spawn_blocking(move || {
        runner(
            &[
                "invoke",
                "events/sleep-last-night.json",
                "--withings-url",
                &url,
                "--now",
                NOW,
            ],
            &[],
        )
    })
    .await
    .unwrap();
    assert!(ssml(&envelope(&out)).contains("Last night you slept"));
    assert!(
        sb.state.count("getsummary") >= 1,
        "the calls went to our sandbox"
    );

    // Nothing listening there: a polite answer, still exit 0.
    let dead = dead_endpoint();
    let out = tokio::task::spawn_blocking(move || {
        runner(
            &[
                "invoke",
                "events/sleep-last-night.json",
                "--withings-url",
                &dead,
                "--now",
                NOW,
            ],
            &[],
        )
    })
    .await
    .unwrap();
    assert!(ssml(&envelope(&out)).contains("couldn't reach Withings"));
}

/// A sandbox started elsewhere keeps its own clock; a run with no --now
/// follows it, and a --now far from it is warned about.
#[tokio::test(flavor = "multi_thread")]
async fn invoke_follows_an_external_sandboxs_clock() {
    let sb = sandbox_at_now().await;
    let url = sb.url().to_string();
    let ask = move |extra: &'static [&'static str]| {
        let url = url.clone();
        tokio::task::spawn_blocking(move || {
            let mut args = vec!["invoke", "events/sleep-last-night.json", "--withings-url"];
            args.push(&url);
            args.extend(extra);
            runner(&args, &[])
        })
    };
    let followed = ask(&[]).await.unwrap();
    assert!(stderr(&followed).is_empty(), "{}", stderr(&followed));
    assert_eq!(
        ssml(&envelope(&followed)),
        "<speak>Last night you slept 7 hours 48 minutes, with 1 hour 52 minutes of deep sleep.</speak>",
        "the same answer as --now {NOW} with the built-in sandbox"
    );
    let apart = ask(&["--now", "2026-11-27T13:00:00Z"]).await.unwrap();
    let err = stderr(&apart);
    assert!(
        err.starts_with(&format!(
            "warning: --now is 2026-11-27 13:00:00 UTC but the sandbox at {} reads 2026-11-25 13:00:00 UTC",
            sb.url()
        )),
        "{err}"
    );
    envelope(&apart);
}

#[test]
fn every_sample_event_gets_a_valid_envelope() {
    let dir = format!("{}/events", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    assert!(names.len() >= 8);
    for path in names {
        let v = envelope(&runner(
            &["invoke", path.to_str().unwrap(), "--now", NOW],
            &[],
        ));
        assert_eq!(v["version"], "1.0", "{path:?}");
        assert!(v["response"].is_object(), "{path:?}");
        let size = serde_json::to_vec(&v).unwrap().len();
        assert!(
            size < 24 * 1024,
            "{path:?}: {size} bytes is over Alexa's 24 KB"
        );
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn bad_usage_is_explained() {
    let out = runner(&["invoke"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Usage: withings-alexa invoke"),
        "{}",
        stderr(&out)
    );
    let out = runner(&["invoke", "events/launch.json", "--now", "yesterday"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("RFC 3339"));
    let out = runner(&["invoke", "no/such/file.json"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: cannot read no/such/file.json"),
        "{}",
        stderr(&out)
    );
    let out = runner(&["invoke", "Cargo.toml"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not JSON"), "{}", stderr(&out));
    // Another skill's request is refused: non-zero exit, nothing on stdout.
    let out = runner(
        &["invoke", "events/launch.json"],
        &[("SKILL_ID", "amzn1.ask.skill.other")],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty());
    // One line for the error, after the logs; no colour codes in a pipe.
    let err = stderr(&out);
    assert!(!err.contains('\x1b'), "{err:?}");
    let last = err.lines().last().unwrap_or_default();
    assert!(last.starts_with("error: refused:"), "{err}");
    assert!(err.contains("WARN"), "the refusal is logged as well: {err}");
}

#[test]
fn every_command_explains_itself() {
    for args in [
        &["--help"][..],
        &["invoke", "--help"],
        &["sandbox", "--help"],
        &["create-table", "--help"],
        &["seed-demo", "--help"],
        &["link-bridge", "--help"],
        &["oauth1", "--help"],
        &["oauth1", "sign", "--help"],
        &["oauth1", "demo", "--help"],
    ] {
        let out = runner(args, &[]);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(help.contains("Usage: withings-alexa"), "{args:?}: {help}");
    }
    let out = runner(&["invoke", "--help"], &[]);
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--withings-url",
        "--access-token",
        "--now",
        "--sandbox-zone",
        "TABLE_NAME",
        "/sandbox/clock",
    ] {
        assert!(help.contains(flag), "invoke --help names {flag}: {help}");
    }
    let out = runner(&["link-bridge", "--help"], &[]);
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in ["TABLE_NAME", "--port", "--now", "local-bridge-secret"] {
        assert!(
            help.contains(needle),
            "link-bridge --help names {needle}: {help}"
        );
    }
}

/// A table name no other run uses.
fn fresh_table(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        withings_alexa::secret::random_token(6).replace(['-', '_'], "x")
    )
}

/// A loopback port nothing listens on.
fn dead_endpoint() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    format!("http://127.0.0.1:{port}")
}

/// A fresh table in moto, made by `create-table`: its name, and what it said.
fn table_in_moto(prefix: &str) -> (String, String) {
    assert!(
        std::env::var("AWS_ENDPOINT_URL_DYNAMODB").is_ok(),
        "run via scripts/test.sh (moto)"
    );
    let table = fresh_table(prefix);
    let out = runner(&["create-table"], &[("TABLE_NAME", &table)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (table, stderr(&out))
}

#[test]
fn create_table_is_idempotent() {
    let (table, said) = table_in_moto("idem");
    assert!(said.starts_with(&format!("created table {table} (DynamoDB at http://")));
    let env = [("TABLE_NAME", table.as_str())];
    let again = runner(&["create-table"], &env);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(
        stderr(&again).starts_with(&format!("table {table} already exists")),
        "{}",
        stderr(&again)
    );
    assert!(stderr(&again).contains("left as it is"));
}

#[test]
fn a_dynamodb_that_does_not_answer_is_one_short_line() {
    let dead = dead_endpoint();
    let env = [
        ("TABLE_NAME", "links"),
        ("AWS_ENDPOINT_URL_DYNAMODB", dead.as_str()),
    ];
    let refused = format!("DynamoDB at {dead} did not answer (connection refused)");
    for (args, command) in [
        (&["create-table"][..], "create-table"),
        (&["seed-demo", "--now", NOW], "seed-demo"),
        (
            &["invoke", "events/sleep-last-night.json", "--now", NOW],
            "invoke",
        ),
    ] {
        let out = runner(args, &env);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(
            stderr(&out),
            format!("error: {command} links: {refused}\n"),
            "{args:?}"
        );
    }
    // A missing table is named, with the command that creates it.
    let out = runner(&["seed-demo"], &[("TABLE_NAME", &fresh_table("missing"))]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("ResourceNotFoundException"), "{err}");
    assert!(
        err.contains("withings-alexa create-table creates it"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn table_name_without_a_local_endpoint_warns_of_real_aws() {
    // No endpoint, and no credentials anywhere (an empty HOME, no instance
    // metadata): the SDK gives up before any request leaves the machine.
    let home = std::env::temp_dir().join(format!("runner-home-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_withings-alexa"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("create-table")
        .env_clear()
        .env("HOME", &home)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_REGION", "eu-west-1")
        .env("TABLE_NAME", "links");
    let out = cmd.output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let lines: Vec<_> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("warning: TABLE_NAME=links and neither AWS_ENDPOINT_URL_DYNAMODB nor AWS_ENDPOINT_URL is set: this talks to the real DynamoDB in eu-west-1"),
        "{err}"
    );
    assert!(
        lines[1].starts_with(
            "error: create-table links: DynamoDB in eu-west-1 (real AWS) could not be called:"
        ),
        "{err}"
    );
    assert!(lines[1].contains("credentials"), "{err}");
    // With a local endpoint there is nothing to warn about.
    let out = runner(
        &["seed-demo", "--now", NOW],
        &[
            ("TABLE_NAME", "links"),
            ("AWS_ENDPOINT_URL_DYNAMODB", &dead_endpoint()),
        ],
    );
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

#[test]
fn table_name_switches_to_dynamodb() {
    let (table, _) = table_in_moto("cli");
    let env = [("TABLE_NAME", table.as_str())];
    // An empty table: the sample token is not linked there.
    let ask = ["invoke", "events/sleep-last-night.json", "--now", NOW];
    let v = envelope(&runner(&ask, &env));
    assert_eq!(v["response"]["card"]["type"], "LinkAccount");
    let out = runner(&["seed-demo", "--now", NOW], &env);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = envelope(&runner(&ask, &env));
    assert!(ssml(&v).contains("Last night you slept"), "{v}");
}

/// The link-bridge process; stopped when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A browser, as far as the linking trip needs one: redirects followed by
/// hand, cookies kept (every server here is on 127.0.0.1, and cookies ignore
/// ports).
struct Browser {
    http: reqwest::Client,
    cookies: HashMap<String, String>,
}

impl Browser {
    fn new() -> Self {
        Browser {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: HashMap::new(),
        }
    }

    /// GET `url` and every redirect after it; the last URL and its page.
    async fn open(&mut self, url: &str) -> (Url, String) {
        let mut url = Url::parse(url).unwrap();
        for _ in 0..10 {
            let cookie = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            let r = self
                .http
                .get(url.clone())
                .header("cookie", cookie)
                .send()
                .await
                .unwrap();
            for set in r.headers().get_all("set-cookie") {
                let pair = set.to_str().unwrap().split(';').next().unwrap();
                let (k, v) = pair.split_once('=').unwrap();
                self.cookies.insert(k.trim().into(), v.trim().into());
            }
            match r.headers().get("location") {
                Some(to) => url = url.join(to.to_str().unwrap()).unwrap(),
                None => {
                    assert_eq!(r.status(), 200, "{url}");
                    return (url, r.text().await.unwrap());
                }
            }
        }
        panic!("more than 10 redirects from {url}");
    }
}

fn html_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The account-linking demo as the README walks through it: link-bridge on
/// a table in moto, the browser trip to the page standing in for Alexa's,
/// the code redeemed at /token as that page says, and the skill asked with
/// the new access token by the very command the page prints.
#[tokio::test(flavor = "multi_thread")]
async fn the_linking_demo_ends_in_an_answer() {
    let (table, _) = table_in_moto("linkdemo");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_withings-alexa"));
    cmd.args(["link-bridge", "--now", NOW])
        .env("TABLE_NAME", &table)
        .env_remove("ALEXA_CLIENT_SECRET")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut bridge = Running(cmd.spawn().unwrap());
    let mut authorize = String::new();
    std::io::BufReader::new(bridge.0.stdout.take().unwrap())
        .read_line(&mut authorize)
        .unwrap();

    // Alexa's request as it is with PKCE enabled.
    assert!(
        authorize.contains("code_challenge_method=S256"),
        "{authorize}"
    );
    let mut browser = Browser::new();
    let (alexa, page) = browser.open(authorize.trim()).await;
    assert_eq!(alexa.path(), "/local-alexa/done", "{alexa}");
    let back: HashMap<_, _> = alexa.query_pairs().into_owned().collect();
    assert_eq!(back["state"], "local-try");
    let page = html_unescape(&page);
    let line = |start: &str| {
        page.lines()
            .map(str::trim)
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line starting {start:?} in\n{page}"))
            .to_string()
    };

    // 1. The code, redeemed as the page's curl does it.
    let curl = line("TOKEN=$(curl ");
    let words: Vec<&str> = curl.split_whitespace().collect();
    let after = |flag: &str| -> Vec<&str> {
        words
            .windows(2)
            .filter(|w| w[0] == flag)
            .map(|w| w[1])
            .collect()
    };
    let (id, secret) = after("-u")[0].split_once(':').unwrap();
    assert_eq!((id, secret), ("alexa-skill", "local-bridge-secret"));
    let form: Vec<(&str, &str)> = after("-d")
        .into_iter()
        .map(|kv| kv.split_once('=').unwrap())
        .collect();
    assert!(form.contains(&("code", back["code"].as_str())), "{curl}");
    assert!(form.iter().any(|(k, _)| *k == "code_verifier"), "{curl}");
    let token_url = words[words.iter().position(|w| *w == "|").unwrap() - 1];
    let answer: Value = browser
        .http
        .post(token_url)
        .basic_auth(id, Some(secret))
        .form(&form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = answer["access_token"].as_str().expect("an access token");
    assert!(
        answer["token_type"]
            .as_str()
            .is_some_and(|t| t.eq_ignore_ascii_case("bearer")),
        "{answer}"
    );

    // 2. The skill, asked as the newly linked user, with the page's command.
    let invoke = line(&format!("TABLE_NAME={table} cargo run -- invoke "));
    let args: Vec<String> = invoke
        .split_whitespace()
        .skip(4) // TABLE_NAME=… cargo run --
        .map(|w| w.replace("\"$TOKEN\"", token))
        .collect();
    let out = tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        runner(&args, &[("TABLE_NAME", &table)])
    })
    .await
    .unwrap();
    assert_eq!(
        ssml(&envelope(&out)),
        "<speak>Last night you slept 7 hours 48 minutes, with 1 hour 52 minutes of deep sleep.</speak>"
    );
}

#[test]
fn skill_disabled_deletes_the_link_in_dynamodb() {
    let (table, _) = table_in_moto("disabled");
    let env = [("TABLE_NAME", table.as_str())];
    let seeded = runner(&["seed-demo", "--now", NOW], &env);
    assert!(seeded.status.success(), "{}", stderr(&seeded));
    let ask = ["invoke", "events/sleep-last-night.json", "--now", NOW];
    assert!(ssml(&envelope(&runner(&ask, &env))).contains("Last night you slept"));
    // The sample event names a link of its own; here it is the demo user's.
    let disable = [
        "invoke",
        "events/skill-disabled.json",
        "--access-token",
        withings_alexa::config::SAMPLE_ALEXA_TOKEN,
        "--now",
        NOW,
    ];
    let v = envelope(&runner(&disable, &env));
    assert!(v["response"].get("outputSpeech").is_none(), "{v}");
    let v = envelope(&runner(&ask, &env));
    assert_eq!(v["response"]["card"]["type"], "LinkAccount", "{v}");
}
