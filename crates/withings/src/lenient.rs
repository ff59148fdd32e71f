//! Deserializers for the places where the real API is loose: ids that are numbers
//! or strings, numbers that arrive as strings or floats, booleans as 0/1,
//! `more` as 0/1 or bool, text that may be a number or null.

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// Any JSON scalar, read without building a `serde_json::Value`: text is
/// borrowed from the input when it has no escapes, and arrays or objects are
/// skipped unread. Every lenient field below goes through it.
enum Loose<'de> {
    Int(i64),
    UInt(u64),
    Float(f64),
    Text(Cow<'de, str>),
    Bool(bool),
    Null,
    /// An array or an object.
    Nested,
}

impl<'de> Loose<'de> {
    fn number(&self) -> Option<f64> {
        match self {
            Loose::Int(i) => Some(*i as f64),
            Loose::UInt(u) => Some(*u as f64),
            Loose::Float(f) => Some(*f),
            Loose::Text(s) => s.trim().parse().ok(),
            Loose::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
            Loose::Null | Loose::Nested => None,
        }
    }

    /// A whole number exactly when it was sent as one (no trip through f64).
    fn whole(&self) -> Option<i64> {
        match self {
            Loose::Int(i) => Some(*i),
            Loose::UInt(u) => Some(i64::try_from(*u).unwrap_or(i64::MAX)),
            _ => self
                .number()
                .filter(|f| f.is_finite())
                .map(|f| f.round() as i64),
        }
    }

    /// Text as an id: a non-empty string, or a number written as JSON writes it.
    fn id(self) -> Option<Id> {
        match self {
            Loose::Text(s) if !s.is_empty() => Some(Id(s.into_owned())),
            Loose::Int(i) => Some(Id(i.to_string())),
            Loose::UInt(u) => Some(Id(u.to_string())),
            Loose::Float(f) => serde_json::Number::from_f64(f).map(|n| Id(n.to_string())),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Loose<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Loose<'de>, E> {
        Ok(Loose::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Loose<'de>, E> {
        Ok(Loose::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Loose<'de>, E> {
        Ok(Loose::UInt(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Loose<'de>, E> {
        Ok(Loose::Float(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Loose<'de>, E> {
        Ok(Loose::Text(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Loose<'de>, E> {
        Ok(Loose::Text(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Loose<'de>, E> {
        Ok(Loose::Text(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> Result<Loose<'de>, E> {
        Ok(Loose::Null)
    }
    fn visit_none<E>(self) -> Result<Loose<'de>, E> {
        Ok(Loose::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Loose<'de>, D::Error> {
        Loose::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Loose::Nested)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Loose::Nested)
    }
}

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
        match Loose::deserialize(d)? {
            Loose::Text(s) => Ok(Id(s.into_owned())),
            number @ (Loose::Int(_) | Loose::UInt(_) | Loose::Float(_)) => number
                .id()
                .ok_or_else(|| de::Error::custom("expected a string or number id")),
            _ => Err(de::Error::custom("expected a string or number id")),
        }
    }
}

/// `Option<Id>` that also accepts null, `""`.
pub(crate) fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Id>, D::Error> {
    Ok(Loose::deserialize(d)?.id())
}

/// An optional number given as int, float, numeric string or null.
pub(crate) fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(Loose::deserialize(d)?.number())
}

/// An optional whole number given as int, float, numeric string or null (rounded).
pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(Loose::deserialize(d)?.whole())
}

/// A required whole number given as int, float or numeric string.
pub(crate) fn i64_any<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    opt_i64(d)?.ok_or_else(|| de::Error::custom("expected a number"))
}

/// `more`: an integer 0/1 on getmeas, a boolean on v2 endpoints; absent means no.
pub(crate) fn more_flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Loose::deserialize(d)?.number().is_some_and(|f| f != 0.0))
}

/// Text that may arrive as a string or a number, or be null/empty.
pub(crate) fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(opt_id(d)?.map(|id| id.0))
}

/// true/false, 1/0, "true"/"1", or null.
pub(crate) fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Loose::deserialize(d)? {
        Loose::Bool(b) => Some(b),
        Loose::Text(s) => match s.trim() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        n @ (Loose::Int(_) | Loose::UInt(_) | Loose::Float(_)) => n.number().map(|f| f != 0.0),
        Loose::Null | Loose::Nested => None,
    })
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

    #[test]
    fn odd_values_give_none_and_exact_numbers_stay_exact() {
        // Objects and arrays are skipped, escaped text still reads, big ids stay whole.
        let t: T =
            serde_json::from_str(r#"{"id":"a\u0062c","dev":{"x":[1,2]},"n":[3],"more":"1"}"#)
                .unwrap();
        assert_eq!(t.id.0, "abc");
        assert_eq!((t.dev, t.n, t.more), (None, None, true));
        let t: T = serde_json::from_str(r#"{"id":9007199254740993,"n":9007199254740993}"#).unwrap();
        assert_eq!(t.id.0, "9007199254740993");
        assert_eq!(t.n, Some(9_007_199_254_740_993));
        assert!(serde_json::from_str::<T>(r#"{"id":null}"#).is_err());
        assert!(serde_json::from_str::<T>(r#"{"id":[1]}"#).is_err());
    }
}
