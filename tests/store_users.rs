//! The Withings-user index on both adapters: a re-link replaces the user's old
//! link and its bridge refresh grant, the index follows a rotation, and
//! `forget` (the skill disabled) deletes a link with its grant and index entry,
//! touching no other user. DynamoDB through the real SDK against moto.

mod common;

use chrono::Duration;
use common::*;
use withings_alexa::secret::{AccessToken, AlexaToken, RefreshToken, TokenHash};
use withings_alexa::store::memory::MemoryStore;
use withings_alexa::store::{GrantStore, LinkRecord, Outcome, RefreshGrant, Rotation};

fn link(alexa_token: &str, user: &str, withings_refresh: &str) -> LinkRecord {
    LinkRecord {
        key: AlexaToken::new(alexa_token).hashed(),
        withings_user_id: user.into(),
        access_token: AccessToken::new(format!("wa-{withings_refresh}")),
        refresh_token: RefreshToken::new(withings_refresh),
        access_expires_at: now() + Duration::hours(3),
        version: 1,
        timezone: None,
        lease: None,
        updated_at: now(),
        alexa_expires_at: None,
    }
}

fn grant(link: &TokenHash) -> RefreshGrant {
    RefreshGrant {
        client_id: "alexa-skill".into(),
        link: link.clone(),
        expires_at: now() + Duration::days(365),
    }
}

async fn create<S: GrantStore>(store: &S, l: &LinkRecord, refresh: &str) {
    let done = store
        .create_link(l, &TokenHash::of(refresh), &grant(&l.key))
        .await
        .unwrap();
    assert_eq!(done, Outcome::Done);
}

async fn has_link<S: GrantStore>(store: &S, l: &LinkRecord) -> bool {
    store.get(&l.key).await.unwrap().is_some()
}

async fn has_grant<S: GrantStore>(store: &S, refresh: &str) -> bool {
    let g = store.get_refresh(&TokenHash::of(refresh), now()).await;
    g.unwrap().is_some()
}

async fn contract<S: GrantStore>(store: &S) {
    let first = link("alexa-1", "100", "wr-1");
    create(store, &first, "br-1").await;
    let other = link("alexa-other", "200", "wr-other");
    create(store, &other, "br-other").await;

    // The same Withings user links again: the old link and grant are gone.
    let second = link("alexa-2", "100", "wr-2");
    create(store, &second, "br-2").await;
    assert!(!has_link(store, &first).await, "old link left behind");
    assert!(
        !has_grant(store, "br-1").await,
        "old refresh grant left live"
    );
    assert!(has_link(store, &second).await && has_grant(store, "br-2").await);

    // Alexa refreshes: the link moves; a re-link after that still finds it.
    let moved = AlexaToken::new("alexa-2b").hashed();
    let moved_grant = grant(&moved);
    let rotation = Rotation {
        old_refresh: &TokenHash::of("br-2"),
        new_refresh: &TokenHash::of("br-2b"),
        grant: &moved_grant,
        link: &second,
        new_link: &moved,
        new_link_expires_at: now() + Duration::hours(1),
    };
    assert_eq!(store.rotate(&rotation, now()).await.unwrap(), Outcome::Done);
    let third = link("alexa-3", "100", "wr-3");
    create(store, &third, "br-3").await;
    assert_eq!(store.get(&moved).await.unwrap(), None, "moved link left");
    assert!(!has_grant(store, "br-2b").await, "rotated grant left live");

    // The skill is disabled: link, grant and index entry go; a new link of
    // that user afterwards starts afresh.
    let gone = store.forget(&third.key).await.unwrap();
    assert_eq!(gone.map(|l| l.withings_user_id), Some("100".to_string()));
    assert!(!has_link(store, &third).await && !has_grant(store, "br-3").await);
    assert_eq!(store.forget(&third.key).await.unwrap(), None);
    let fourth = link("alexa-4", "100", "wr-4");
    create(store, &fourth, "br-4").await;
    assert!(has_link(store, &fourth).await);

    // A link stored without the bridge (no index entry) is deleted too.
    let seeded = link("alexa-seeded", "300", "wr-seeded");
    store.put(&seeded).await.unwrap();
    assert!(store.forget(&seeded.key).await.unwrap().is_some());
    assert!(!has_link(store, &seeded).await);

    // The other user never noticed.
    assert!(has_link(store, &other).await && has_grant(store, "br-other").await);
}

#[tokio::test]
async fn memory_relink_replaces_and_forget_deletes_everything() {
    contract(&MemoryStore::new()).await;
}

#[tokio::test]
async fn dynamodb_relink_replaces_and_forget_deletes_everything() {
    let store = dynamo_store().await;
    contract(&store).await;
    // What is left in the table is exactly the two live users' records: no
    // stray link, grant or index entry (a test may Scan; the stack may not).
    let out = dynamodb()
        .await
        .scan()
        .table_name(store.table())
        .send()
        .await
        .unwrap();
    let mut kinds: Vec<String> = out
        .items()
        .iter()
        .map(|i| {
            let pk = i["pk"].as_s().unwrap();
            pk.split_once('#').unwrap().0.to_string()
        })
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        ["link", "link", "refresh", "refresh", "user", "user"],
        "{:?}",
        out.items()
            .iter()
            .map(|i| i["pk"].as_s().unwrap().clone())
            .collect::<Vec<_>>()
    );
    for user in ["user#100", "user#200"] {
        assert!(
            out.items().iter().any(|i| i["pk"].as_s().unwrap() == user),
            "{user} missing"
        );
    }
}
