//! Body measures (`/measure` `action=getmeas`): weight, body composition, blood
//! pressure, temperature, ECG results. Values are integers with a power-of-ten
//! unit and stay exact (`Decimal`) until they are spoken.

use super::client::{Deadline, PageInfo, Paged, WithingsClient};
use super::dates::DayRange;
use super::error::WithingsError;
use super::lenient::{self, Id};
use crate::secret::AccessToken;
use chrono_tz::Tz;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::fmt;

// ---------------------------------------------------------------------------
// Decimal

/// An exact decimal `mantissa × 10^exponent`, as Withings sends it (`value`,
/// `unit`). Rendering never goes through `f64`, so 81013×10⁻³ stays "81.013".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Decimal {
    pub mantissa: i64,
    pub exponent: i32,
}

/// Beyond this many digits a rendering is noise; also bounds allocations for
/// absurd exponents from the wire.
const MAX_PLACES: u32 = 40;

impl Decimal {
    pub const fn new(mantissa: i64, exponent: i32) -> Self {
        Decimal { mantissa, exponent }
    }

    /// The nearest `f64`. Dividing by a power of ten (rather than multiplying by
    /// 10⁻ⁿ) gives the correctly rounded result for the usual small units.
    pub fn to_f64(&self) -> f64 {
        let m = self.mantissa as f64;
        match self.exponent {
            0 => m,
            e if e > 0 => m * 10f64.powi(e.min(400)),
            e => m / 10f64.powi(e.unsigned_abs().min(400) as i32),
        }
    }

    /// The same value with trailing zeros moved into the exponent (10600e-2 → 106e0).
    pub fn normalized(&self) -> Self {
        let (mut m, mut e) = (self.mantissa, self.exponent);
        if m == 0 {
            return Decimal::new(0, 0);
        }
        while m % 10 == 0 && e < i32::MAX {
            m /= 10;
            e += 1;
        }
        Decimal::new(m, e)
    }

    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    /// Rounded (half away from zero) to at most `places` decimals, trailing zeros
    /// dropped: 81013e-3 → "81.013" (3), "81.01" (2), "81" (1); 10600e-2 → "106".
    pub fn round_to(&self, places: u32) -> String {
        let places = places.min(MAX_PLACES);
        let negative = self.mantissa < 0;
        let mut abs = self.mantissa.unsigned_abs() as u128;
        if self.exponent >= 0 {
            if self.exponent as u32 > MAX_PLACES {
                // Never sent by Withings; keep it readable rather than allocate.
                return format!("{}e{}", self.mantissa, self.exponent);
            }
            return render(negative, abs, 0, self.exponent as usize);
        }
        let mut scale = self.exponent.unsigned_abs();
        if scale > places {
            let drop = scale - places;
            abs = if drop > 20 {
                // |mantissa| < 10^19.
                0
            } else {
                let p = 10u128.pow(drop);
                (abs + p / 2) / p
            };
            scale = places;
        }
        render(negative, abs, scale as usize, 0)
    }

