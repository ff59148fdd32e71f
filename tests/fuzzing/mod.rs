//! Shared by the property tests: case counts (scaled up by `FUZZ_SCALE` for the
//! long run outside CI), where failures are kept, and strategies for JSON that
//! is random, odd, or a sample with a few things broken.
#![allow(dead_code)]

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, RngAlgorithm};
use serde_json::{Map, Value};

/// `base` cases, times `FUZZ_SCALE` when set (scripts/fuzz-long.sh).
pub fn config(base: u32, regressions: &'static str) -> Config {
    let scale = std::env::var("FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1);
    Config {
        cases: base.saturating_mul(scale),
        // A found failure is saved here (committed) and replayed first on every run.
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(regressions))),
        max_shrink_iters: 2048,
        // ChaCha, the default, is most of the cost of a case in a debug build.
        rng_algorithm: RngAlgorithm::XorShift,
        ..Config::default()
    }
}

/// Strings as they come: plain, empty, odd unicode (bidi marks, NUL, combining
/// marks, emoji, lone surrogates cannot exist in Rust strings), or huge.
pub fn odd_string() -> impl Strategy<Value = String> {
    prop_oneof![
        40 => chars(24),
        10 => prop::sample::select(vec![
            "", " ", "\u{0}", "\u{202e}evil", "e\u{301}\u{301}\u{301}", "😴💤", "\u{feff}",
            "IntentRequest", "LaunchRequest", "SessionEndedRequest", "SleepIntent",
            "WeightIntent", "StepsIntent", "AMAZON.StopIntent", "AMAZON.HelpIntent",
            "en-US", "de-DE", "en-GB", "xx-XX", "2026-11-24", "2026-W47", "Atza|sandbox-demo-link",
            "<speak>", "</speak>&amp;<", "null", "1.0",
        ]).prop_map(str::to_owned),
        1 => (1usize..20_000, any::<char>()).prop_map(|(n, c)| c.to_string().repeat(n)),
    ]
}

/// Up to `max` chars of any kind (cheaper to make than a regex strategy).
pub fn chars(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..=max).prop_map(String::from_iter)
}

/// A JSON leaf of any type.
pub fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        odd_string().prop_map(Value::String),
    ]
}

/// Keys Alexa and Withings use, and others.
pub fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "version", "session", "context", "System", "application", "applicationId",
            "user", "accessToken", "device", "deviceId", "apiEndpoint", "apiAccessToken",
            "request", "type", "requestId", "timestamp", "locale", "intent", "name", "slots",
            "value", "new", "attributes", "dialogState", "confirmationStatus", "resolutions",
            "status", "body", "series", "measuregrps", "measures", "activities", "goals",
            "more", "offset", "timezone", "date", "data", "unit", "steps", "startdate",
            "enddate", "error", "reason",
        ]).prop_map(str::to_owned),
        1 => chars(12),
    ]
}

/// Any JSON value, a few levels deep.
pub fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// One thing broken in a document.
#[derive(Clone, Debug)]
pub enum Mutation {
    /// Remove the node at this (wrapped) index.
    Remove(usize),
    /// Put another value, of any type, there.
    Replace(usize, Value),
    /// Add a field to the object there (or wrap the node in one).
    Insert(usize, String, Value),
    /// Keep only the first `n` chars, items or fields.
    Truncate(usize, usize),
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => any::<usize>().prop_map(Mutation::Remove),
        3 => (any::<usize>(), json()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        1 => (any::<usize>(), key(), json()).prop_map(|(i, k, v)| Mutation::Insert(i, k, v)),
        2 => (any::<usize>(), 0usize..8).prop_map(|(i, n)| Mutation::Truncate(i, n)),
    ]
}

/// JSON pointers of every node but the root, in document order.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(child, p, out);
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(child, p, out);
            }
        }
        _ => {}
    }
}

/// Apply `m` to `doc` (a no-op on a document with nothing inside).
pub fn apply(doc: &mut Value, m: &Mutation) {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    if all.is_empty() {
        return;
    }
    let pick = |i: usize| all[i % all.len()].clone();
    match m {
        Mutation::Remove(i) => {
            let p = pick(*i);
            let (parent, last) = p.rsplit_once('/').unwrap_or(("", &p));
            let last = last.replace("~1", "/").replace("~0", "~");
            match doc.pointer_mut(parent) {
                Some(Value::Object(o)) => {
                    o.remove(&last);
                }
                Some(Value::Array(a)) => {
                    if let Ok(n) = last.parse::<usize>()
                        && n < a.len()
                    {
                        a.remove(n);
                    }
                }
                _ => {}
            }
        }
        Mutation::Replace(i, v) => {
            if let Some(node) = doc.pointer_mut(&pick(*i)) {
                *node = v.clone();
            }
        }
        Mutation::Insert(i, k, v) => {
            if let Some(node) = doc.pointer_mut(&pick(*i)) {
                match node {
                    Value::Object(o) => {
                        o.insert(k.clone(), v.clone());
                    }
                    other => {
                        let mut o = Map::new();
                        o.insert(k.clone(), v.clone());
                        *other = Value::Object(o);
                    }
                }
            }
        }
        Mutation::Truncate(i, n) => {
            if let Some(node) = doc.pointer_mut(&pick(*i)) {
                match node {
                    Value::String(s) => *s = s.chars().take(*n).collect(),
                    Value::Array(a) => a.truncate(*n),
                    Value::Object(o) => {
                        let keep: Map<_, _> = std::mem::take(o).into_iter().take(*n).collect();
                        *o = keep;
                    }
                    _ => {}
                }
            }
        }
    }
}

/// The JSON files in a directory of the package, parsed.
pub fn json_files(dir: &str) -> Vec<(String, Value)> {
    let dir = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .expect("read dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read");
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, serde_json::from_str(&text).expect("sample is JSON"))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(!out.is_empty(), "no samples in {dir}");
    out
}
