//! "How has my weight changed (this month | since Monday)?" No date: since
//! about a week ago. The weigh-in nearest the start against the latest one.

use super::measures::{local_time, zone_from_groups, zone_of};
use super::query::DateQuery;
use super::speech::{self, Lang, Phrase};
use super::units::Units;
use super::{Answer, Skill};
use crate::alexa::date::PeriodKind;
use crate::skill::account::AccountError;
use crate::store::LinkStore;
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use withings::{
    DayRange, Deadline, MeasureCategory, MeasureGroup, MeasureQuery, MeasureType, local_today,
};

/// "About a week ago" when no date is said.
const DEFAULT_DAYS_BACK: u64 = 7;
/// How far from the start a weigh-in may be and still stand for it.
const BASELINE_SLACK_DAYS: u64 = 3;
/// How far back the latest weigh-in is looked for.
const LATEST_DAYS: u64 = 30;

/// The day the change is measured from, and how a period names it.
fn start(query: DateQuery, today: NaiveDate, tz: Tz) -> Option<(NaiveDate, Option<PeriodKind>)> {
    match query {
        DateQuery::Unspoken => Some((today.checked_sub_days(Days::new(DEFAULT_DAYS_BACK))?, None)),
        DateQuery::Spoken(_) => {
            let p = query.period(today, tz)?;
            Some((p.first, (p.kind != PeriodKind::Day).then_some(p.kind)))
        }
    }
}

/// The two windows to fetch: around the start, and the recent days.
pub fn windows(query: DateQuery, today: NaiveDate, tz: Tz) -> Option<(DayRange, DayRange)> {
    let (first, _) = start(query, today, tz)?;
    let slack = Days::new(BASELINE_SLACK_DAYS);
    let base = DayRange::new(
        first.checked_sub_days(slack)?,
        first.checked_add_days(slack)?.min(today),
    );
    let recent_first = today.checked_sub_days(Days::new(LATEST_DAYS))?.max(first);
    Some((base, DayRange::new(recent_first, today)))
}

fn weigh_ins(groups: &[MeasureGroup], tz: Tz) -> Vec<(NaiveDateTime, f64)> {
    let mut out: Vec<(NaiveDateTime, f64)> = groups
        .iter()
        .filter(|g| g.category == MeasureCategory::Real && !g.attrib.is_ambiguous())
        .filter_map(|g| {
            let kg = g.get(MeasureType::Weight)?.decimal().to_f64();
            Some((local_time(g.date, zone_of(g, tz))?, kg)).filter(|_| kg.is_finite() && kg > 0.0)
        })
        .collect();
    out.sort_by_key(|(t, _)| *t);
    out
}

#[allow(clippy::too_many_arguments)]
pub fn answer(
    lang: Lang,
    units: Units,
    query: DateQuery,
    tz: Tz,
    now: DateTime<Utc>,
    base_groups: &[MeasureGroup],
    recent_groups: &[MeasureGroup],
) -> Answer {
    let today = local_today(tz, now);
    let Some((first, kind)) = start(query, today, tz) else {
        return Answer::phrase(lang, Phrase::DateInFuture);
    };
    let base = weigh_ins(base_groups, tz)
        .into_iter()
        .min_by_key(|(t, _)| ((t.date() - first).num_days().abs(), *t));
    let latest = weigh_ins(recent_groups, tz).pop();
    let (Some((from_at, from)), Some((to_at, to))) = (base, latest) else {
        return Answer::phrase(lang, Phrase::NotEnoughWeighIns);
    };
    if to_at <= from_at {
        return Answer::phrase(lang, Phrase::NotEnoughWeighIns);
    }
    let since = match kind {
        Some(k) => speech::period(lang, k, first, today, today),
        None => since_day(lang, from_at.date(), today),
    };
    let text = speech::weight_change(lang, units.weight, &since, from, to);
    let card = format!(
        "{text}\n{}: {}\n{}: {}",
        from_at.format("%Y-%m-%d"),
        speech::card_weight(units.weight, from),
        to_at.format("%Y-%m-%d"),
        speech::card_weight(units.weight, to)
    );
    Answer { speech: text, card }
}

/// "Since Wednesday" / "Seit Mittwoch" / "Depuis mercredi", or with the date.
fn since_day(lang: Lang, day: NaiveDate, today: NaiveDate) -> String {
    let recent = (today - day).num_days() <= 6;
    let wd = speech::weekday(lang, day.weekday());
    let d = speech::date(lang, day);
    match (lang, recent) {
        (Lang::De, true) => format!("Seit {wd}"),
        (Lang::De, false) => format!("Seit {d}"),
        (Lang::Fr, true) => format!("Depuis {wd}"),
        (Lang::Fr, false) => format!("Depuis le {d}"),
        (_, true) => format!("Since {wd}"),
        (_, false) => format!("Since {d}"),
    }
}

impl<S: LinkStore> Skill<S> {
    pub(super) async fn weight_change(
        &self,
        env: &crate::alexa::RequestEnvelope,
        lang: Lang,
        units: Units,
        query: DateQuery,
        deadline: Deadline,
    ) -> Result<Answer, AccountError> {
        let now = self.clock.now();
        let f = self
            .fetch(
                env,
                deadline,
                |token, tz| async move {
                    let Some((base, recent)) = windows(query, local_today(tz, now), tz) else {
                        return Ok((Vec::new(), Vec::new()));
                    };
                    let get = |days: DayRange| {
                        let q = MeasureQuery::days(&[MeasureType::Weight], days.widened(), tz);
                        let token = token.clone();
                        async move {
                            self.withings
                                .get_measures(&token, q, deadline, super::MEASURE_PAGES)
                                .await
                                .map(|p| withings::dedupe(p.items))
                        }
                    };
                    let (b, r) = tokio::join!(get(base), get(recent));
                    Ok((b?, r?))
                },
                |(_, recent)| zone_from_groups(recent),
            )
            .await?;
        let (base, recent) = &f.data;
        Ok(answer(lang, units, query, f.tz, f.now, base, recent))
    }
}
