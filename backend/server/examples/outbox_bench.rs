//! Benchmark of issue 6: deliver queued messages from the outbox to a local
//! SMTP server (MailDev), with lettre's connection pool or one connection
//! per message, and the outbox job's CPU time per message.
//!
//! `cargo run --release -p relais-server --example outbox_bench -- <smtp port> <messages> <pool|direct> [concurrency]`
//! (run by `scripts/bench-mail.sh`, which starts MailDev, counts what it
//! received and prints both modes side by side). The messages are enqueued
//! into a fresh SQLite database first (not measured); then the outbox job
//! runs until the queue is empty. Printed on one line, as JSON: messages
//! sent, wall time, and the process' user + system CPU time over the job's
//! runs (`/proc/self/stat`, so SQLite's work is in it; MailDev's is not).

use std::error::Error;
use std::sync::Arc;
use std::time::Instant;

use relais_migration::{Migrator, MigratorTrait};
use relais_server::mail::{
    MailSettings, MailTemplate, MailTransport, Mailer, Notification, OutboxJob, SmtpMailer, SmtpTls,
};
use relais_store::{OutboxStatus, Store, new_message_id};
use sea_orm::TransactionTrait;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Process CPU time (user + system) so far, in seconds (Linux).
fn cpu_seconds(ticks_per_second: f64) -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which may hold spaces) start at 3.
    let after_name = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |index: usize| {
        fields
            .get(index)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 (1-based), 11 and 12 here.
    (ticks(11) + ticks(12)) / ticks_per_second
}

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(port), Some(messages), Some(mode)) = (args.first(), args.get(1), args.get(2)) else {
        return Err(
            "usage : outbox_bench <port smtp> <messages> <pool|direct> [parallélisme]".into(),
        );
    };
    let port: u16 = port.parse()?;
    let messages: usize = messages.parse()?;
    let pooled = match mode.as_str() {
        "pool" => true,
        "direct" => false,
        other => return Err(format!("mode inconnu : {other}").into()),
    };
    let concurrency: usize = args.get(3).map(|c| c.parse()).transpose()?.unwrap_or(4);
    let ticks_per_second: f64 = std::env::var("CLK_TCK")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100.0);

    let dir = tempfile::tempdir_in(std::env::var("RELAIS_BENCH_DIR").unwrap_or("/var/tmp".into()))?;
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("bench.db").display()
    );
    let store = Store::connect(&url, 8).await?;
    Migrator::up(store.connection(), None).await?;

    let mut settings = MailSettings {
        transport: MailTransport::Smtp,
        from: "Relais <relais@bench.test>".into(),
        concurrency,
        ..MailSettings::default()
    };
    settings.smtp.host = "127.0.0.1".into();
    settings.smtp.port = Some(port);
    settings.smtp.tls = SmtpTls::None;
    settings.smtp.pool_max_size = if pooled { concurrency as u32 } else { 0 };

    // Seed (not measured): one transaction, one rendered template.
    let rendered = Notification::new("ENT_Pronote : mesure de la file d'envoi")
        .paragraph("Un message de mesure, comme une notification ou un ticket d'assistance.")
        .paragraph("Échec de l'authentification par le serveur CAS : aucun attribut idPronote.")
        .action("Ouvrir Relais", "https://relais.bench.test/")
        .render()?;
    let transaction = store.connection().begin().await?;
    for i in 0..messages {
        let message = rendered.clone().into_outbox(
            "BENCH",
            None,
            vec![format!("assistance{}@bench.test", i % 10)],
            new_message_id(&settings.message_id_domain()),
        );
        relais_store::outbox::enqueue(&transaction, message).await?;
    }
    transaction.commit().await?;

    let mailer: Arc<dyn Mailer> = Arc::new(SmtpMailer::new(&settings.smtp, settings.sender()?)?);
    let job = OutboxJob::new(store.clone(), mailer, &settings);

    let cpu_before = cpu_seconds(ticks_per_second);
    let started = Instant::now();
    let mut sent = 0;
    let mut failed = 0;
    loop {
        let run = job.run_once().await?;
        sent += run.sent;
        failed += run.failed + run.retried;
        if run.sent == 0 || store.outbox().count(OutboxStatus::Pending).await? == 0 {
            break;
        }
    }
    let wall = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds(ticks_per_second) - cpu_before;
    println!(
        "{{\"mode\":\"{mode}\",\"concurrency\":{concurrency},\"messages\":{messages},\"sent\":{sent},\"failed\":{failed},\"wall_seconds\":{wall:.3},\"cpu_seconds\":{cpu:.3}}}"
    );
    Ok(())
}