    /// Compare by value (exact for any realistic exponent).
    pub fn cmp_value(&self, other: &Decimal) -> Ordering {
        let e = self.exponent.min(other.exponent);
        let widen = |d: &Decimal| -> Option<i128> {
            let shift = u32::try_from(d.exponent as i64 - e as i64).ok()?;
            10i128
                .checked_pow(shift)
                .and_then(|p| (d.mantissa as i128).checked_mul(p))
        };
        match (widen(self), widen(other)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

/// `abs` with `scale` decimals (and `zeros` appended), trailing fraction zeros trimmed.
fn render(negative: bool, abs: u128, scale: usize, zeros: usize) -> String {
    let mut digits = abs.to_string();
    digits.extend(std::iter::repeat_n('0', if abs == 0 { 0 } else { zeros }));
    if digits.len() <= scale {
        digits.insert_str(0, &"0".repeat(scale + 1 - digits.len()));
    }
    let (int, frac) = digits.split_at(digits.len() - scale);
    let frac = frac.trim_end_matches('0');
    let mut out = String::with_capacity(digits.len() + 2);
    if negative && abs != 0 {
        out.push('-');
    }
    out.push_str(int);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

impl fmt::Display for Decimal {
    /// The exact value: "106", "81.013", "-0.5".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.round_to(MAX_PLACES))
    }
}

// ---------------------------------------------------------------------------
// Enumerations with an escape hatch: Withings adds codes without notice, and an
// unknown one must never fail a whole page (notes §5.8).

macro_rules! measure_types {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $name:literal, $unit:literal, $spoken:literal;)*) => {
        /// `meastype` (notes §4.1).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum MeasureType {
            $($(#[$doc])* $variant,)*
            Unknown(i64),
        }

        impl MeasureType {
            /// Every documented type, in code order.
            pub const ALL: &'static [MeasureType] = &[$(MeasureType::$variant),*];

            pub fn from_code(code: i64) -> Self {
                match code {
                    $($code => MeasureType::$variant,)*
                    other => MeasureType::Unknown(other),
                }
            }

            pub fn code(&self) -> i64 {
                match self {
                    $(MeasureType::$variant => $code,)*
                    MeasureType::Unknown(c) => *c,
                }
            }

            /// English name as in Withings' table.
            pub fn name(&self) -> &'static str {
                match self {
                    $(MeasureType::$variant => $name,)*
                    MeasureType::Unknown(_) => "Unknown measure",
                }
            }

            /// Unit symbol ("kg", "mmHg"); empty for scores and classifications.
            pub fn unit(&self) -> &'static str {
                match self {
                    $(MeasureType::$variant => $unit,)*
                    MeasureType::Unknown(_) => "",
                }
            }

            /// The unit as spoken ("kilograms"); empty when there is none.
            pub fn spoken_unit(&self) -> &'static str {
                match self {
                    $(MeasureType::$variant => $spoken,)*
                    MeasureType::Unknown(_) => "",
                }
            }
        }
    };
}

// Units from the spec's table; the table gives none for the ECG intervals
// (135–138) nor for electrodermal activity / ESC (196, 229), so those carry the
// customary ms and µS.
measure_types! {
    Weight = 1, "Weight", "kg", "kilograms";
    Height = 4, "Height", "m", "meters";
    FatFreeMass = 5, "Fat free mass", "kg", "kilograms";
    FatRatio = 6, "Fat ratio", "%", "percent";
    FatMassWeight = 8, "Fat mass weight", "kg", "kilograms";
    DiastolicBloodPressure = 9, "Diastolic blood pressure", "mmHg", "millimeters of mercury";
    SystolicBloodPressure = 10, "Systolic blood pressure", "mmHg", "millimeters of mercury";
    /// From blood-pressure monitors and scales only.
    HeartPulse = 11, "Heart pulse", "bpm", "beats per minute";
    Temperature = 12, "Temperature", "°C", "degrees Celsius";
    Spo2 = 54, "SpO2", "%", "percent";
    BodyTemperature = 71, "Body temperature", "°C", "degrees Celsius";
    SkinTemperature = 73, "Skin temperature", "°C", "degrees Celsius";
    MuscleMass = 76, "Muscle mass", "kg", "kilograms";
    Hydration = 77, "Hydration", "kg", "kilograms";
    BoneMass = 88, "Bone mass", "kg", "kilograms";
    PulseWaveVelocity = 91, "Pulse wave velocity", "m/s", "meters per second";
    Vo2Max = 123, "VO2 max", "ml/min/kg", "milliliters per minute per kilogram";
    /// A classification (0 negative, 1 positive, …), not a physical value.
    AfibResult = 130, "Atrial fibrillation result", "", "";
    QrsInterval = 135, "QRS interval", "ms", "milliseconds";
    PrInterval = 136, "PR interval", "ms", "milliseconds";
    QtInterval = 137, "QT interval", "ms", "milliseconds";
    CorrectedQtInterval = 138, "Corrected QT interval", "ms", "milliseconds";
    AfibPpg = 139, "Atrial fibrillation result from PPG", "", "";
    VascularAge = 155, "Vascular age", "years", "years";
    NerveHealthScore = 167, "Nerve health score", "", "";
    ExtracellularWater = 168, "Extracellular water", "kg", "kilograms";
    IntracellularWater = 169, "Intracellular water", "kg", "kilograms";
    /// Without unit.
    VisceralFat = 170, "Visceral fat", "", "";
    FatFreeMassSegments = 173, "Fat free mass for segments", "kg", "kilograms";
    FatMassSegments = 174, "Fat mass for segments", "kg", "kilograms";
    MuscleMassSegments = 175, "Muscle mass for segments", "kg", "kilograms";
    ElectrodermalActivityFeet = 196, "Electrodermal activity feet", "µS", "microsiemens";
    BasalMetabolicRate = 226, "Basal metabolic rate", "kcal", "kilocalories";
    MetabolicAge = 227, "Metabolic age", "years", "years";
    ElectrochemicalSkinConductance = 229, "Electrochemical skin conductance", "µS", "microsiemens";
}

