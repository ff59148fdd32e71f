//! The interaction models, `skill.json` and the sample events, checked against
//! each other and against the intents the router handles
//! (`withings_alexa::skill::router::INTENTS`). The Alexa developer console
//! rejects or silently misroutes what these catch: an intent the code expects but
//! a locale lacks, an utterance claimed by two intents, a slot of an undefined
//! type, an example phrase that is not a sample utterance (certification).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;
use withings_alexa::skill::router::INTENTS;

/// Built-in slot types a model may use without defining them.
const BUILTIN_SLOT_TYPES: &[&str] = &[
    "AMAZON.DATE",
    "AMAZON.DURATION",
    "AMAZON.NUMBER",
    "AMAZON.TIME",
];

/// How an example phrase opens, per language, before the invocation name.
const LAUNCH_PHRASES: &[(&str, &[&str])] = &[
    ("en", &["ask", "tell", "open", "launch", "start"]),
    ("de", &["frag", "frage", "öffne", "starte"]),
    ("fr", &["demande à", "demande a", "ouvre", "lance"]),
];

/// Words that may join the invocation name to the utterance ("ask X about …").
const CONNECTORS: &[(&str, &[&str])] = &[
    ("en", &["to", "for", "about", "if", "whether"]),
    ("de", &["nach", "ob"]),
    ("fr", &["de", "si"]),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn str_of<'a>(v: &'a Value, what: &str) -> &'a str {
    v.as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {v}"))
}

/// A slot type of a model: each value's id and every name that means it.
struct SlotType {
    ids: BTreeSet<String>,
    names: BTreeMap<String, String>,
}

struct Intent {
    /// slot name → slot type
    slots: BTreeMap<String, String>,
    samples: Vec<String>,
}

struct Model {
    locale: String,
    invocation: String,
    intents: BTreeMap<String, Intent>,
    types: BTreeMap<String, SlotType>,
}

/// Lower case, single spaces, no sentence punctuation at the end.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .trim_end_matches(['.', '!', '?'])
        .to_string()
}

/// Reads one model, asserting the ASK interaction-model shape on the way.
fn model(path: &Path) -> Model {
    let locale = path.file_stem().unwrap().to_string_lossy().into_owned();
    let doc = read_json(path);
    let lm = &doc["interactionModel"]["languageModel"];
    assert!(
        lm.is_object(),
        "{locale}: no interactionModel.languageModel"
    );
    let invocation = str_of(&lm["invocationName"], "invocationName").to_string();
    let mut intents = BTreeMap::new();
    for intent in lm["intents"].as_array().expect("intents is an array") {
        let name = str_of(&intent["name"], "intent name").to_string();
        let mut slots = BTreeMap::new();
        for slot in intent["slots"].as_array().into_iter().flatten() {
            let slot_name = str_of(&slot["name"], "slot name").to_string();
            let slot_type = str_of(&slot["type"], "slot type").to_string();
            assert!(
                slots.insert(slot_name.clone(), slot_type).is_none(),
                "{locale} {name}: slot {slot_name} declared twice"
            );
        }
        let samples = intent["samples"]
            .as_array()
            .unwrap_or_else(|| panic!("{locale} {name}: samples is not an array"))
            .iter()
            .map(|s| str_of(s, "sample").to_string())
            .collect();
        let fresh = intents.insert(name.clone(), Intent { slots, samples });
        assert!(fresh.is_none(), "{locale}: intent {name} declared twice");
    }
    let mut types = BTreeMap::new();
    for ty in lm["types"].as_array().expect("types is an array") {
        let name = str_of(&ty["name"], "type name").to_string();
        let mut slot_type = SlotType {
            ids: BTreeSet::new(),
            names: BTreeMap::new(),
        };
        for value in ty["values"].as_array().expect("type values") {
            let id = value["id"].as_str().unwrap_or_default();
            assert!(!id.is_empty(), "{locale} {name}: a value without an id");
            assert!(
                slot_type.ids.insert(id.to_string()),
                "{locale} {name}: id {id} twice"
            );
            let spoken = value["name"]["value"].as_str().unwrap_or_default();
            assert!(!spoken.is_empty(), "{locale} {name} {id}: no name");
            let synonyms = value["name"]["synonyms"].as_array().into_iter().flatten();
            for said in std::iter::once(spoken).chain(synonyms.map(|s| str_of(s, "synonym"))) {
                // One spoken name meaning two ids would make resolution a coin toss.
                if let Some(other) = slot_type.names.insert(normalise(said), id.to_string()) {
                    assert_eq!(
                        other, id,
                        "{locale} {name}: {said:?} means {other} and {id}"
                    );
                }
            }
        }
        assert!(
            types.insert(name.clone(), slot_type).is_none(),
            "{locale}: type {name} defined twice"
        );
    }
    Model {
        locale,
        invocation,
        intents,
        types,
    }
}

fn models() -> Vec<Model> {
    let dir = root().join("skill-package/interactionModels/custom");
    let all: Vec<_> = json_files(&dir).iter().map(|p| model(p)).collect();
    assert!(
        !all.is_empty(),
        "no interaction models in {}",
        dir.display()
    );
    all
}

