//! Body measures (`/measure` `action=getmeas`): weight, body composition, blood
//! pressure, temperature, ECG results. Values are integers with a power-of-ten
//! unit and stay exact ([`Decimal`]) until they are shown.

mod call;
mod decimal;
mod select;
mod types;
mod wire;

pub use call::{MeasureQuery, MeasureRange};
pub use decimal::Decimal;
pub use select::{BloodPressure, Reading, dedupe, latest, latest_blood_pressure};
pub use types::{Attrib, MeasureCategory, MeasureType};
pub use wire::{Measure, MeasureGroup, MeasurePage, parse_measure_body};
