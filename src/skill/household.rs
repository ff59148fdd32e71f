//! Households (skill personalisation): a recognised speaker's own link comes
//! first; without one, the account's link, said to be the account's. Never
//! another member's: a person's token that finds no link is "not linked".

use crate::alexa::RequestEnvelope;

/// Whose Withings data a request's token reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Whose {
    /// The speaker's own: a personal link, or no speaker recognised.
    Own,
    /// A recognised speaker without a personal link hears the account's.
    Account,
}

/// The account-linking token to use and whose data it reaches.
pub(super) fn token(env: &RequestEnvelope) -> Option<(&str, Whose)> {
    if let Some(own) = env.person_access_token() {
        return Some((own, Whose::Own));
    }
    let account = env.access_token()?;
    let whose = match env.person_id() {
        Some(_) => Whose::Account,
        None => Whose::Own,
    };
    Some((account, whose))
}
