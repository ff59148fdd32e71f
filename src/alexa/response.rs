//! Response envelope and the one builder every handler uses.

use serde::Serialize;

/// Alexa's limits: speech and card text up to 8000 characters each.
pub const MAX_SPEECH_CHARS: usize = 8000;

#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ResponseEnvelope {
    pub version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_attributes: Option<serde_json::Map<String, serde_json::Value>>,
    pub response: Response,
}

#[derive(Clone, Debug, Default, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_speech: Option<OutputSpeech>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card: Option<Card>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reprompt: Option<Reprompt>,
    /// `None` is left out: on screen devices that keeps the session without a mic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub should_end_session: Option<bool>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(tag = "type")]
pub enum OutputSpeech {
    #[serde(rename = "SSML")]
    Ssml { ssml: String },
}

#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Reprompt {
    pub output_speech: OutputSpeech,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(tag = "type")]
pub enum Card {
    Simple { title: String, content: String },
    LinkAccount,
}

/// Escape text for SSML and wrap it in `<speak>`.
pub fn ssml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str("<speak>");
    for c in text.chars().take(MAX_SPEECH_CHARS - 16) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out.push_str("</speak>");
    out
}

/// Builds a response; `speak` then optionally `reprompt`, `card`, and the session end.
#[derive(Clone, Debug, Default)]
pub struct ResponseBuilder {
    response: Response,
    attributes: Option<serde_json::Map<String, serde_json::Value>>,
}

impl ResponseBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn speak(mut self, text: &str) -> Self {
        self.response.output_speech = Some(OutputSpeech::Ssml { ssml: ssml(text) });
        self
    }

    /// Reprompt and keep the session open with the mic on.
    pub fn ask(mut self, reprompt: &str) -> Self {
        self.response.reprompt = Some(Reprompt {
            output_speech: OutputSpeech::Ssml {
                ssml: ssml(reprompt),
            },
        });
        self.response.should_end_session = Some(false);
        self
    }

    pub fn simple_card(mut self, title: &str, content: &str) -> Self {
        let content: String = content
            .chars()
            .take(MAX_SPEECH_CHARS - title.len())
            .collect();
        self.response.card = Some(Card::Simple {
            title: title.to_string(),
            content,
        });
        self
    }

    pub fn link_account_card(mut self) -> Self {
        self.response.card = Some(Card::LinkAccount);
        self
    }

    pub fn end_session(mut self) -> Self {
        self.response.should_end_session = Some(true);
        self.response.reprompt = None;
        self
    }

    pub fn attributes(mut self, attrs: serde_json::Map<String, serde_json::Value>) -> Self {
        self.attributes = Some(attrs);
        self
    }

    pub fn build(self) -> ResponseEnvelope {
        ResponseEnvelope {
            version: "1.0",
            session_attributes: self.attributes,
            response: self.response,
        }
    }

    /// The empty response for requests Alexa allows no speech for (SessionEnded,
    /// System.ExceptionEncountered).
    pub fn empty() -> ResponseEnvelope {
        ResponseBuilder::new().build()
    }
}

impl ResponseEnvelope {
    /// The spoken text without SSML tags (for logs, tests and the CLI).
    pub fn speech_text(&self) -> Option<String> {
        let OutputSpeech::Ssml { ssml } = self.response.output_speech.as_ref()?;
        Some(unssml(ssml))
    }
}

fn unssml(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_like_alexa_expects() {
        let r = ResponseBuilder::new()
            .speak("Tom & Jerry <3")
            .ask("Anything else?")
            .build();
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(
            v["response"]["outputSpeech"]["ssml"],
            "<speak>Tom &amp; Jerry &lt;3</speak>"
        );
        assert_eq!(v["response"]["outputSpeech"]["type"], "SSML");
        assert_eq!(v["response"]["shouldEndSession"], false);
        assert_eq!(r.speech_text().unwrap(), "Tom & Jerry <3");
        let v = serde_json::to_value(ResponseBuilder::new().link_account_card().build()).unwrap();
        assert_eq!(v["response"]["card"]["type"], "LinkAccount");
        assert!(v["response"].get("shouldEndSession").is_none());
    }
}
