//! The link store: the same contract checked on both adapters, DynamoDB through
//! the real SDK against moto, plus the table definition kept equal to template.yaml.

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::*;
use withings_alexa::secret::{AccessToken, AlexaToken, RefreshToken};
use withings_alexa::store::dynamodb::{PARTITION_KEY, TTL_ATTRIBUTE};
use withings_alexa::store::memory::MemoryStore;
use withings_alexa::store::{Lease, LinkRecord, LinkStore, Outcome, Refreshed};

fn record(token: &str) -> LinkRecord {
    LinkRecord {
        key: AlexaToken::new(token).hashed(),
        withings_user_id: "363".into(),
        access_token: AccessToken::new("access-1"),
        refresh_token: RefreshToken::new("refresh-1"),
        access_expires_at: Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap(),
        version: 1,
        timezone: Some("Europe/Paris".into()),
        lease: None,
        updated_at: now(),
        alexa_expires_at: Some(now() + chrono::Duration::hours(1)),
    }
}

async fn contract(store: impl LinkStore) {
    let r = record("Atza|one");
    assert_eq!(store.get(&r.key).await.unwrap(), None);
    store.put(&r).await.unwrap();
    assert_eq!(store.get(&r.key).await.unwrap(), Some(r.clone()));

    let t = now();
    let lease_a = Lease {
        id: "a".into(),
        until: t + Duration::seconds(10),
    };
    let lease_b = Lease {
        id: "b".into(),
        until: t + Duration::seconds(10),
    };
    // Stale version: refused.
    assert_eq!(
        store.acquire_lease(&r.key, 7, &lease_a, t).await.unwrap(),
        Outcome::Lost
    );
    assert_eq!(
        store.acquire_lease(&r.key, 1, &lease_a, t).await.unwrap(),
        Outcome::Done
    );
    // A live lease blocks a second refresher.
    assert_eq!(
        store.acquire_lease(&r.key, 1, &lease_b, t).await.unwrap(),
        Outcome::Lost
    );
    let fresh = Refreshed {
        access_token: AccessToken::new("access-2"),
        refresh_token: RefreshToken::new("refresh-2"),
        access_expires_at: t + Duration::hours(3),
    };
    // Only the lease holder may save.
    assert_eq!(
        store.save_refreshed(&r.key, "b", &fresh, t).await.unwrap(),
        Outcome::Lost
    );
    assert_eq!(
        store.save_refreshed(&r.key, "a", &fresh, t).await.unwrap(),
        Outcome::Done
    );
    let saved = store.get(&r.key).await.unwrap().unwrap();
    assert_eq!(saved.refresh_token.expose(), "refresh-2");
    assert_eq!(saved.access_token.expose(), "access-2");
    assert_eq!(saved.version, 2);
    assert_eq!(saved.lease, None);
    // A lease that expired may be taken over.
    assert_eq!(
        store.acquire_lease(&r.key, 2, &lease_a, t).await.unwrap(),
        Outcome::Done
    );
    let later = t + Duration::seconds(30);
    let lease_c = Lease {
        id: "c".into(),
        until: later + Duration::seconds(10),
    };
    assert_eq!(
        store
            .acquire_lease(&r.key, 2, &lease_c, later)
            .await
            .unwrap(),
        Outcome::Done
    );
    // ...and then the stale holder's save is refused, keeping the newer lease.
    assert_eq!(
        store
            .save_refreshed(&r.key, "a", &fresh, later)
            .await
            .unwrap(),
        Outcome::Lost
    );
    store.release_lease(&r.key, "c").await.unwrap();
    assert_eq!(store.get(&r.key).await.unwrap().unwrap().lease, None);

    store.set_timezone(&r.key, "Asia/Tokyo").await.unwrap();
    assert_eq!(
        store
            .get(&r.key)
            .await
            .unwrap()
            .unwrap()
            .timezone
            .as_deref(),
        Some("Asia/Tokyo")
    );
    // Other links are untouched.
    assert_eq!(
        store
            .get(&AlexaToken::new("Atza|two").hashed())
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn memory_store_contract() {
    contract(MemoryStore::new()).await;
}

#[tokio::test]
async fn dynamodb_store_contract() {
    contract(dynamo_store().await).await;
}

/// Many refreshers race for one lease, round after round: exactly one wins each
/// time. This is what keeps a rotated Withings refresh token from being spent
/// twice, and it holds only if the store's conditional write is atomic (moto's
/// is only when it serves one request at a time: scripts/moto-server.py).
async fn one_lease_among_racers<S: LinkStore + 'static>(store: std::sync::Arc<S>) {
    let r = record("Atza|racing");
    store.put(&r).await.unwrap();
    let t = now();
    for round in 0..100u64 {
        let racers: Vec<_> = (0..12)
            .map(|i| {
                let (store, key) = (store.clone(), r.key.clone());
                tokio::spawn(async move {
                    let lease = Lease {
                        id: format!("{round}-{i}"),
                        until: t + Duration::seconds(10),
                    };
                    store
                        .acquire_lease(&key, round + 1, &lease, t)
                        .await
                        .unwrap()
                })
            })
            .collect();
        let mut winners = Vec::new();
        for (i, racer) in racers.into_iter().enumerate() {
            if racer.await.unwrap() == Outcome::Done {
                winners.push(i);
            }
        }
        assert_eq!(winners.len(), 1, "round {round}: winners {winners:?}");
        let fresh = Refreshed {
            access_token: AccessToken::new(format!("access-{round}")),
            refresh_token: RefreshToken::new(format!("refresh-{round}")),
            access_expires_at: t + Duration::hours(3),
        };
        let holder = format!("{round}-{}", winners[0]);
        assert_eq!(
            store
                .save_refreshed(&r.key, &holder, &fresh, t)
                .await
                .unwrap(),
            Outcome::Done
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn memory_lease_is_single_winner_under_a_race() {
    one_lease_among_racers(std::sync::Arc::new(MemoryStore::new())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn dynamodb_lease_is_single_winner_under_a_race() {
    one_lease_among_racers(std::sync::Arc::new(dynamo_store().await)).await;
}

#[tokio::test]
async fn dynamodb_keys_are_hashes_and_ttl_is_set() {
    let store = dynamo_store().await;
    let r = record("Atza|secret-alexa-token");
    store.put(&r).await.unwrap();
    let scan = dynamodb()
        .await
        .scan()
        .table_name(store.table())
        .send()
        .await
        .unwrap();
    let items = scan.items();
    assert_eq!(items.len(), 1);
    let item = &items[0];
    let pk = item[PARTITION_KEY].as_s().unwrap();
    assert!(
        !pk.contains("secret-alexa-token"),
        "the Alexa token is never stored"
    );
    assert_eq!(pk, &format!("link#{}", r.key.as_str()));
    let ttl: i64 = item[TTL_ATTRIBUTE].as_n().unwrap().parse().unwrap();
    assert!(
        ttl > now().timestamp() + 300 * 86_400,
        "links expire a year after last use"
    );
}

#[tokio::test]
async fn expired_ttl_reads_as_missing() {
    // dynamo_store() reads expiry on the pinned clock: 400 days before it.
    let store = dynamo_store().await;
    let mut r = record("Atza|old");
    r.updated_at = now() - Duration::days(400);
    store.put(&r).await.unwrap();
    assert_eq!(
        store.get(&r.key).await.unwrap(),
        None,
        "TTL checked in code, not only by DynamoDB"
    );
}

/// The table the code creates (and the tests use) is the table template.yaml deploys.
#[tokio::test]
async fn table_matches_template() {
    use yaml_rust2::{Yaml, YamlLoader};
    let text =
        std::fs::read_to_string(format!("{}/template.yaml", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let doc = &YamlLoader::load_from_str(&text).unwrap()[0];
    let table = &doc["Resources"]["LinksTable"];
    assert_eq!(table["Type"].as_str(), Some("AWS::DynamoDB::Table"));
    let props = &table["Properties"];
    let pairs = |v: &Yaml, a: &str, b: &str| -> Vec<(String, String)> {
        v.as_vec()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e[a].as_str().unwrap().to_string(),
                    e[b].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let template_keys = pairs(&props["KeySchema"], "AttributeName", "KeyType");
    let template_attrs = pairs(
        &props["AttributeDefinitions"],
        "AttributeName",
        "AttributeType",
    );
    assert_eq!(props["BillingMode"].as_str(), Some("PAY_PER_REQUEST"));
    assert_eq!(
        props["SSESpecification"]["SSEEnabled"].as_bool(),
        Some(true)
    );
    assert_eq!(
        props["TimeToLiveSpecification"]["AttributeName"].as_str(),
        Some(TTL_ATTRIBUTE)
    );
    assert_eq!(
        props["TimeToLiveSpecification"]["Enabled"].as_bool(),
        Some(true)
    );

    // What the code actually creates, read back from the server.
    let store = dynamo_store().await;
    let client = dynamodb().await;
    let desc = client
        .describe_table()
        .table_name(store.table())
        .send()
        .await
        .unwrap();
    let t = desc.table().unwrap();
    let created_keys: Vec<(String, String)> = t
        .key_schema()
        .iter()
        .map(|k| {
            (
                k.attribute_name().to_string(),
                k.key_type().as_str().to_string(),
            )
        })
        .collect();
    let created_attrs: Vec<(String, String)> = t
        .attribute_definitions()
        .iter()
        .map(|a| {
            (
                a.attribute_name().to_string(),
                a.attribute_type().as_str().to_string(),
            )
        })
        .collect();
    assert_eq!(created_keys, template_keys);
    assert_eq!(created_attrs, template_attrs);
    assert_eq!(
        t.billing_mode_summary()
            .and_then(|b| b.billing_mode())
            .map(|b| b.as_str()),
        Some("PAY_PER_REQUEST")
    );
    let ttl = client
        .describe_time_to_live()
        .table_name(store.table())
        .send()
        .await
        .unwrap();
    let ttl = ttl.time_to_live_description().unwrap();
    assert_eq!(ttl.attribute_name(), Some(TTL_ATTRIBUTE));
}
