//! "What's my blood pressure?" / "What was my heart rate this week?": the
//! latest reading with when it was taken, or the average over a period.

use super::measures::{self, local_time, on_days, zone_of};
use super::query::DateQuery;
use super::speech::{self, Lang, Phrase};
use super::{Answer, Skill};
use crate::alexa::date::PeriodKind;
use crate::skill::account::AccountError;
use crate::store::LinkStore;
use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use withings::{Deadline, MeasureCategory, MeasureGroup, MeasureType, local_today};

/// Blood pressure or heart rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vital {
    BloodPressure,
    HeartRate,
}

/// One reading: systolic, diastolic (0 for heart rate), pulse, local time.
#[derive(Clone, Copy, Debug)]
struct Reading {
    sys: f64,
    dia: f64,
    pulse: Option<f64>,
    at: NaiveDateTime,
}

fn readings(vital: Vital, groups: &[MeasureGroup], tz: Tz) -> Vec<Reading> {
    let mut out: Vec<Reading> = groups
        .iter()
        .filter(|g| g.category == MeasureCategory::Real && !g.attrib.is_ambiguous())
        .filter_map(|g| {
            let v = |t| {
                g.get(t)
                    .map(|m| m.decimal().to_f64())
                    .filter(|v| v.is_finite())
            };
            let pulse = v(MeasureType::HeartPulse);
            let (sys, dia) = match vital {
                Vital::BloodPressure => (
                    v(MeasureType::SystolicBloodPressure)?,
                    v(MeasureType::DiastolicBloodPressure)?,
                ),
                Vital::HeartRate => {
                    pulse?;
                    (0.0, 0.0)
                }
            };
            let at = local_time(g.date, zone_of(g, tz))?;
            Some(Reading {
                sys,
                dia,
                pulse,
                at,
            })
        })
        .collect();
    out.sort_by_key(|r| r.at);
    // A pulse wave group repeats the weigh-in's pulse at the same instant.
    out.dedup_by_key(|r| r.at);
    out
}

fn types(vital: Vital) -> &'static [MeasureType] {
    match vital {
        Vital::BloodPressure => &[
            MeasureType::SystolicBloodPressure,
            MeasureType::DiastolicBloodPressure,
            MeasureType::HeartPulse,
        ],
        Vital::HeartRate => &[MeasureType::HeartPulse],
    }
}

fn latest_sentence(lang: Lang, vital: Vital, r: &Reading, when: &str) -> String {
    let round = |v: f64| v.round() as i64;
    match vital {
        Vital::BloodPressure => {
            speech::blood_pressure(lang, round(r.sys), round(r.dia), r.pulse.map(round), when)
        }
        Vital::HeartRate => speech::heart_rate(lang, r.pulse.map(round).unwrap_or(0), when),
    }
}

#[allow(clippy::too_many_arguments)]
pub fn answer(
    lang: Lang,
    vital: Vital,
    query: DateQuery,
    tz: Tz,
    now: DateTime<Utc>,
    asked: &[MeasureGroup],
    recent: &[MeasureGroup],
) -> Answer {
    let today = local_today(tz, now);
    let none = match vital {
        Vital::BloodPressure => Phrase::NoBloodPressure,
        Vital::HeartRate => Phrase::NoHeartRate,
    };
    let Some(days) = measures::asked_days(query, today, tz) else {
        return Answer::phrase(lang, Phrase::DateInFuture);
    };
    let period = query
        .period(today, tz)
        .filter(|_| query != DateQuery::Unspoken);
    let found = readings(vital, &on_days(asked, days, tz), tz);
    let text = match (period, found.as_slice()) {
        (Some(p), many @ [_, _, ..]) if p.kind != PeriodKind::Day => {
            let n = many.len() as f64;
            let avg = |f: fn(&Reading) -> f64| (many.iter().map(f).sum::<f64>() / n).round() as i64;
            let span = speech::period(lang, p.kind, p.first, p.last, today);
            match vital {
                Vital::BloodPressure => speech::blood_pressure_average(
                    lang,
                    &span,
                    avg(|r| r.sys),
                    avg(|r| r.dia),
                    many.len(),
                ),
                Vital::HeartRate => speech::heart_rate_average(
                    lang,
                    &span,
                    avg(|r| r.pulse.unwrap_or(0.0)),
                    many.len(),
                ),
            }
        }
        (_, [.., last]) => latest_sentence(lang, vital, last, &speech::when(lang, last.at, today)),
        (_, []) => {
            let window = on_days(recent, measures::latest_window(today), tz);
            let Some(last) = readings(vital, &window, tz).pop() else {
                return Answer::phrase(lang, none);
            };
            let said = latest_sentence(lang, vital, &last, &speech::when(lang, last.at, today));
            if query == DateQuery::Unspoken {
                said
            } else {
                format!("{} {said}", speech::phrase(lang, Phrase::NothingThenLatest))
            }
        }
    };
    let mut card = text.clone();
    for r in &found {
        let line = match vital {
            Vital::BloodPressure => format!("{:.0}/{:.0} mmHg", r.sys, r.dia),
            Vital::HeartRate => format!("{:.0} bpm", r.pulse.unwrap_or(0.0)),
        };
        card.push_str(&format!("\n{}: {line}", r.at.format("%Y-%m-%d %H:%M")));
    }
    Answer { speech: text, card }
}

impl<S: LinkStore> Skill<S> {
    pub(super) async fn vital(
        &self,
        env: &crate::alexa::RequestEnvelope,
        lang: Lang,
        vital: Vital,
        query: DateQuery,
        deadline: Deadline,
    ) -> Result<Answer, AccountError> {
        let f = self.measures(env, deadline, query, types(vital)).await?;
        let (asked, recent) = &f.data;
        Ok(answer(lang, vital, query, f.tz, f.now, asked, recent))
    }
}
