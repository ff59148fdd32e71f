//! Turning an answer or a failure into Alexa's response: session behaviour,
//! cards, and something polite to say for every kind of failure.

use super::account::AccountError;
use super::conversation::remember;
use super::household::{self, Whose};
use super::router::Question;
use super::speech::{self, Lang, Phrase};
use super::{Answer, Skill};
use crate::alexa::response::ResponseBuilder;
use crate::alexa::{RequestEnvelope, ResponseEnvelope};

impl<S> Skill<S> {
    /// A data answer: close a one-shot session, keep a launched one going.
    /// In an open session the question is remembered for follow-ups.
    fn finish(
        &self,
        env: &RequestEnvelope,
        lang: Lang,
        title: &str,
        answer: &Answer,
        question: Option<&Question>,
    ) -> ResponseEnvelope {
        let b = ResponseBuilder::new().simple_card(title, &answer.card);
        if env.is_new_session() {
            b.speak(&answer.speech).end_session().build()
        } else {
            let anything = speech::phrase(lang, Phrase::AnythingElse);
            let b = b
                .speak(&format!("{} {anything}", answer.speech))
                .ask(anything);
            match question {
                Some(q) => b.attributes(remember(q)).build(),
                None => b.build(),
            }
        }
    }

    fn failure(&self, lang: Lang, e: &AccountError) -> ResponseEnvelope {
        let say = |p| speech::phrase(lang, p);
        match e {
            AccountError::NotLinked | AccountError::Relink => ResponseBuilder::new()
                .speak(say(Phrase::LinkAccount))
                .link_account_card()
                .end_session()
                .build(),
            AccountError::RateLimited => ResponseBuilder::new()
                .speak(say(Phrase::WithingsBusy))
                .end_session()
                .build(),
            AccountError::Store(_) => ResponseBuilder::new()
                .speak(say(Phrase::StoreUnavailable))
                .end_session()
                .build(),
            AccountError::Withings(_) | AccountError::Timeout => ResponseBuilder::new()
                .speak(say(Phrase::WithingsUnavailable))
                .end_session()
                .build(),
        }
    }

    /// An intent's answer as a response, or the polite failure.
    pub(super) fn reply(
        &self,
        env: &RequestEnvelope,
        lang: Lang,
        title: Phrase,
        answer: Result<Answer, AccountError>,
        question: Option<&Question>,
    ) -> ResponseEnvelope {
        match answer {
            Ok(mut a) => {
                // A recognised speaker without a link of their own hears the account's data, said so.
                if let Some((_, Whose::Account)) = household::token(env) {
                    let whose = speech::phrase(lang, Phrase::AccountProfile);
                    a.speech = format!("{whose} {}", a.speech);
                    a.card = format!("{whose} {}", a.card);
                }
                self.finish(env, lang, speech::phrase(lang, title), &a, question)
            }
            Err(e) => self.failure(lang, &e),
        }
    }

    pub(super) fn ask_date(&self, lang: Lang) -> ResponseEnvelope {
        let ask = speech::phrase(lang, Phrase::DateNotUnderstood);
        ResponseBuilder::new().speak(ask).ask(ask).build()
    }
}
