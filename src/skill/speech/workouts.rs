//! Sentences about workouts, with the sport named from Withings' full
//! category table (the common sports translated, the rest by their name).

use super::Lang;
use super::words::duration;
use withings::WorkoutCategory as C;

/// The sport in German and French, for the sports people log most.
fn translated(c: C) -> Option<(&'static str, &'static str)> {
    Some(match c {
        C::Walk => ("Gehen", "marche"),
        C::Run => ("Laufen", "course à pied"),
        C::Hiking => ("Wandern", "randonnée"),
        C::Skating => ("Skaten", "roller"),
        C::Bicycling => ("Radfahren", "vélo"),
        C::Swimming => ("Schwimmen", "natation"),
        C::Surfing => ("Surfen", "surf"),
        C::TableTennis => ("Tischtennis", "tennis de table"),
        C::LiftWeights => ("Krafttraining", "musculation"),
        C::Elliptical => ("Crosstrainer", "vélo elliptique"),
        C::BasketBall => ("Basketball", "basket"),
        C::Soccer => ("Fußball", "football"),
        C::Football => ("American Football", "football américain"),
        C::VolleyBall => ("Volleyball", "volley"),
        C::HorseRiding => ("Reiten", "équitation"),
        C::Dancing => ("Tanzen", "danse"),
        C::Boxing => ("Boxen", "boxe"),
        C::MartialArts => ("Kampfsport", "arts martiaux"),
        C::Skiing => ("Skifahren", "ski"),
        C::Rowing => ("Rudern", "aviron"),
        C::Climbing => ("Klettern", "escalade"),
        C::IceSkating => ("Eislaufen", "patin à glace"),
        C::IceHockey => ("Eishockey", "hockey sur glace"),
        C::IndoorWalk => ("Gehen drinnen", "marche en intérieur"),
        C::IndoorRunning => ("Laufband", "course sur tapis"),
        C::IndoorCycling => ("Indoor-Cycling", "vélo d'intérieur"),
        C::Kayaking => ("Kajakfahren", "kayak"),
        C::Canoeing => ("Kanufahren", "canoë"),
        C::Sailing => ("Segeln", "voile"),
        C::TrailRunning => ("Traillauf", "trail"),
        C::Stretching => ("Dehnen", "étirements"),
        C::Meditation => ("Meditation", "méditation"),
        C::MountainBiking => ("Mountainbiken", "VTT"),
        C::Hiit => ("HIIT", "HIIT"),
        C::Unknown(_) => ("Training", "entraînement"),
        _ => return None,
    })
}

/// The sport as a noun phrase: "a run", "a yoga session", "Laufen", "course à pied".
pub fn sport(lang: Lang, c: C) -> String {
    let name = c.name().replace('/', " and ");
    match lang {
        Lang::De => translated(c).map(|t| t.0.to_string()).unwrap_or(name),
        Lang::Fr => translated(c).map(|t| t.1.to_string()).unwrap_or(name),
        _ => match c {
            C::Walk => "a walk".into(),
            C::Run => "a run".into(),
            C::Hiking => "a hike".into(),
            C::Bicycling => "a bike ride".into(),
            C::Swimming => "a swim".into(),
            C::Unknown(_) => "a workout".into(),
            _ => {
                let n = if name.chars().all(|ch| !ch.is_lowercase()) {
                    name
                } else {
                    name.to_lowercase()
                };
                let article = if n.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
                    "an"
                } else {
                    "a"
                };
                format!("{article} {n} session")
            }
        },
    }
}

/// One workout described: "a run of 45 minutes, 6.2 miles, 420 calories".
pub fn workout(
    lang: Lang,
    c: C,
    seconds: i64,
    distance: Option<&str>,
    kcal: Option<i64>,
) -> String {
    let mut parts = vec![duration(lang, seconds)];
    parts.extend(distance.map(str::to_string));
    let cal = |n: i64| match lang {
        Lang::De => format!("{n} Kalorien"),
        Lang::Fr => format!("{n} calories"),
        _ => format!("{n} calories"),
    };
    parts.extend(kcal.filter(|k| *k > 0).map(cal));
    match lang {
        Lang::De | Lang::Fr => format!("{}, {}", sport(lang, c), parts.join(", ")),
        _ => format!("{} of {}", sport(lang, c), parts.join(", ")),
    }
}

/// "Your last workout, on Tuesday, was a run of 45 minutes, 6.2 miles."
pub fn last_workout(lang: Lang, when: &str, described: &str) -> String {
    match lang {
        Lang::De => format!("Dein letztes Training, {when}: {described}."),
        Lang::Fr => format!("Votre dernier entraînement, {when} : {described}."),
        _ => format!("Your last workout, {when}, was {described}."),
    }
}

/// The workouts of one day: "Yesterday you did a run of 45 minutes and …".
pub fn day_workouts(lang: Lang, when: &str, described: &[String]) -> String {
    let (and, n) = match lang {
        Lang::De => (" und ", described.len()),
        Lang::Fr => (" et ", described.len()),
        _ => (" and ", described.len()),
    };
    let list = described.join(and);
    match (lang, n) {
        (Lang::De, 1) => format!("{when} hattest du ein Training: {list}."),
        (Lang::De, _) => format!("{when} hattest du {n} Trainings: {list}."),
        (Lang::Fr, 1) => format!("{when}, vous avez fait un entraînement : {list}."),
        (Lang::Fr, _) => format!("{when}, vous avez fait {n} entraînements : {list}."),
        (_, 1) => format!("{when} you did {list}."),
        (_, _) => format!("{when} you did {n} workouts: {list}."),
    }
}

/// A period: how many and how long in all.
pub fn period_workouts(lang: Lang, span: &str, n: usize, total_seconds: i64) -> String {
    let total = duration(lang, total_seconds);
    match (lang, n) {
        (Lang::De, 1) => format!("{span} hattest du ein Training, {total} lang."),
        (Lang::De, _) => format!("{span} hattest du {n} Trainings, insgesamt {total}."),
        (Lang::Fr, 1) => format!("{span}, vous avez fait un entraînement de {total}."),
        (Lang::Fr, _) => format!("{span}, vous avez fait {n} entraînements, {total} au total."),
        (_, 1) => format!("{span} you did one workout, {total} long."),
        (_, _) => format!("{span} you did {n} workouts, {total} in all."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_a_name_in_every_language() {
        for c in C::ALL {
            for lang in [Lang::EnUs, Lang::De, Lang::Fr] {
                let s = sport(lang, *c);
                assert!(!s.trim().is_empty() && !s.contains('/'), "{c:?} {s}");
            }
        }
        assert_eq!(sport(Lang::EnUs, C::Yoga), "a yoga session");
        assert_eq!(sport(Lang::EnUs, C::Hiit), "a HIIT session");
        assert_eq!(sport(Lang::EnUs, C::Elliptical), "an elliptical session");
        assert_eq!(sport(Lang::Fr, C::Run), "course à pied");
        assert_eq!(sport(Lang::De, C::Unknown(569)), "Training");
    }
}
