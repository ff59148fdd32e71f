//! An AWS SDK error as one readable line, for logs and the runner's `error:`
//! line: which service, and what went wrong in words (`DynamoDB did not answer
//! (connection refused)`, `DynamoDB answered ResourceNotFoundException: …`),
//! instead of the SDK's debug dump of the whole request and response.

use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use std::error::Error;
use std::io;

/// `e`, from a call to `service`, on one line that starts with `service`.
pub fn one_line<E, R>(service: &str, e: &SdkError<E, R>) -> String
where
    E: ProvideErrorMetadata + Error + 'static,
    R: std::fmt::Debug,
{
    match e {
        SdkError::ServiceError(se) => {
            let err = se.err();
            match (err.code(), err.message()) {
                (Some(code), Some(message)) => format!("{service} answered {code}: {message}"),
                (Some(code), None) => format!("{service} answered {code}"),
                _ => format!("{service} answered an error: {}", innermost(err)),
            }
        }
        SdkError::TimeoutError(_) => format!("{service} did not answer in time"),
        SdkError::DispatchFailure(d) if d.is_timeout() => {
            format!("{service} did not answer in time")
        }
        SdkError::DispatchFailure(d) if d.is_io() => {
            match d.as_connector_error().and_then(|c| io_kind(c)) {
                Some(kind) => format!("{service} did not answer ({kind})"),
                None => format!("{service} did not answer: {}", cause(e)),
            }
        }
        SdkError::ResponseError(_) => {
            format!("{service} answered something unreadable: {}", cause(e))
        }
        _ => format!("{service} could not be called: {}", cause(e)),
    }
}

/// What an SDK error comes down to: its deepest cause.
fn cause<E, R>(e: &SdkError<E, R>) -> String
where
    E: Error + 'static,
    R: std::fmt::Debug,
{
    e.source().map_or_else(|| e.to_string(), innermost)
}

/// The deepest cause's message: the one that says what actually happened.
fn innermost(e: &(dyn Error + 'static)) -> String {
    let mut last = e;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The kind of a network failure in `e`'s causes, in words ("connection
/// refused"), when it is one a person can act on.
fn io_kind(e: &(dyn Error + 'static)) -> Option<String> {
    let mut cause = Some(e);
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<io::Error>() {
            use io::ErrorKind::*;
            return matches!(
                io.kind(),
                ConnectionRefused
                    | ConnectionReset
                    | ConnectionAborted
                    | NotConnected
                    | TimedOut
                    | AddrNotAvailable
                    | HostUnreachable
                    | NetworkUnreachable
            )
            .then(|| io.kind().to_string());
        }
        cause = c.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::one_line;
    use aws_sdk_dynamodb::error::{ConnectorError, ErrorMetadata, SdkError};
    use aws_sdk_dynamodb::operation::get_item::GetItemError;

    type E = SdkError<GetItemError, ()>;

    #[test]
    fn a_refused_connection_reads_as_such() {
        let io = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        let e: E = SdkError::dispatch_failure(ConnectorError::io(Box::new(io)));
        assert_eq!(
            one_line("DynamoDB", &e),
            "DynamoDB did not answer (connection refused)"
        );
    }

    #[test]
    fn a_service_error_is_its_code_and_message() {
        let meta = ErrorMetadata::builder()
            .code("ResourceNotFoundException")
            .message("Requested resource not found")
            .build();
        let e: E = SdkError::service_error(GetItemError::generic(meta), ());
        assert_eq!(
            one_line("DynamoDB", &e),
            "DynamoDB answered ResourceNotFoundException: Requested resource not found"
        );
    }

    #[test]
    fn a_timeout_is_said_plainly() {
        let e: E = SdkError::timeout_error("operation timeout (all attempts including retries)");
        assert_eq!(one_line("SSM", &e), "SSM did not answer in time");
    }
}