impl<'de> Deserialize<'de> for MeasureType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient::i64_any(d).map(MeasureType::from_code)
    }
}

impl Serialize for MeasureType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.code())
    }
}

/// `attrib`: how a group was attributed to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Attrib {
    /// 0: captured by a device, surely this user's.
    Device,
    /// 1: captured by a device shared with other users; may be someone else's.
    DeviceAmbiguous,
    /// 2: entered manually.
    Manual,
    /// 4: entered manually at account creation (may be stale).
    ManualAtCreation,
    /// 5: blood-pressure monitor's best of a series.
    BpmAuto,
    /// 7: confirmed by the user.
    Confirmed,
    /// 8: documented as "same as 0"; arrives as a duplicate of an attrib-0 group.
    SameAsDevice,
    /// 15: taken in guided conditions (Nerve Health Score).
    Guided,
    /// 17: guided conditions, newer devices (NHS + ESC); undocumented in the
    /// current table but seen in real data.
    GuidedEsc,
    Unknown(i64),
}

impl Attrib {
    pub fn from_code(code: i64) -> Self {
        match code {
            0 => Attrib::Device,
            1 => Attrib::DeviceAmbiguous,
            2 => Attrib::Manual,
            4 => Attrib::ManualAtCreation,
            5 => Attrib::BpmAuto,
            7 => Attrib::Confirmed,
            8 => Attrib::SameAsDevice,
            15 => Attrib::Guided,
            17 => Attrib::GuidedEsc,
            c => Attrib::Unknown(c),
        }
    }

    pub fn code(&self) -> i64 {
        match self {
            Attrib::Device => 0,
            Attrib::DeviceAmbiguous => 1,
            Attrib::Manual => 2,
            Attrib::ManualAtCreation => 4,
            Attrib::BpmAuto => 5,
            Attrib::Confirmed => 7,
            Attrib::SameAsDevice => 8,
            Attrib::Guided => 15,
            Attrib::GuidedEsc => 17,
            Attrib::Unknown(c) => *c,
        }
    }

    /// May belong to someone sharing the device; worth saying so rather than
    /// dropping it (notes §5.9).
    pub fn is_ambiguous(&self) -> bool {
        matches!(self, Attrib::DeviceAmbiguous)
    }

    /// How much to trust that a group is this user's, for choosing between
    /// groups that report the same thing at the same time. Higher is better.
    pub fn trust(&self) -> u8 {
        match self {
            Attrib::Device | Attrib::SameAsDevice | Attrib::Confirmed => 4,
            Attrib::BpmAuto | Attrib::Guided | Attrib::GuidedEsc => 4,
            Attrib::Manual => 3,
            Attrib::ManualAtCreation => 2,
            Attrib::Unknown(_) => 1,
            Attrib::DeviceAmbiguous => 0,
        }
    }
}

impl<'de> Deserialize<'de> for Attrib {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Missing or null: nothing says it is ambiguous; treat as unknown.
        Ok(lenient::opt_i64(d)?.map_or(Attrib::Unknown(-1), Attrib::from_code))
    }
}

/// `category`: real measures or the user's objectives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MeasureCategory {
    Real,
    Goal,
    Unknown(i64),
}

impl MeasureCategory {
    pub fn from_code(code: i64) -> Self {
        match code {
            1 => MeasureCategory::Real,
            2 => MeasureCategory::Goal,
            c => MeasureCategory::Unknown(c),
        }
    }
    pub fn code(&self) -> i64 {
        match self {
            MeasureCategory::Real => 1,
            MeasureCategory::Goal => 2,
            MeasureCategory::Unknown(c) => *c,
        }
    }
}

