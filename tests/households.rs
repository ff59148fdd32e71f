//! Households: a recognised speaker with a personal link hears their own data,
//! one without hears the account's (and is told so) only when the account is
//! linked, and nobody ever hears another member's. The sandbox serves each
//! user's own data; both store adapters.

mod common;

use chrono::Duration;
use common::*;
use serde_json::Value;
use withings_alexa::config::SAMPLE_ALEXA_TOKEN;
use withings_alexa::store::AnyStore;
use withings_sandbox::DEMO_USER_ID;

const PERSON_TOKEN: &str = "Atza|sandbox-person-link";
const PERSON_USER: &str = "7777";
const ACCOUNT_PREFIX: &str = "From the account's Withings profile: ";

fn card_type(r: &Value) -> &str {
    r["response"]["card"]["type"].as_str().unwrap_or("")
}

async fn each_person_hears_their_own(h: Harness<AnyStore>) {
    h.sandbox
        .state
        .add_user(PERSON_USER, "America/New_York".parse().unwrap());
    h.link_demo().await;
    h.link(PERSON_TOKEN, PERSON_USER, Duration::hours(3)).await;

    // What each user's data sounds like, asked without personalisation.
    let account = speech(&h.ask(event("sleep-last-night.json")).await);
    let person_alone = with_token(event("sleep-last-night.json"), Some(PERSON_TOKEN));
    let person = speech(&h.ask(person_alone).await);
    assert!(account.starts_with("Last night you slept"), "{account}");
    assert!(person.starts_with("Last night you slept"), "{person}");
    assert_ne!(account, person, "the sandbox must tell the two users apart");

    // A recognised speaker with a personal link: their own data, unprefixed.
    let said = speech(&h.ask(event("sleep-person-linked.json")).await);
    assert_eq!(said, person);

    // A recognised speaker without one: the account's, said to be the account's.
    let said = speech(&h.ask(event("sleep-person-unlinked.json")).await);
    assert_eq!(said, format!("{ACCOUNT_PREFIX}{account}"));
    let de = with_locale(event("sleep-person-unlinked.json"), "de-DE");
    let said = speech(&h.ask(de).await);
    assert!(
        said.starts_with("Aus dem Withings-Profil des Kontos: "),
        "{said}"
    );

    // The account is not linked: the unlinked speaker hears nothing of anyone.
    let ev = with_token(event("sleep-person-unlinked.json"), None);
    let r = json(&h.ask(ev).await);
    assert_eq!(card_type(&r), "LinkAccount", "{r}");

    // A personal token whose link is gone never falls back to the account's data.
    let mut ev = event("sleep-person-linked.json");
    ev["context"]["System"]["person"]["accessToken"] = Value::String("Atza|unknown".into());
    let r = json(&h.ask(ev).await);
    assert_eq!(card_type(&r), "LinkAccount", "{r}");
}

#[tokio::test]
async fn each_person_hears_their_own_in_memory() {
    each_person_hears_their_own(memory_harness().await).await;
}

#[tokio::test]
async fn each_person_hears_their_own_on_dynamodb() {
    each_person_hears_their_own(dynamo_harness().await).await;
}

#[tokio::test]
async fn a_person_who_disables_loses_only_their_own_link() {
    let h = memory_harness().await;
    h.link_demo().await;
    h.link(PERSON_TOKEN, PERSON_USER, Duration::hours(3)).await;
    // A disable event carrying only the person's token (the account's removed).
    let mut ev = with_token(event("skill-disabled.json"), None);
    ev["context"]["System"]["person"] =
        serde_json::json!({"personId": "amzn1.ask.person.X", "accessToken": PERSON_TOKEN});
    h.ask(ev).await;
    let r = json(&h.ask(event("sleep-person-linked.json")).await);
    assert_eq!(card_type(&r), "LinkAccount", "{r}");
    let said = speech(&h.ask(event("sleep-last-night.json")).await);
    assert!(said.starts_with("Last night you slept"), "{said}");
    assert!(h.stored(SAMPLE_ALEXA_TOKEN).await.withings_user_id == DEMO_USER_ID);
}
