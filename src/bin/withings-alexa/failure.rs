//! How a run fails: an exit code, and one line for stderr.

use std::error::Error;

#[derive(Debug)]
pub enum Failure {
    /// Bad input that the command line parser could not check (an unreadable
    /// EVENT, a missing TABLE_NAME): exit 2, as clap's own usage errors.
    Usage(String),
    /// The skill refused the request (another skill's id): exit 3.
    Refused(String),
    /// Anything else: exit 1.
    Failed(String),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Failed(_) => 1,
            Failure::Usage(_) => 2,
            Failure::Refused(_) => 3,
        }
    }

    /// The message, on one line.
    pub fn line(&self) -> String {
        let (Failure::Usage(m) | Failure::Refused(m) | Failure::Failed(m)) = self;
        m.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl<E: Error> From<E> for Failure {
    /// The error and each of its causes not already in its message.
    fn from(e: E) -> Self {
        let mut message = e.to_string();
        let mut cause = e.source();
        while let Some(c) = cause {
            let text = c.to_string();
            if !message.contains(&text) {
                message = format!("{message}: {text}");
            }
            cause = c.source();
        }
        Failure::Failed(message)
    }
}