impl<'de> Deserialize<'de> for MeasureCategory {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(lenient::opt_i64(d)?.map_or(MeasureCategory::Real, MeasureCategory::from_code))
    }
}

// ---------------------------------------------------------------------------
// Response shapes

/// One measure: `value × 10^unit` in the type's unit.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Measure {
    #[serde(deserialize_with = "lenient::i64_any")]
    pub value: i64,
    #[serde(deserialize_with = "exponent")]
    pub unit: i32,
    #[serde(rename = "type")]
    pub kind: MeasureType,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub algo: Option<i64>,
    /// Where on the body (segment measures, ECG); see the spec's position table.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub position: Option<i64>,
}

impl Measure {
    pub fn decimal(&self) -> Decimal {
        Decimal::new(self.value, self.unit)
    }
}

fn exponent<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    let e = lenient::i64_any(d)?;
    i32::try_from(e).map_err(|_| de::Error::custom(format!("unit {e} out of range")))
}

/// Text that may arrive as a string or a number, or be null/empty.
pub(crate) fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(lenient::opt_id(d)?.map(|id| id.0))
}

/// Measures taken together (a weigh-in, a blood-pressure reading).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "RawGroup")]
pub struct MeasureGroup {
    pub grpid: i64,
    pub attrib: Attrib,
    /// When the measures were taken (unix seconds).
    pub date: i64,
    pub created: Option<i64>,
    pub modified: Option<i64>,
    pub category: MeasureCategory,
    /// A string, a number or null depending on the device and era.
    pub deviceid: Option<Id>,
    pub hash_deviceid: Option<Id>,
    /// Device model name ("Body Cardio"); null for manual entries.
    pub model: Option<String>,
    /// Sent as `model_id` or `modelid`.
    pub model_id: Option<i64>,
    /// The group's own zone if sent, else the page's.
    pub timezone: Option<String>,
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
pub struct MeasurePage {
    #[serde(default, rename = "measuregrps")]
    pub groups: Vec<MeasureGroup>,
    /// The user's zone, for interpreting `date`.
    #[serde(default, deserialize_with = "opt_text")]
    pub timezone: Option<String>,
    /// Server time of the answer; the spec types it as a string.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub updatetime: Option<i64>,
    /// `more` is an integer 0/1 here (a bool on v2 endpoints); `more_flag` takes both.
    #[serde(flatten)]
    pub page: PageInfo,
}

impl MeasurePage {
    /// Give groups without their own zone the page's zone.
    fn into_parts(mut self) -> (Vec<MeasureGroup>, PageInfo) {
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

// ---------------------------------------------------------------------------
// Cleaning up what the API sends

/// Collapse what the API reports twice:
/// * the same `grpid` more than once (attrib 0 and 8 copies): keep the most
///   recently modified copy, preferring a non-8 attrib on ties;
/// * the same measure type in several groups with the same `date` and category
///   (a weigh-in attributed twice): keep it in the most trusted group only.
///
/// Groups left without measures are dropped; the result is newest first.
pub fn dedupe(groups: Vec<MeasureGroup>) -> Vec<MeasureGroup> {
    let mut by_id: HashMap<i64, MeasureGroup> = HashMap::with_capacity(groups.len());
    for g in groups {
        match by_id.get(&g.grpid) {
            Some(kept) if copy_rank(kept) >= copy_rank(&g) => {}
            _ => {
                by_id.insert(g.grpid, g);
            }
        }
    }
    let mut out: Vec<MeasureGroup> = by_id.into_values().collect();
    // Most trusted first within a timestamp, so the first claim on a type wins.
    out.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| b.attrib.trust().cmp(&a.attrib.trust()))
            .then_with(|| b.modified.cmp(&a.modified))
            .then_with(|| b.grpid.cmp(&a.grpid))
    });
    // Keyed by position too: segment types (173–175) repeat within one group,
    // once per body part. Only an earlier group can claim a measure.
    let mut claimed: HashSet<(i64, i64, i64, Option<i64>)> = HashSet::new();
    for g in &mut out {
        let (date, cat) = (g.date, g.category.code());
        let key = |m: &Measure| (date, cat, m.kind.code(), m.position);
        g.measures.retain(|m| !claimed.contains(&key(m)));
        claimed.extend(g.measures.iter().map(key));
    }
    out.retain(|g| !g.measures.is_empty());
    out
}