fn models_by_locale() -> BTreeMap<String, Model> {
    models()
        .into_iter()
        .map(|m| (m.locale.clone(), m))
        .collect()
}

#[derive(Debug)]
enum Token {
    Word(String),
    Slot(String),
}

/// A sample utterance as words and `{slot}` placeholders; panics on malformed braces.
fn tokens(sample: &str) -> Vec<Token> {
    normalise(sample)
        .split(' ')
        .map(|word| match word.strip_prefix('{') {
            Some(rest) => {
                let name = rest.strip_suffix('}');
                let name =
                    name.unwrap_or_else(|| panic!("{sample:?}: a slot must be a whole word"));
                Token::Slot(name.to_string())
            }
            None => {
                assert!(
                    !word.contains(['{', '}']),
                    "{sample:?}: a slot must be a whole word"
                );
                Token::Word(word.to_string())
            }
        })
        .collect()
}

#[test]
fn every_model_has_the_ask_shape_and_one_invocation_name() {
    let all = models();
    for m in &all {
        assert_eq!(m.invocation, all[0].invocation, "{}", m.locale);
        assert_eq!(m.invocation, m.invocation.to_lowercase(), "{}", m.locale);
        assert!(!m.intents.is_empty(), "{}: no intents", m.locale);
    }
}

#[test]
fn every_routed_intent_is_in_every_model_and_nothing_else() {
    let routed: BTreeSet<String> = INTENTS.iter().map(|s| s.to_string()).collect();
    assert_eq!(routed.len(), INTENTS.len(), "INTENTS lists a name twice");
    for m in models() {
        let declared: BTreeSet<String> = m.intents.keys().cloned().collect();
        let missing: Vec<_> = routed.difference(&declared).collect();
        let unrouted: Vec<_> = declared.difference(&routed).collect();
        assert!(
            missing.is_empty(),
            "{}: the router handles {missing:?}, the model lacks them",
            m.locale
        );
        assert!(
            unrouted.is_empty(),
            "{}: the model declares {unrouted:?}, the router lacks them",
            m.locale
        );
    }
}

#[test]
fn every_slot_has_a_valid_type_and_every_type_is_used() {
    let all = models();
    for m in &all {
        let mut used = BTreeSet::new();
        for (intent, i) in &m.intents {
            for (slot, ty) in &i.slots {
                assert!(
                    BUILTIN_SLOT_TYPES.contains(&ty.as_str()) || m.types.contains_key(ty),
                    "{} {intent}.{slot}: type {ty} is neither built in nor defined",
                    m.locale
                );
                used.insert(ty.clone());
            }
        }
        for ty in m.types.keys() {
            assert!(used.contains(ty), "{}: type {ty} is not used", m.locale);
        }
        // Every language resolves to the same ids: the code reads ids, not words.
        for (name, ty) in &m.types {
            let reference = &all[0].types.get(name).unwrap_or_else(|| {
                panic!("{} defines {name}, {} does not", m.locale, all[0].locale)
            });
            assert_eq!(ty.ids, reference.ids, "{} {name}: ids", m.locale);
        }
        assert_eq!(
            m.types.keys().collect::<Vec<_>>(),
            all[0].types.keys().collect::<Vec<_>>(),
            "{}: slot types",
            m.locale
        );
    }
}

#[test]
fn no_sample_utterance_is_claimed_twice_and_each_uses_its_slots() {
    for m in models() {
        let mut owner: BTreeMap<String, &str> = BTreeMap::new();
        for (intent, i) in &m.intents {
            let custom = !intent.starts_with("AMAZON.");
            assert!(
                !custom || !i.samples.is_empty(),
                "{} {intent}: no samples",
                m.locale
            );
            for sample in &i.samples {
                let key = normalise(sample);
                if let Some(other) = owner.insert(key, intent) {
                    panic!("{}: {sample:?} is under {other} and {intent}", m.locale);
                }
                assert!(
                    !sample
                        .chars()
                        .any(|c| c.is_ascii_digit() || "?!,;:\"()".contains(c)),
                    "{} {intent}: {sample:?}: spell numbers out, no punctuation",
                    m.locale
                );
                let mut seen = BTreeSet::new();
                for token in tokens(sample) {
                    if let Token::Slot(slot) = token {
                        assert!(
                            i.slots.contains_key(&slot),
                            "{} {intent}: {sample:?} uses {{{slot}}}, which the intent does not declare",
                            m.locale
                        );
                        assert!(
                            seen.insert(slot.clone()),
                            "{} {intent}: {sample:?}: {{{slot}}} twice",
                            m.locale
                        );
                    }
                }
            }
        }
    }
}

