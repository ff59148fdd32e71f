//! Deserializers for the places where the real API is loose: ids that are numbers
//! or strings, numbers that arrive as strings or floats, booleans as 0/1,
//! `more` as 0/1 or bool, text that may be a number or null.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A value that Withings sends as a number in one place and a string in another
/// (userid, deviceid, model). Kept as the text the API sent.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Id(
    /// The id as text (`363` and `"363"` both give `"363"`).
    pub String,
);

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => Ok(Id(s)),
            serde_json::Value::Number(n) => Ok(Id(n.to_string())),
            other => Err(de::Error::custom(format!(
                "expected a string or number id, got {other}"
            ))),
        }
    }
}

/// `Option<Id>` that also accepts null, `""`.
pub(crate) fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Id>, D::Error> {
    Ok(
        match Option::<serde_json::Value>::deserialize(d)?.unwrap_or_default() {
            serde_json::Value::String(s) if !s.is_empty() => Some(Id(s)),
            serde_json::Value::Number(n) => Some(Id(n.to_string())),
            _ => None,
        },
    )
}

fn number(v: &serde_json::Value) -> Option<f64> {
    match v {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        serde_json::Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        _ => None,
    }
}

/// An optional number given as int, float, numeric string or null.
pub(crate) fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(Option::<serde_json::Value>::deserialize(d)?
        .as_ref()
        .and_then(number))
}

/// An optional whole number given as int, float, numeric string or null (rounded).
pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(Option::<serde_json::Value>::deserialize(d)?
        .as_ref()
        .and_then(number)
        .filter(|f| f.is_finite())
        .map(|f| f.round() as i64))
}

/// A required whole number given as int, float or numeric string.
pub(crate) fn i64_any<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    opt_i64(d)?.ok_or_else(|| de::Error::custom("expected a number"))
}

/// `more`: an integer 0/1 on getmeas, a boolean on v2 endpoints; absent means no.
pub(crate) fn more_flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<serde_json::Value>::deserialize(d)?
        .as_ref()
        .and_then(number)
        .is_some_and(|f| f != 0.0))
}

/// Text that may arrive as a string or a number, or be null/empty.
pub(crate) fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(opt_id(d)?.map(|id| id.0))
}

/// true/false, 1/0, "true"/"1", or null.
pub(crate) fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(
        match Option::<serde_json::Value>::deserialize(d)?.unwrap_or_default() {
            serde_json::Value::Bool(b) => Some(b),
            serde_json::Value::Number(n) => n.as_f64().map(|f| f != 0.0),
            serde_json::Value::String(s) => match s.trim() {
                "true" | "1" => Some(true),
                "false" | "0" => Some(false),
                _ => None,
            },
            _ => None,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        id: Id,
        #[serde(default, deserialize_with = "opt_id")]
        dev: Option<Id>,
        #[serde(default, deserialize_with = "opt_i64")]
        n: Option<i64>,
        #[serde(default, deserialize_with = "more_flag")]
        more: bool,
    }

    #[test]
    fn accepts_loose_shapes() {
        let t: T = serde_json::from_str(r#"{"id":363,"dev":null,"n":"12.6","more":1}"#).unwrap();
        assert_eq!(t.id.0, "363");
        assert_eq!(t.dev, None);
        assert_eq!(t.n, Some(13));
        assert!(t.more);
        let t: T = serde_json::from_str(r#"{"id":"abc","dev":14546187,"more":false}"#).unwrap();
        assert_eq!(t.id.0, "abc");
        assert_eq!(t.dev, Some(Id("14546187".into())));
        assert_eq!(t.n, None);
        assert!(!t.more);
    }
}
