//! "My latest weight" reads the last week first (one getmeas page) and the
//! whole 90-day window only when the week has no weigh-in, so the usual
//! question costs one round trip to Withings, not one per page.

mod common;

use chrono::Duration;
use common::*;
use withings_sandbox::DEMO_USER_ID;

#[tokio::test]
async fn a_recent_weigh_in_is_one_call() {
    let h = memory_harness().await;
    h.link_demo().await;
    // At the sandbox's page size (25 groups), 90 days of weigh-ins are
    // several pages, the last week one.
    let said = speech(&h.ask(event("weight.json")).await);
    assert!(said.starts_with("You weighed"), "{said}");
    assert_eq!(h.sandbox.state.count("getmeas"), 1, "{said}");
}

#[tokio::test]
async fn a_weigh_in_older_than_a_week_is_still_found() {
    let h = memory_harness().await;
    h.link_demo().await;
    // The scale last synced twelve days ago: the week is empty, the window is not.
    h.sandbox
        .state
        .set_last_sync(DEMO_USER_ID, Some(now() - Duration::days(12)));
    let said = speech(&h.ask(event("weight.json")).await);
    assert!(said.starts_with("You weighed"), "{said}");
    assert!(said.contains(" on "), "names the day it was: {said}");
    // The week (one call), then the window's pages.
    let calls = h.sandbox.state.count("getmeas");
    assert!(calls >= 2, "{calls} getmeas calls");
}

#[tokio::test]
async fn no_weigh_in_in_ninety_days_says_so() {
    let h = memory_harness().await;
    h.link_demo().await;
    h.sandbox
        .state
        .set_last_sync(DEMO_USER_ID, Some(now() - Duration::days(120)));
    let said = speech(&h.ask(event("weight.json")).await);
    assert!(said.contains("three months"), "{said}");
}
