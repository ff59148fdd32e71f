//! Print the user's latest weight of the last 30 days.
//!
//! ```sh
//! WITHINGS_ACCESS_TOKEN=… cargo run -p withings --example latest_weight
//! ```
//!
//! `WITHINGS_TZ` names the user's zone (default UTC), so that "the last 30
//! days" are the user's calendar days; `WITHINGS_API_URL` points the client at
//! another host (a local stand-in, say) instead of the production API.

use std::process::ExitCode;
use std::time::Duration;
use withings::secret::{AccessToken, ClientSecret};
use withings::{Credentials, DayRange, Deadline, MeasureType, WithingsClient, WithingsError};

#[tokio::main]
async fn main() -> ExitCode {
    let Ok(token) = std::env::var("WITHINGS_ACCESS_TOKEN") else {
        eprintln!("set WITHINGS_ACCESS_TOKEN to a Withings OAuth 2.0 access token");
        return ExitCode::from(2);
    };
    let tz: chrono_tz::Tz = match std::env::var("WITHINGS_TZ")
        .as_deref()
        .unwrap_or("UTC")
        .parse()
    {
        Ok(tz) => tz,
        Err(e) => {
            eprintln!("WITHINGS_TZ: {e}");
            return ExitCode::from(2);
        }
    };
    let api =
        std::env::var("WITHINGS_API_URL").unwrap_or_else(|_| withings::DEFAULT_API_BASE.into());
    let api = match url::Url::parse(&api) {
        Ok(api) => api,
        Err(e) => {
            eprintln!("WITHINGS_API_URL: {e}");
            return ExitCode::from(2);
        }
    };

    // Data calls need only the user's token; the application's credentials
    // matter for the token calls, which this example does not make.
    let client = WithingsClient::new(
        withings::http_client(),
        api,
        Credentials::new("", ClientSecret::new("")),
    );
    let today = withings::local_today(tz, chrono::Utc::now());
    let days = DayRange::new(today - chrono::Days::new(29), today);
    let answer = client
        .latest_measure(
            &AccessToken::new(token),
            MeasureType::Weight,
            days,
            tz,
            Deadline::after(Duration::from_secs(10)),
            5,
        )
        .await;

    match answer {
        Ok(Some(weight)) => {
            let taken = chrono::DateTime::from_timestamp(weight.date, 0)
                .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            let whose = if weight.ambiguous() {
                " (from a shared scale: may be someone else's)"
            } else {
                ""
            };
            println!(
                "{} {} on {taken}{whose}",
                weight.value.round_to(1),
                weight.kind.unit()
            );
            ExitCode::SUCCESS
        }
        Ok(None) => {
            println!("no weigh-in in the last 30 days");
            ExitCode::SUCCESS
        }
        Err(WithingsError::InvalidToken { .. }) => {
            eprintln!("the token is expired or revoked: refresh it, or link again");
            ExitCode::FAILURE
        }
        Err(e) if e.is_transient() => {
            eprintln!("{e}; try again in a moment");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
