//! `GET /`: a plain-text page saying what this sandbox serves and how to use
//! it: the Withings paths and actions, the Alexa Settings path, the OAuth 1.0
//! paths, the demo account, the client credentials, the fault switches and
//! the clock.

use crate::alexa_settings;
use crate::routes::WITHINGS;
use crate::{
    CLIENT_ID, CLIENT_SECRET, DEMO_ACCESS_TOKEN, DEMO_REFRESH_TOKEN, DEMO_TIMEZONE, DEMO_USER_ID,
};

pub(crate) async fn page() -> String {
    let withings: String = WITHINGS
        .iter()
        .map(|w| {
            format!(
                "  POST {:<14} action={}\n",
                w.path,
                w.action_names().join("|")
            )
        })
        .collect();
    let settings = alexa_settings::PATH;
    format!(
        r#"withings-sandbox: an offline Withings API on loopback, with deterministic data,
real token checks and refresh-token rotation.

Withings API (parameters in the form body or the query string; the body wins):
{withings}  GET  /oauth2_user/authorize2  consents at once, redirects back with a code

Alexa Settings API:
  GET  {settings}
       System.timeZone, System.distanceUnits, System.temperatureUnit

OAuth 1.0 (historical; signatures checked):
  GET  /account/request_token, /account/authorize, /account/access_token
  GET  /measure?action=getmeas (signed)

Demo account (its tokens never expire or rotate out):
  user id        {DEMO_USER_ID}
  access token   {DEMO_ACCESS_TOKEN}
  refresh token  {DEMO_REFRESH_TOKEN}
  time zone      {DEMO_TIMEZONE}

Client accepted:
  client_id      {CLIENT_ID}
  client_secret  {CLIENT_SECRET} (or a getnonce nonce and a signature)

Faults, on `path` (every Withings path if absent), for the next `times` calls
(until cleared if absent):
  POST   /sandbox/faults  (Content-Type: application/json)
         {{"path":"/v2/sleep","kind":"status","status":601,"times":1}}
         kinds: status ("status": a Withings status), http ("status": an HTTP
         status), delay ("millis"), garbage (a body that is not JSON), empty
         (an empty body)
  DELETE /sandbox/faults  clears them

Clock (data, token and code expiry follow it; `withings-alexa sandbox --now T`
starts it at T):
  GET    /sandbox/clock   {{"now":"2026-11-25T13:00:00Z"}}
"#
    )
}

#[cfg(test)]
mod tests {
    use crate::{DEMO_ACCESS_TOKEN, Sandbox};
    use std::io::{Read, Write};
    use std::net::{SocketAddr, TcpStream};
    use withings::Clock;

    /// One HTTP/1.1 exchange, by hand: the status code and the body.
    async fn http(addr: SocketAddr, request: String) -> (u16, String) {
        tokio::task::spawn_blocking(move || {
            let mut stream = TcpStream::connect(addr).unwrap();
            stream.write_all(request.as_bytes()).unwrap();
            let mut response = String::new();
            stream.read_to_string(&mut response).unwrap();
            let (head, body) = response.split_once("\r\n\r\n").unwrap();
            (head[9..12].parse().unwrap(), body.to_string())
        })
        .await
        .unwrap()
    }

    fn get(path: &str) -> String {
        format!("GET {path} HTTP/1.1\r\nHost: sandbox\r\nConnection: close\r\n\r\n")
    }

    fn post_form(path: &str, form: &str) -> String {
        format!(
            "POST {path} HTTP/1.1\r\nHost: sandbox\r\nConnection: close\r\n\
             Authorization: Bearer {DEMO_ACCESS_TOKEN}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {}\r\n\r\n{form}",
            form.len()
        )
    }

    #[tokio::test]
    async fn the_root_page_says_what_is_served_and_how() {
        let sb = Sandbox::start(Clock::System, 0).await.unwrap();
        let (code, page) = http(sb.addr(), get("/")).await;
        assert_eq!(code, 200);
        for withings in super::WITHINGS {
            assert!(page.contains(withings.path), "{}", withings.path);
            for action in withings.action_names() {
                assert!(page.contains(action), "{action}");
            }
        }
        for needle in [
            crate::alexa_settings::PATH,
            "/oauth2_user/authorize2",
            "/account/request_token",
            crate::DEMO_USER_ID,
            DEMO_ACCESS_TOKEN,
            crate::DEMO_REFRESH_TOKEN,
            crate::CLIENT_ID,
            crate::CLIENT_SECRET,
            "POST   /sandbox/faults",
            "DELETE /sandbox/faults",
            "GET    /sandbox/clock",
            r#"{"path":"/v2/sleep","kind":"status","status":601,"times":1}"#,
        ] {
            assert!(page.contains(needle), "{needle} missing from\n{page}");
        }
        // The probe the scripts use still answers.
        assert_eq!(http(sb.addr(), get("/v2/sleep")).await.0, 200);
    }

    #[tokio::test]
    async fn the_clock_page_tells_the_sandbox_time() {
        use chrono::TimeZone;
        let at = chrono::Utc
            .with_ymd_and_hms(2026, 11, 25, 13, 0, 0)
            .unwrap();
        let sb = Sandbox::start(Clock::Fixed(at), 0).await.unwrap();
        let (code, body) = http(sb.addr(), get("/sandbox/clock")).await;
        assert_eq!(code, 200);
        assert_eq!(body, r#"{"now":"2026-11-25T13:00:00Z"}"#);
    }

    /// Every action the page lists is served: none is refused as unknown.
    #[tokio::test]
    async fn every_listed_action_is_served() {
        let sb = Sandbox::start(Clock::System, 0).await.unwrap();
        for withings in super::WITHINGS {
            let path = withings.path;
            for action in withings.action_names() {
                let form = format!("action={action}");
                let (code, body) = http(sb.addr(), post_form(path, &form)).await;
                assert_eq!(code, 200, "{path} {action}");
                assert!(!body.contains("Unknown action"), "{path} {action}: {body}");
            }
            let (_, body) = http(sb.addr(), post_form(path, "action=nosuchaction")).await;
            assert!(body.contains("Unknown action"), "{path}: {body}");
        }
    }
}
