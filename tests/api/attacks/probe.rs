//! Measuring and printing one attack.

use std::io::Write;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::helpers::{Backend, TestApp};

/// The resident memory of the test process (the server runs in it), in KiB.
pub fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmRSS:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}

/// One attack being measured.
pub struct Probe {
    name: String,
    backend: Backend,
    started: Instant,
    rss_before: u64,
}

impl Probe {
    pub fn start(backend: Backend, name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            backend,
            rss_before: rss_kib(),
            started: Instant::now(),
        }
    }

    /// Prints `ATTACK [db] name: answer in … ms, RSS +… MB` on standard
    /// error, which the test harness does not capture. Tests run in
    /// parallel in one process, so the memory figure is an upper bound.
    pub fn report(self, answer: &str) -> Duration {
        let elapsed = self.started.elapsed();
        let grown = rss_kib().saturating_sub(self.rss_before);
        let line = format!(
            "ATTACK [{}] {}: {} in {:.1} ms, RSS +{} MB\n",
            match self.backend {
                Backend::Sqlite => "sqlite",
                Backend::Postgres => "postgres",
            },
            self.name,
            answer,
            elapsed.as_secs_f64() * 1000.0,
            grown / 1024
        );
        let _ = std::io::stderr().write_all(line.as_bytes());
        elapsed
    }
}

/// `refused CODE/REASON` or `answered` for a GraphQL answer.
pub fn outcome(answer: &Value) -> String {
    match answer["errors"].get(0) {
        Some(error) => {
            let code = error["extensions"]["code"].as_str().unwrap_or("?");
            match error["extensions"]["reason"].as_str() {
                Some(reason) => format!("refused {code}/{reason}"),
                None => format!("refused {code}"),
            }
        }
        None => "answered".to_owned(),
    }
}

/// `refused CODE/REASON` or `answered` for a typed answer.
pub fn typed_outcome<T>(answer: &Result<T, crate::typed::Refused>) -> String {
    match answer {
        Ok(_) => "answered".to_owned(),
        Err(refused) => match refused.extension("reason").and_then(Value::as_str) {
            Some(reason) => format!("refused {}/{reason}", refused.code()),
            None => format!("refused {}", refused.code()),
        },
    }
}

/// Posts a JSON body to `/graphql`; returns the status and the JSON answer
/// (`Null` when the body is not JSON).
pub async fn post(app: &TestApp, token: Option<&str>, body: &Value) -> (u16, Value) {
    let mut request = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("request sent");
    let status = response.status().as_u16();
    let answer = response.json().await.unwrap_or(Value::Null);
    (status, answer)
}

/// Posts `body` with `token` on a task of its own: its answer and how long
/// it took, for a request that waits while the test goes on.
pub fn post_in_background(
    app: &TestApp,
    token: &str,
    body: Value,
) -> tokio::task::JoinHandle<(Value, std::time::Duration)> {
    let request = app
        .client
        .post(format!("{}/graphql", app.address))
        .bearer_auth(token)
        .json(&body);
    tokio::spawn(async move {
        let started = std::time::Instant::now();
        let response = request.send().await.expect("request sent");
        let answer = response.json().await.expect("a JSON answer");
        (answer, started.elapsed())
    })
}

/// The first error's `extensions.reason`.
pub fn reason(answer: &Value) -> &str {
    answer["errors"][0]["extensions"]["reason"]
        .as_str()
        .unwrap_or_else(|| panic!("no error reason in {answer}"))
}

/// `{ me { ...G0 } }`, each of `k` fragments spreading the next twice.
pub fn fragment_chain(k: usize) -> String {
    let mut text = String::from("{ me { ...G0 } }\n");
    for i in 0..k {
        text.push_str(&format!(
            "fragment G{i} on User {{ ...G{next} ...G{next} }}\n",
            next = i + 1
        ));
    }
    text.push_str(&format!("fragment G{k} on User {{ id }}\n"));
    text
}
