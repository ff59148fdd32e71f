//! The DynamoDB table the commands use when `TABLE_NAME` names one: where it
//! is (a local endpoint, or real AWS, which is said out loud), and a failure
//! as one line that says which command, which table and which DynamoDB.

use crate::failure::Failure;
use withings::Clock;
use withings_alexa::config::{self, SAMPLE_ALEXA_TOKEN, var};
use withings_alexa::secret::AlexaToken;
use withings_alexa::store::dynamodb::DynamoStore;
use withings_alexa::store::{LinkStore, StoreError};

pub struct Table {
    pub store: DynamoStore,
    pub aws: aws_config::SdkConfig,
    /// "DynamoDB at http://127.0.0.1:5000", or "DynamoDB in eu-west-1 (real AWS)".
    place: String,
}

/// `TABLE_NAME`'s table read on `clock`, or `None` when `TABLE_NAME` is not
/// set. Without a local endpoint, warns that this run talks to real AWS.
pub async fn from_env(clock: Clock) -> Option<Table> {
    let name = var("TABLE_NAME")?;
    let aws = config::aws_config().await;
    let place = match local_endpoint() {
        Some(url) => format!("DynamoDB at {url}"),
        None => {
            let region = aws
                .region()
                .map_or("with no region set".into(), |r| format!("in {r}"));
            eprintln!(
                "warning: TABLE_NAME={name} and neither AWS_ENDPOINT_URL_DYNAMODB nor \
                 AWS_ENDPOINT_URL is set: this talks to the real DynamoDB {region}, \
                 with your AWS credentials (for a local one: scripts/dev.sh up, then \
                 eval \"$(scripts/dev.sh env)\")"
            );
            format!("DynamoDB {region} (real AWS)")
        }
    };
    let store = DynamoStore::new(aws_sdk_dynamodb::Client::new(&aws), name).with_clock(clock);
    Some(Table { store, aws, place })
}

/// `TABLE_NAME`'s table, which `command` cannot do without.
pub async fn required(command: &str, clock: Clock) -> Result<Table, Failure> {
    from_env(clock).await.ok_or_else(|| {
        Failure::Usage(format!(
            "{command} needs TABLE_NAME (and AWS_ENDPOINT_URL_DYNAMODB for a local DynamoDB)"
        ))
    })
}

/// The endpoint the SDK sends DynamoDB calls to instead of AWS, as it reads
/// the environment.
fn local_endpoint() -> Option<String> {
    if var("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return None;
    }
    var("AWS_ENDPOINT_URL_DYNAMODB").or_else(|| var("AWS_ENDPOINT_URL"))
}

impl Table {
    pub fn name(&self) -> &str {
        self.store.table()
    }

    /// Where the table is, for messages.
    pub fn place(&self) -> &str {
        &self.place
    }

    /// `e` as one line: `create-table links: DynamoDB at http://… did not answer (…)`.
    pub fn failure(&self, command: &str, e: StoreError) -> Failure {
        let what = match e {
            // The adapter's messages start with "DynamoDB": say which one.
            StoreError::Unavailable(m) => match m.strip_prefix("DynamoDB") {
                Some(rest) => format!("{}{rest}", self.place),
                None => format!("{}: {m}", self.place),
            },
            e @ StoreError::Corrupt(_) => e.to_string(),
        };
        let hint = if what.contains("ResourceNotFoundException") {
            " (withings-alexa create-table creates it)"
        } else {
            ""
        };
        Failure::Failed(format!("{command} {}: {what}{hint}", self.name()))
    }

    /// Read the table once, so that a DynamoDB that is down or a table that is
    /// missing fails `command` at once, in one line, rather than deep inside it.
    pub async fn check(&self, command: &str) -> Result<(), Failure> {
        let probe = AlexaToken::new(SAMPLE_ALEXA_TOKEN).hashed();
        match self.store.get(&probe).await {
            Ok(_) => Ok(()),
            Err(e) => Err(self.failure(command, e)),
        }
    }
}
