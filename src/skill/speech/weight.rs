//! Sentences about weight.

use super::Lang;

/// A weight as spoken: pounds for en-US, kilograms elsewhere; one decimal,
/// dropped when it is zero ("81 kilograms", "178.6 pounds", "81,4 Kilogramm").
pub fn weight(lang: Lang, kg: f64) -> String {
    let (value, unit) = match lang {
        Lang::EnUs => (kg * 2.204_622_621_8, "pounds"),
        Lang::EnGb => (kg, "kilograms"),
        Lang::De => (kg, "Kilogramm"),
    };
    let tenths = (value * 10.0).round() as i64;
    let mut n = if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, (tenths % 10).abs())
    };
    if lang == Lang::De {
        n = n.replace('.', ",");
    }
    format!("{n} {unit}")
}

/// "You weighed 178.6 pounds this morning."
pub fn weighed(lang: Lang, kg: f64, when: &str) -> String {
    let w = weight(lang, kg);
    match lang {
        Lang::De => format!("Du hast {when} {w} gewogen."),
        _ => format!("You weighed {w} {when}."),
    }
}