/// Whether `words` can be said as `pattern`, each slot taking one word or more
/// (and, for a custom type, one of its values or synonyms).
fn says(pattern: &[Token], words: &[&str], intent: &Intent, model: &Model) -> bool {
    match pattern.split_first() {
        None => words.is_empty(),
        Some((Token::Word(w), rest)) => {
            words.first() == Some(&w.as_str()) && says(rest, &words[1..], intent, model)
        }
        Some((Token::Slot(slot), rest)) => (1..=words.len()).any(|n| {
            let filled = words[..n].join(" ");
            let fits = match intent.slots.get(slot).and_then(|ty| model.types.get(ty)) {
                Some(ty) => ty.names.contains_key(&filled),
                None => true,
            };
            fits && says(rest, &words[n..], intent, model)
        }),
    }
}

/// The utterance after "Alexa, <launch phrase> <invocation name> [connector]".
fn utterances_of(phrase: &str, model: &Model) -> Vec<String> {
    let lang = &model.locale[..2];
    let p = normalise(phrase);
    let launch = LAUNCH_PHRASES
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, w)| *w);
    let launch = launch.unwrap_or_else(|| panic!("{}: no launch phrases for {lang}", model.locale));
    let after = launch.iter().find_map(|verb| {
        ["alexa, ", "alexa "]
            .iter()
            .find_map(|wake| p.strip_prefix(&format!("{wake}{verb} {} ", model.invocation)))
    });
    let rest = after.unwrap_or_else(|| {
        panic!(
            "{}: {phrase:?} does not start \"Alexa, <launch phrase> {}\"",
            model.locale, model.invocation
        )
    });
    let mut out = vec![rest.to_string()];
    for (l, words) in CONNECTORS {
        if *l == lang {
            out.extend(
                words
                    .iter()
                    .filter_map(|c| rest.strip_prefix(&format!("{c} ")).map(str::to_string)),
            );
        }
    }
    out
}

#[test]
fn every_example_phrase_is_a_sample_utterance_of_its_locale() {
    let by_locale = models_by_locale();
    let skill = read_json(&root().join("skill-package/skill.json"));
    let published = skill["manifest"]["publishingInformation"]["locales"]
        .as_object()
        .expect("publishingInformation.locales");
    let published_locales: BTreeSet<_> = published.keys().cloned().collect();
    let model_locales: BTreeSet<_> = by_locale.keys().cloned().collect();
    assert_eq!(
        published_locales, model_locales,
        "skill.json locales vs models"
    );
    for (locale, info) in published {
        let m = &by_locale[locale];
        for key in ["name", "summary", "description"] {
            assert!(
                !info[key].as_str().unwrap_or_default().is_empty(),
                "{locale}: no {key}"
            );
        }
        assert!(
            !info["keywords"].as_array().is_none_or(Vec::is_empty),
            "{locale}: no keywords"
        );
        let phrases = info["examplePhrases"].as_array().expect("examplePhrases");
        assert!(
            !phrases.is_empty() && phrases.len() <= 3,
            "{locale}: one to three example phrases"
        );
        for phrase in phrases {
            let phrase = str_of(phrase, "example phrase");
            let found = utterances_of(phrase, m).iter().any(|u| {
                let words: Vec<&str> = u.split(' ').collect();
                m.intents
                    .values()
                    .any(|i| i.samples.iter().any(|s| says(&tokens(s), &words, i, m)))
            });
            assert!(
                found,
                "{locale}: {phrase:?} is not a sample utterance of the {locale} model"
            );
        }
    }
}

#[test]
fn every_event_is_a_request_the_model_of_its_locale_understands() {
    let by_locale = models_by_locale();
    let mut covered = BTreeSet::new();
    let events = json_files(&root().join("events"));
    assert!(!events.is_empty());
    for path in events {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let ev = read_json(&path);
        let request = &ev["request"];
        let kind = request["type"]
            .as_str()
            .unwrap_or_else(|| panic!("{file}: no request.type"));
        if kind != "IntentRequest" {
            continue;
        }
        let locale = str_of(&request["locale"], "locale");
        let m = by_locale
            .get(locale)
            .unwrap_or_else(|| panic!("{file}: no model for {locale}"));
        let name = str_of(&request["intent"]["name"], "intent name");
        let Some(intent) = m.intents.get(name) else {
            // The one deliberate exception: a request for another skill's intent.
            assert!(
                file.starts_with("unknown-intent"),
                "{file}: {locale} has no {name}"
            );
            continue;
        };
        covered.insert(name.to_string());
        for (key, slot) in request["intent"]["slots"].as_object().into_iter().flatten() {
            assert!(
                intent.slots.contains_key(key),
                "{file}: {name} declares no slot {key}"
            );
            assert_eq!(
                slot["name"].as_str(),
                Some(key.as_str()),
                "{file}: slot {key}'s name"
            );
        }
    }
    let missing: Vec<_> = INTENTS.iter().filter(|i| !covered.contains(**i)).collect();
    assert!(
        missing.is_empty(),
        "no sample event in events/ for {missing:?}"
    );
}

#[test]
fn the_readme_lists_every_question() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let section = readme
        .split("## What you can ask")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("README has a \"What you can ask\" section");
    for intent in INTENTS.iter().filter(|i| !i.starts_with("AMAZON.")) {
        assert!(
            section.contains(&format!("| {intent} |")),
            "README: no example for {intent}"
        );
    }
}
