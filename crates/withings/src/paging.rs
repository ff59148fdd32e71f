//! `more`/`offset` paging, followed once for every list endpoint, and the
//! form of the v2 calls over local days.

use crate::client::WithingsClient;
use crate::dates::DayRange;
use crate::deadline::Deadline;
use crate::error::WithingsError;
use crate::lenient;
use crate::secret::AccessToken;
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// The paging fields every list endpoint returns beside its items.
#[derive(Debug, Default, Deserialize)]
pub struct PageInfo {
    /// Whether another page follows (`more`: 0/1 on getmeas, a boolean on v2).
    #[serde(default, deserialize_with = "lenient::more_flag")]
    pub more: bool,
    /// The `offset` to ask for the next page with.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub offset: Option<i64>,
}

/// Items gathered across pages; `complete` is false when the page limit cut it short.
#[derive(Debug)]
pub struct Paged<I> {
    /// The items of every page read, in order.
    pub items: Vec<I>,
    /// False when `max_pages` pages were read and Withings still had more.
    pub complete: bool,
}

impl WithingsClient {
    /// Follow `more`/`offset` until done or `max_pages` pages were read. `split`
    /// takes a page body apart into its items and its paging info.
    pub(crate) async fn paged<P: DeserializeOwned, I>(
        &self,
        path: &str,
        token: &AccessToken,
        form: &[(&str, String)],
        deadline: Deadline,
        max_pages: usize,
        split: impl Fn(P) -> (Vec<I>, PageInfo),
    ) -> Result<Paged<I>, WithingsError> {
        let mut items = Vec::new();
        let mut offset: Option<i64> = None;
        for _ in 0..max_pages.max(1) {
            let mut page_form = form.to_vec();
            if let Some(o) = offset {
                page_form.push(("offset", o.to_string()));
            }
            let (mut page, info) = split(self.data(path, token, &page_form, deadline).await?);
            items.append(&mut page);
            match (info.more, info.offset) {
                (true, Some(next)) if Some(next) != offset => offset = Some(next),
                _ => {
                    return Ok(Paged {
                        items,
                        complete: true,
                    });
                }
            }
        }
        Ok(Paged {
            items,
            complete: false,
        })
    }
}

/// The form of a v2 call over local days: the action, `startdateymd`/`enddateymd`,
/// and the data fields asked for explicitly (Withings omits many unless asked).
pub(crate) fn days_form(
    action: &str,
    days: DayRange,
    fields: &[&str],
) -> Vec<(&'static str, String)> {
    let (start, end) = days.ymd();
    vec![
        ("action", action.to_string()),
        ("startdateymd", start),
        ("enddateymd", end),
        ("data_fields", fields.join(",")),
    ]
}