fn copy_rank(g: &MeasureGroup) -> (Option<i64>, bool, usize) {
    (
        g.modified,
        g.attrib != Attrib::SameAsDevice,
        g.measures.len(),
    )
}

/// One value picked out of the groups.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub kind: MeasureType,
    pub value: Decimal,
    /// When it was taken (unix seconds).
    pub date: i64,
    pub grpid: i64,
    pub attrib: Attrib,
    pub timezone: Option<String>,
}

impl Reading {
    /// Possibly someone else's (shared device); say so instead of hiding it.
    pub fn ambiguous(&self) -> bool {
        self.attrib.is_ambiguous()
    }
}

/// The newest real (not objective) measure of `kind`. An ambiguous group is
/// only used when nothing attributed to the user exists.
pub fn latest(groups: &[MeasureGroup], kind: MeasureType) -> Option<Reading> {
    let pick = |allow_ambiguous: bool| {
        groups
            .iter()
            .filter(|g| g.category == MeasureCategory::Real)
            .filter(|g| allow_ambiguous || !g.attrib.is_ambiguous())
            .filter_map(|g| g.get(kind).map(|m| (g, m)))
            .max_by(|(a, _), (b, _)| {
                a.date
                    .cmp(&b.date)
                    .then_with(|| a.attrib.trust().cmp(&b.attrib.trust()))
                    .then_with(|| a.modified.cmp(&b.modified))
                    .then_with(|| a.grpid.cmp(&b.grpid))
            })
            .map(|(g, m)| Reading {
                kind,
                value: m.decimal(),
                date: g.date,
                grpid: g.grpid,
                attrib: g.attrib,
                timezone: g.timezone.clone(),
            })
    };
    pick(false).or_else(|| pick(true))
}

/// A blood-pressure reading: both values come from the same group.
#[derive(Clone, Debug, PartialEq)]
pub struct BloodPressure {
    pub systolic: Decimal,
    pub diastolic: Decimal,
    pub pulse: Option<Decimal>,
    pub date: i64,
    pub attrib: Attrib,
}

/// The newest group that has both systolic and diastolic pressure.
pub fn latest_blood_pressure(groups: &[MeasureGroup]) -> Option<BloodPressure> {
    let reading = |allow_ambiguous: bool| {
        groups
            .iter()
            .filter(|g| g.category == MeasureCategory::Real)
            .filter(|g| allow_ambiguous || !g.attrib.is_ambiguous())
            .filter_map(|g| {
                let sys = g.get(MeasureType::SystolicBloodPressure)?;
                let dia = g.get(MeasureType::DiastolicBloodPressure)?;
                Some(BloodPressure {
                    systolic: sys.decimal(),
                    diastolic: dia.decimal(),
                    pulse: g.get(MeasureType::HeartPulse).map(Measure::decimal),
                    date: g.date,
                    attrib: g.attrib,
                })
            })
            .max_by_key(|bp| bp.date)
    };
    reading(false).or_else(|| reading(true))
}

// ---------------------------------------------------------------------------
// The call

/// Which groups to ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum MeasureRange {
    /// Local calendar days in the user's zone (never the host's: Lambda is UTC).
    Days { days: DayRange, tz: Tz },
    /// Unix seconds, both inclusive.
    Between { start: i64, end: i64 },
    /// Groups created or modified since this unix time (`lastupdate`).
    UpdatedSince(i64),
    /// No bound: everything, newest first.
    All,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MeasureQuery {
    /// Empty asks for every type.
    pub types: Vec<MeasureType>,
    /// `None` leaves it to the API (real measures).
    pub category: Option<MeasureCategory>,
    pub range: MeasureRange,
}

impl MeasureQuery {
    pub fn days(types: &[MeasureType], days: DayRange, tz: Tz) -> Self {
        MeasureQuery {
            types: types.to_vec(),
            category: Some(MeasureCategory::Real),
            range: MeasureRange::Days { days, tz },
        }
    }

    pub fn updated_since(types: &[MeasureType], since: i64) -> Self {
        MeasureQuery {
            types: types.to_vec(),
            category: Some(MeasureCategory::Real),
            range: MeasureRange::UpdatedSince(since),
        }
    }

