//! Sentences about body composition, blood pressure and heart rate.

use super::Lang;
use super::weight::mass;
use super::words::decimal;
use crate::skill::slots::BodyMetric;
use crate::skill::units::WeightUnit;

/// The metric's name, as the subject of a sentence ("your body fat").
fn body_name(lang: Lang, m: BodyMetric) -> &'static str {
    use BodyMetric::*;
    match (lang, m) {
        (Lang::De, FatPercent) => "dein Körperfett",
        (Lang::De, FatMass) => "deine Fettmasse",
        (Lang::De, Muscle) => "deine Muskelmasse",
        (Lang::De, Bone) => "deine Knochenmasse",
        (Lang::De, Hydration) => "dein Körperwasser",
        (Lang::De, VisceralFat) => "dein Viszeralfett-Index",
        (Lang::Fr, FatPercent) => "votre taux de graisse",
        (Lang::Fr, FatMass) => "votre masse grasse",
        (Lang::Fr, Muscle) => "votre masse musculaire",
        (Lang::Fr, Bone) => "votre masse osseuse",
        (Lang::Fr, Hydration) => "votre eau corporelle",
        (Lang::Fr, VisceralFat) => "votre indice de graisse viscérale",
        (_, FatPercent) => "your body fat",
        (_, FatMass) => "your fat mass",
        (_, Muscle) => "your muscle mass",
        (_, Bone) => "your bone mass",
        (_, Hydration) => "your body water",
        (_, VisceralFat) => "your visceral fat index",
    }
}

/// A body metric's value as said: percent, a mass, or a bare index.
pub fn body_value(lang: Lang, unit: WeightUnit, m: BodyMetric, v: f64) -> String {
    match m {
        BodyMetric::FatPercent => {
            let pct = match lang {
                Lang::De => "Prozent",
                Lang::Fr => "pour cent",
                _ => "percent",
            };
            format!("{} {pct}", decimal(lang, v))
        }
        BodyMetric::VisceralFat => decimal(lang, v),
        _ => mass(lang, unit, v),
    }
}

/// One or two body metrics taken at `when`: "This morning your body fat was
/// 22.4 percent and your muscle mass 140 pounds."
pub fn body(lang: Lang, unit: WeightUnit, when: &str, values: &[(BodyMetric, f64)]) -> String {
    let parts: Vec<String> = values
        .iter()
        .map(|(m, v)| format!("{} {}", body_name(lang, *m), body_value(lang, unit, *m, *v)))
        .collect();
    let when = super::capitalized(when);
    match (lang, parts.as_slice()) {
        (_, []) => String::new(),
        (Lang::De, [one]) => format!("{when}: {}.", de_was(one)),
        (Lang::De, [a, b, ..]) => format!("{when}: {} und {}.", de_was(a), de_lag(b)),
        (Lang::Fr, [one]) => format!("{when}, {}.", fr_was(one)),
        (Lang::Fr, [a, b, ..]) => format!("{when}, {}, et {b}.", fr_was(a)),
        (_, [one]) => format!("{when} {}.", en_was(one)),
        (_, [a, b, ..]) => format!("{when} {} and {b}.", en_was(a)),
    }
}

/// "your body fat 22 percent" → "your body fat was 22 percent".
fn en_was(part: &str) -> String {
    insert_after_name(part, "was")
}

fn fr_was(part: &str) -> String {
    insert_after_name(part, "était de")
}

fn de_was(part: &str) -> String {
    insert_after_name(part, "lag bei")
}

fn de_lag(part: &str) -> String {
    insert_after_name(part, "bei")
}

/// Insert `verb` before the first digit of the value.
fn insert_after_name(part: &str, verb: &str) -> String {
    match part.find(|c: char| c.is_ascii_digit()) {
        Some(i) => format!("{}{verb} {}", &part[..i], &part[i..]),
        None => part.to_string(),
    }
}

/// "Your blood pressure was 128 over 82, pulse 64, this evening."
pub fn blood_pressure(lang: Lang, sys: i64, dia: i64, pulse: Option<i64>, when: &str) -> String {
    let p = |word: &str| pulse.map(|p| format!(", {word} {p}")).unwrap_or_default();
    match lang {
        Lang::De => format!("Dein Blutdruck war {when} {sys} zu {dia}{}.", p("Puls")),
        Lang::Fr => format!(
            "Votre tension était de {sys} sur {dia}{}, {when}.",
            p("pouls")
        ),
        _ => format!(
            "Your blood pressure was {sys} over {dia}{}, {when}.",
            p("pulse")
        ),
    }
}

/// "This week your blood pressure averaged 125 over 80, from 4 readings."
pub fn blood_pressure_average(lang: Lang, span: &str, sys: i64, dia: i64, n: usize) -> String {
    match lang {
        Lang::De => {
            format!("{span} lag dein Blutdruck im Schnitt bei {sys} zu {dia}, aus {n} Messungen.")
        }
        Lang::Fr => {
            format!("{span}, votre tension était en moyenne de {sys} sur {dia}, sur {n} mesures.")
        }
        _ => format!("{span} your blood pressure averaged {sys} over {dia}, from {n} readings."),
    }
}

/// "Your heart rate was 64 beats per minute this morning."
pub fn heart_rate(lang: Lang, bpm: i64, when: &str) -> String {
    match lang {
        Lang::De => format!("Dein Puls lag {when} bei {bpm} Schlägen pro Minute."),
        Lang::Fr => format!("Votre pouls était de {bpm} battements par minute {when}."),
        _ => format!("Your heart rate was {bpm} beats per minute {when}."),
    }
}

pub fn heart_rate_average(lang: Lang, span: &str, bpm: i64, n: usize) -> String {
    match lang {
        Lang::De => format!(
            "{span} lag dein Puls im Schnitt bei {bpm} Schlägen pro Minute, aus {n} Messungen."
        ),
        Lang::Fr => format!(
            "{span}, votre pouls était en moyenne de {bpm} battements par minute, sur {n} mesures."
        ),
        _ => format!("{span} your heart rate averaged {bpm} beats per minute, from {n} readings."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_sentences() {
        assert_eq!(
            body(
                Lang::EnUs,
                WeightUnit::Pounds,
                "this morning",
                &[(BodyMetric::FatPercent, 22.43), (BodyMetric::Muscle, 63.5)]
            ),
            "This morning your body fat was 22.4 percent and your muscle mass 140 pounds."
        );
        assert_eq!(
            body(
                Lang::Fr,
                WeightUnit::Kilograms,
                "hier",
                &[(BodyMetric::VisceralFat, 9.0)]
            ),
            "Hier, votre indice de graisse viscérale était de 9."
        );
        assert_eq!(
            body(
                Lang::De,
                WeightUnit::Kilograms,
                "gestern",
                &[(BodyMetric::Bone, 3.12)]
            ),
            "Gestern: deine Knochenmasse lag bei 3,1 Kilogramm."
        );
    }
}
