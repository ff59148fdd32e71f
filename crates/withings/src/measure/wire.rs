//! What getmeas sends: pages of measure groups, parsed leniently (ids as
//! numbers or strings, two spellings of the model id, nulls anywhere).

use super::decimal::Decimal;
use super::types::{Attrib, MeasureCategory, MeasureType};
use crate::lenient::{self, Id, opt_text};
use crate::paging::PageInfo;
use serde::Deserialize;
use serde::de::{self, Deserializer};

/// One measure: `value × 10^unit` in the type's unit.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Measure {
    /// The mantissa; see [`Measure::decimal`].
    #[serde(deserialize_with = "lenient::i64_any")]
    pub value: i64,
    /// The power of ten applied to `value`.
    #[serde(deserialize_with = "exponent")]
    pub unit: i32,
    /// What was measured.
    #[serde(rename = "type")]
    pub kind: MeasureType,
    /// The algorithm that computed it, when the device says.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub algo: Option<i64>,
    /// Where on the body (segment measures, ECG), as coded in Withings'
    /// position table.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub position: Option<i64>,
}

impl Measure {
    /// The exact value, `value × 10^unit`.
    pub fn decimal(&self) -> Decimal {
        Decimal::new(self.value, self.unit)
    }
}

fn exponent<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    let e = lenient::i64_any(d)?;
    i32::try_from(e).map_err(|_| de::Error::custom(format!("unit {e} out of range")))
}

/// Measures taken together (a weigh-in, a blood-pressure reading).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "RawGroup")]
pub struct MeasureGroup {
    /// The group's id; the same group may arrive more than once.
    pub grpid: i64,
    /// How the group was attributed to the user.
    pub attrib: Attrib,
    /// When the measures were taken (unix seconds).
    pub date: i64,
    /// When the group was stored (unix seconds).
    pub created: Option<i64>,
    /// When the group was last changed (unix seconds).
    pub modified: Option<i64>,
    /// Real measures or objectives.
    pub category: MeasureCategory,
    /// A string, a number or null depending on the device and era.
    pub deviceid: Option<Id>,
    /// A hashed device id, on newer answers.
    pub hash_deviceid: Option<Id>,
    /// Device model name ("Body Cardio"); null for manual entries.
    pub model: Option<String>,
    /// Sent as `model_id` or `modelid`.
    pub model_id: Option<i64>,
    /// The group's own zone if sent, else the page's.
    pub timezone: Option<String>,
    /// The measures of the group (empty when none were sent).
    pub measures: Vec<Measure>,
}

#[derive(Deserialize)]
struct RawGroup {
    #[serde(deserialize_with = "lenient::i64_any")]
    grpid: i64,
    #[serde(default = "unknown_attrib")]
    attrib: Attrib,
    #[serde(deserialize_with = "lenient::i64_any")]
    date: i64,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    created: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    modified: Option<i64>,
    #[serde(default = "real")]
    category: MeasureCategory,
    #[serde(default, deserialize_with = "lenient::opt_id")]
    deviceid: Option<Id>,
    #[serde(default, deserialize_with = "lenient::opt_id")]
    hash_deviceid: Option<Id>,
    #[serde(default, deserialize_with = "opt_text")]
    model: Option<String>,
    // Two spellings in the wild; an alias would reject a body that sends both.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    model_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    modelid: Option<i64>,
    #[serde(default, deserialize_with = "opt_text")]
    timezone: Option<String>,
    #[serde(default)]
    measures: Option<Vec<Measure>>,
}

fn unknown_attrib() -> Attrib {
    Attrib::Unknown(-1)
}

fn real() -> MeasureCategory {
    MeasureCategory::Real
}

impl From<RawGroup> for MeasureGroup {
    fn from(r: RawGroup) -> Self {
        MeasureGroup {
            grpid: r.grpid,
            attrib: r.attrib,
            date: r.date,
            created: r.created,
            modified: r.modified,
            category: r.category,
            deviceid: r.deviceid,
            hash_deviceid: r.hash_deviceid,
            model: r.model,
            model_id: r.model_id.or(r.modelid),
            timezone: r.timezone,
            measures: r.measures.unwrap_or_default(),
        }
    }
}

impl MeasureGroup {
    /// The first measure of `kind` in this group.
    pub fn get(&self, kind: MeasureType) -> Option<&Measure> {
        self.measures.iter().find(|m| m.kind == kind)
    }
}

/// One getmeas page.
#[derive(Debug, Deserialize)]
#[serde(from = "RawMeasurePage")]
pub struct MeasurePage {
    /// The groups of this page, as sent (duplicates included).
    pub groups: Vec<MeasureGroup>,
    /// The user's zone, for interpreting `date`.
    pub timezone: Option<String>,
    /// Server time of the answer; Withings' reference types it as a string.
    pub updatetime: Option<i64>,
    /// `more` is an integer 0/1 here (a bool on v2 endpoints); `more_flag` takes both.
    pub page: PageInfo,
}

/// The page as sent, paging fields inline: `#[serde(flatten)]` would buffer the
/// whole page before parsing it (three times slower on 1,000 groups).
#[derive(Deserialize)]
struct RawMeasurePage {
    #[serde(default)]
    measuregrps: Vec<MeasureGroup>,
    #[serde(default, deserialize_with = "opt_text")]
    timezone: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    updatetime: Option<i64>,
    #[serde(default, deserialize_with = "lenient::more_flag")]
    more: bool,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    offset: Option<i64>,
}

impl From<RawMeasurePage> for MeasurePage {
    fn from(r: RawMeasurePage) -> Self {
        MeasurePage {
            groups: r.measuregrps,
            timezone: r.timezone,
            updatetime: r.updatetime,
            page: PageInfo {
                more: r.more,
                offset: r.offset,
            },
        }
    }
}

impl MeasurePage {
    /// Give groups without their own zone the page's zone.
    pub(super) fn into_parts(mut self) -> (Vec<MeasureGroup>, PageInfo) {
        if let Some(tz) = &self.timezone {
            for g in self.groups.iter_mut().filter(|g| g.timezone.is_none()) {
                g.timezone = Some(tz.clone());
            }
        }
        (self.groups, self.page)
    }
}

/// Parse the `body` of a getmeas answer (for tests and benchmarks; the client
/// does the same after unwrapping the envelope).
pub fn parse_measure_body(body: &[u8]) -> Result<MeasurePage, serde_json::Error> {
    serde_json::from_slice(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_zone_fills_groups() {
        let body = br#"{"updatetime":"1594257200","timezone":"Europe/Paris","more":1,"offset":3,
            "measuregrps":[{"grpid":"12","attrib":null,"date":1594245600,"category":1,
            "deviceid":14546187,"modelid":"6","measures":[{"value":"65750","type":1,"unit":-3}]}]}"#;
        let page = parse_measure_body(body).unwrap();
        assert_eq!(page.updatetime, Some(1594257200));
        assert!(page.page.more);
        let (groups, info) = page.into_parts();
        assert_eq!(info.offset, Some(3));
        let g = &groups[0];
        assert_eq!(g.timezone.as_deref(), Some("Europe/Paris"));
        assert_eq!(g.deviceid, Some(Id("14546187".into())));
        assert_eq!(g.model_id, Some(6));
        assert_eq!(g.attrib, Attrib::Unknown(-1));
        assert_eq!(g.measures[0].decimal().to_string(), "65.75");
    }
}