    /// The form fields, without `offset`.
    pub fn form(&self) -> Vec<(&'static str, String)> {
        let mut form = vec![("action", "getmeas".to_string())];
        match self.types.as_slice() {
            [] => {}
            [one] => form.push(("meastype", one.code().to_string())),
            many => form.push((
                "meastypes",
                many.iter()
                    .map(|t| t.code().to_string())
                    .collect::<Vec<_>>()
                    .join(","),
            )),
        }
        if let Some(c) = self.category {
            form.push(("category", c.code().to_string()));
        }
        match self.range {
            MeasureRange::Days { days, tz } => {
                let (start, next_midnight) = days.instants(tz);
                form.push(("startdate", start.timestamp().to_string()));
                // enddate is inclusive: stop one second before the next day.
                form.push(("enddate", (next_midnight.timestamp() - 1).to_string()));
            }
            MeasureRange::Between { start, end } => {
                form.push(("startdate", start.to_string()));
                form.push(("enddate", end.to_string()));
            }
            MeasureRange::UpdatedSince(t) => form.push(("lastupdate", t.to_string())),
            MeasureRange::All => {}
        }
        form
    }
}

impl WithingsClient {
    /// Measure groups as sent (duplicates included; see [`dedupe`]), following
    /// `more`/`offset` for up to `max_pages` pages.
    pub async fn get_measures(
        &self,
        token: &AccessToken,
        query: MeasureQuery,
        deadline: Deadline,
        max_pages: usize,
    ) -> Result<Paged<MeasureGroup>, WithingsError> {
        self.paged(
            "/measure",
            token,
            &query.form(),
            deadline,
            max_pages,
            MeasurePage::into_parts,
        )
        .await
    }

    /// The newest real measure of `kind` taken on the local days `days`.
    pub async fn latest_measure(
        &self,
        token: &AccessToken,
        kind: MeasureType,
        days: DayRange,
        tz: Tz,
        deadline: Deadline,
        max_pages: usize,
    ) -> Result<Option<Reading>, WithingsError> {
        let groups = self
            .get_measures(
                token,
                MeasureQuery::days(&[kind], days, tz),
                deadline,
                max_pages,
            )
            .await?;
        Ok(latest(&groups.items, kind))
    }

