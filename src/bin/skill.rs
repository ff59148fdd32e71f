//! The Lambda function: build every client once, then serve Alexa requests.

use lambda_runtime::{Error, LambdaEvent, service_fn};
use withings_alexa::alexa::ResponseEnvelope;
use withings_alexa::config;
use withings_alexa::skill::Skill;
use withings_alexa::store::dynamodb::DynamoStore;

// One thread: a Lambda handles one event at a time, and a 128 MB function gets a
// fraction of one core, so worker threads only add scheduling (most of the CPU
// per answer with the multi-threaded runtime). Concurrent calls within an
// answer (link lookup beside the device's zone) still overlap on this thread.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    withings_alexa::logging::init();
    let s = config::lambda_from_env().await?;
    let clock = config::skill_clock();
    let skill = Skill {
        config: s.config,
        store: DynamoStore::new(s.dynamodb, s.table).with_clock(clock),
        withings: s.withings,
        http: s.http,
        clock,
        settings: Default::default(),
    };
    let skill = &skill;
    lambda_runtime::run(service_fn(
        move |event: LambdaEvent<serde_json::Value>| async move {
            let response: ResponseEnvelope = skill.handle(event.payload).await?;
            Ok::<_, Error>(response)
        },
    ))
    .await
}