    /// The newest blood-pressure reading taken on the local days `days`.
    pub async fn latest_blood_pressure(
        &self,
        token: &AccessToken,
        days: DayRange,
        tz: Tz,
        deadline: Deadline,
        max_pages: usize,
    ) -> Result<Option<BloodPressure>, WithingsError> {
        let types = [
            MeasureType::SystolicBloodPressure,
            MeasureType::DiastolicBloodPressure,
            MeasureType::HeartPulse,
        ];
        let groups = self
            .get_measures(
                token,
                MeasureQuery::days(&types, days, tz),
                deadline,
                max_pages,
            )
            .await?;
        Ok(latest_blood_pressure(&groups.items))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn decimals_render_exactly() {
        assert_eq!(Decimal::new(10600, -2).round_to(1), "106");
        assert_eq!(Decimal::new(81013, -3).round_to(3), "81.013");
        assert_eq!(Decimal::new(81013, -3).round_to(2), "81.01");
        assert_eq!(Decimal::new(81015, -3).round_to(2), "81.02");
        assert_eq!(Decimal::new(81013, -3).round_to(0), "81");
        assert_eq!(Decimal::new(-81015, -3).round_to(2), "-81.02");
        assert_eq!(Decimal::new(-4, -3).round_to(2), "0");
        assert_eq!(Decimal::new(5, -1).to_string(), "0.5");
        assert_eq!(Decimal::new(7, -5).to_string(), "0.00007");
        assert_eq!(Decimal::new(12, 2).to_string(), "1200");
        assert_eq!(Decimal::new(0, 5).to_string(), "0");
        assert_eq!(
            Decimal::new(i64::MIN, -2).to_string(),
            "-92233720368547758.08"
        );
        assert_eq!(Decimal::new(1, i32::MIN).round_to(2), "0");
        assert_eq!(Decimal::new(1, i32::MAX).to_string(), "1e2147483647");
        assert_eq!(Decimal::new(81013, -3).to_f64(), 81.013);
        assert_eq!(Decimal::new(10600, -2).normalized(), Decimal::new(106, 0));
        assert_eq!(
            Decimal::new(10600, -2).cmp_value(&Decimal::new(106, 0)),
            Ordering::Equal
        );
        assert_eq!(
            Decimal::new(81013, -3).cmp_value(&Decimal::new(81, 0)),
            Ordering::Greater
        );
    }

    #[test]
    fn every_documented_type_round_trips() {
        assert_eq!(MeasureType::ALL.len(), 35);
        for t in MeasureType::ALL {
            assert_eq!(MeasureType::from_code(t.code()), *t);
            assert!(!t.name().is_empty());
        }
        assert_eq!(MeasureType::from_code(999), MeasureType::Unknown(999));
        assert_eq!(MeasureType::Weight.unit(), "kg");
        assert_eq!(MeasureType::SystolicBloodPressure.unit(), "mmHg");
        assert_eq!(Attrib::from_code(17), Attrib::GuidedEsc);
        assert_eq!(Attrib::from_code(10), Attrib::Unknown(10));
    }

    fn group(
        grpid: i64,
        attrib: i64,
        date: i64,
        modified: i64,
        types: &[(i64, i64)],
    ) -> MeasureGroup {
        let measures: Vec<_> = types
            .iter()
            .map(|(t, v)| serde_json::json!({"type": t, "value": v, "unit": -3}))
            .collect();
        serde_json::from_value(serde_json::json!({
            "grpid": grpid, "attrib": attrib, "date": date, "created": date,
            "modified": modified, "category": 1, "deviceid": null, "measures": measures
        }))
        .unwrap()
    }

    #[test]
    fn dedupe_collapses_copies_and_same_time_groups() {
        let groups = vec![
            group(1, 0, 100, 110, &[(1, 81013), (6, 21000)]),
            group(1, 8, 100, 110, &[(1, 81013), (6, 21000)]),
            // Same weigh-in, ambiguous copy under another grpid, plus a new type.
            group(2, 1, 100, 120, &[(1, 81000), (91, 7100)]),
            group(3, 1, 50, 60, &[(1, 70000)]),
        ];
        let out = dedupe(groups);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].grpid, 1);
        assert_eq!(out[0].attrib, Attrib::Device);
        assert_eq!(out[1].grpid, 2);
        assert_eq!(out[1].measures.len(), 1);
        assert_eq!(out[1].measures[0].kind, MeasureType::PulseWaveVelocity);
        assert_eq!(out[2].grpid, 3);

        // Segment measures repeat a type within a group and all survive.
        let mut segments = group(9, 0, 200, 200, &[(175, 3000), (175, 3100)]);
        segments.measures[1].position = Some(3);
        assert_eq!(dedupe(vec![segments]).remove(0).measures.len(), 2);

        let w = latest(&out, MeasureType::Weight).unwrap();
        assert_eq!((w.grpid, w.value.to_string().as_str()), (1, "81.013"));
        // Only an ambiguous group has this type: still reported, flagged.
        let only_ambiguous = vec![group(3, 1, 50, 60, &[(1, 70000)])];
        assert!(
            latest(&only_ambiguous, MeasureType::Weight)
                .unwrap()
                .ambiguous()
        );
        assert_eq!(latest(&out, MeasureType::Height), None);
    }

    #[test]
    fn query_builds_local_day_bounds() {
        let tz: Tz = "America/Los_Angeles".parse().unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let q = MeasureQuery::days(
            &[MeasureType::Weight, MeasureType::FatRatio],
            DayRange::day(d),
            tz,
        );
        let form = q.form();
        let get = |k: &str| form.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone());
        assert_eq!(get("meastypes").as_deref(), Some("1,6"));
        assert_eq!(get("category").as_deref(), Some("1"));
        // 2026-11-24 00:00 PST = 08:00 UTC.
        assert_eq!(get("startdate").as_deref(), Some("1795507200"));
        assert_eq!(get("enddate").as_deref(), Some("1795593599"));
        let q = MeasureQuery::updated_since(&[MeasureType::Weight], 5);
        assert_eq!(
            q.form(),
            vec![
                ("action", "getmeas".to_string()),
                ("meastype", "1".to_string()),
                ("category", "1".to_string()),
                ("lastupdate", "5".to_string())
            ]
        );
    }

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
