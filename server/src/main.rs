//! `yaohao-portal`: serve the portal, or run an operator task on its database.

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use yaohao_portal::config::{ClockConfig, PortalConfig, SmsConfig};
use yaohao_portal::db::Db;
use yaohao_portal::ops;
use yaohao_portal::portal::StartError;
use yaohao_portal::push::apns::ApnsConfig;
use yaohao_portal::push::fcm::{FcmConfig, ServiceAccount};
use yaohao_portal::push::webpush::WebPushConfig;

/// The Beijing car-quota system's applicant services.
#[derive(Debug, Parser)]
#[command(name = "yaohao-portal", version)]
struct Cli {
    /// The SQLite database file.
    #[arg(long, global = true, default_value = "portal.db")]
    db: PathBuf,
    /// Directory for documents and published results.
    #[arg(long, global = true, default_value = "portal-data")]
    data: PathBuf,
    /// Policy regime (see `yaohao policy`).
    #[arg(long, global = true, default_value = "bimonthly-2014")]
    policy: String,
    /// Log level of the portal's own events (error, warn, info, debug, trace or off); other
    /// crates log warnings and errors only. Logs go to stderr.
    #[arg(long, global = true, default_value = "info")]
    log: tracing_subscriber::filter::LevelFilter,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ClockKind {
    System,
    Simulated,
}

/// Options of `serve`.
#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// Serving threads, each with its own listening socket (default: one per core on Linux).
    #[arg(long, default_value_t = default_threads())]
    threads: NonZeroUsize,
    /// System clock, or a simulated clock the operator advances.
    #[arg(long, value_enum, default_value = "system")]
    clock: ClockKind,
    /// Start of a simulated clock (RFC 3339); default: now.
    #[arg(long)]
    clock_start: Option<DateTime<Utc>>,
    /// Operator token (else the `YAOHAO_OPERATOR_TOKEN` environment variable).
    #[arg(long)]
    operator_token: Option<String>,
    /// Send SMS by POSTing JSON to this URL instead of the database outbox.
    #[arg(long)]
    sms_webhook: Option<String>,
    /// FCM: the Google service-account JSON file (enables the `fcm` provider).
    #[arg(long)]
    fcm_service_account: Option<PathBuf>,
    /// FCM API base URL.
    #[arg(long, default_value = "https://fcm.googleapis.com")]
    fcm_endpoint: String,
    /// APNs: the `.p8` key file (enables the `apns` provider with the three options below).
    #[arg(long, requires_all = ["apns_key_id", "apns_team_id", "apns_topic"])]
    apns_key: Option<PathBuf>,
    /// APNs key id.
    #[arg(long)]
    apns_key_id: Option<String>,
    /// APNs team id.
    #[arg(long)]
    apns_team_id: Option<String>,
    /// The app's bundle id.
    #[arg(long)]
    apns_topic: Option<String>,
    /// APNs base URL.
    #[arg(long, default_value = "https://api.push.apple.com")]
    apns_endpoint: String,
    /// Web Push: the VAPID private key file, PKCS#8 PEM or a raw base64url P-256 key (enables
    /// delivery to `web_push` devices, with `--vapid-subject`).
    #[arg(long, requires = "vapid_subject")]
    vapid_key: Option<PathBuf>,
    /// Web Push: who runs the portal, a `mailto:` or `https:` URL push services may contact.
    #[arg(long, requires = "vapid_key")]
    vapid_subject: Option<String>,
    /// Set a resource or abuse limit, `NAME=VALUE` (repeatable), e.g. `sms_per_minute=100`; the
    /// names and defaults are in docs/portal.md, "Limits".
    #[arg(long = "limit", value_name = "NAME=VALUE")]
    limits: Vec<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the HTTP API.
    Serve(Box<ServeArgs>),
    /// Import registry reference data from a CSV file (resident_id,record,value,valid_until).
    ImportRegistry {
        /// The CSV file.
        csv: PathBuf,
    },
    /// Create a synthetic population of approved applicants with a realistic ladder history.
    SeedDemo {
        /// How many applicants.
        #[arg(long, default_value_t = 1000)]
        applicants: usize,
        /// Derive the ladder histories and codes from this number (the same seed, the same
        /// pool); random when absent.
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Schedule the next ordinary draw of the policy.
    CreatePeriod {
        /// Quotas to allocate.
        #[arg(long)]
        quota: u32,
        /// Schedule the first draw on or after this date (YYYY-MM-DD, Beijing); default: today.
        #[arg(long)]
        after: Option<NaiveDate>,
    },
    /// Freeze (if still open) and draw a period.
    Draw {
        /// Period number, e.g. 202602 (the April 2026 draw).
        #[arg(long)]
        period: String,
        /// Seed (1–9 digits); default: 6 digits of OS randomness, announced in the results.
        #[arg(long)]
        seed: Option<String>,
    },
    /// Publish a drawn period's results.
    Publish {
        /// Period number.
        #[arg(long)]
        period: String,
    },
    /// Print the SMS outbox.
    SmsOutbox {
        /// Only messages to this number.
        #[arg(long)]
        mobile: Option<String>,
    },
    /// Write a consistent copy of the database to a file.
    Backup {
        /// Destination file (must not exist).
        file: PathBuf,
    },
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("yaohao-portal: {message}");
    ExitCode::FAILURE
}

fn print_json(value: &impl Serialize) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// Reads a Google service-account JSON file.
fn read_service_account(path: &std::path::Path) -> Result<ServiceAccount, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn serve(config: PortalConfig, threads: NonZeroUsize) -> ExitCode {
    let served = yaohao_portal::serve::bind(config, threads).and_then(|server| {
        // Signals are handled from the moment the banner shows.
        let stop = server.enter(stop_signal).map_err(|source| StartError::Io {
            what: "handling signals".into(),
            source,
        })?;
        println!("yaohao-portal listening on http://{}", server.addr());
        server.run_until(stop)
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM (how service managers stop a process); the handlers
/// are installed at once.
#[cfg(unix)]
fn stop_signal() -> std::io::Result<impl Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

/// Completes on Ctrl-C.
#[cfg(not(unix))]
fn stop_signal() -> std::io::Result<impl Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

/// One serving thread per core on Linux, one elsewhere (see `yaohao_portal::serve`).
fn default_threads() -> NonZeroUsize {
    std::thread::available_parallelism()
        .ok()
        .filter(|_| cfg!(target_os = "linux"))
        .unwrap_or(NonZeroUsize::MIN)
}

/// Runs an operator task that needs the database (and the policy).
fn with_db<T: Serialize>(
    cli: &Cli,
    task: impl FnOnce(&Db, &'static yaohao_core::policy::Policy) -> Result<T, String>,
) -> ExitCode {
    let Some(policy) = yaohao_core::policy::by_name(&cli.policy) else {
        return fail(format!("unknown policy {:?}", cli.policy));
    };
    let db = match Db::open(&cli.db) {
        Ok(db) => db,
        Err(e) => return fail(e),
    };
    match task(&db, policy) {
        Ok(value) => print_json(&value),
        Err(e) => fail(e),
    }
}

/// Installs the log subscriber: structured events (`key=value` fields) on stderr, the portal's at
/// `level`, every other crate's at warnings and above.
fn install_logging(level: tracing_subscriber::filter::LevelFilter) {
    use tracing_subscriber::filter::{LevelFilter, Targets};
    use tracing_subscriber::prelude::*;
    let filter = Targets::new()
        .with_target("yaohao_portal", level)
        .with_default(LevelFilter::WARN.min(level));
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
                .with_target(false),
        )
        .with(filter)
        .init();
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    install_logging(cli.log);
    let now = Utc::now();
    let text = |e: yaohao_portal::error::ApiError| e.to_string();
    match &cli.command {
        Command::Serve(args) => {
            let ServeArgs {
                addr,
                threads,
                clock,
                clock_start,
                operator_token,
                sms_webhook,
                fcm_service_account,
                fcm_endpoint,
                apns_key,
                apns_key_id,
                apns_team_id,
                apns_topic,
                apns_endpoint,
                vapid_key,
                vapid_subject,
                limits,
            } = args.as_ref();
            let mut config = PortalConfig::new(cli.db.clone(), cli.data.clone());
            config.addr = addr.clone();
            config.policy = cli.policy.clone();
            config.clock = match clock {
                ClockKind::System => ClockConfig::System,
                ClockKind::Simulated => ClockConfig::Simulated(clock_start.unwrap_or(now)),
            };
            config.operator_token = operator_token
                .clone()
                .or_else(|| std::env::var("YAOHAO_OPERATOR_TOKEN").ok())
                .unwrap_or_default();
            config.sms = sms_webhook
                .clone()
                .map_or(SmsConfig::Outbox, SmsConfig::Webhook);
            for limit in limits {
                let set = match limit.split_once('=') {
                    Some((name, value)) => config.limits.set(name.trim(), value),
                    None => Err(format!("--limit {limit:?}: expected NAME=VALUE")),
                };
                if let Err(e) = set {
                    return fail(e);
                }
            }
            if let Some(path) = fcm_service_account {
                match read_service_account(path) {
                    Ok(account) => {
                        config.fcm = Some(FcmConfig {
                            account,
                            endpoint: fcm_endpoint.clone(),
                        })
                    }
                    Err(e) => return fail(e),
                }
            }
            if let (Some(path), Some(key_id), Some(team_id), Some(topic)) =
                (apns_key, apns_key_id, apns_team_id, apns_topic)
            {
                match std::fs::read_to_string(path) {
                    Ok(key_pem) => {
                        config.apns = Some(ApnsConfig {
                            key_pem,
                            key_id: key_id.clone(),
                            team_id: team_id.clone(),
                            topic: topic.clone(),
                            endpoint: apns_endpoint.clone(),
                        })
                    }
                    Err(e) => return fail(format!("{}: {e}", path.display())),
                }
            }
            if let (Some(path), Some(subject)) = (vapid_key, vapid_subject) {
                match std::fs::read_to_string(path) {
                    Ok(key) => {
                        config.web_push = Some(WebPushConfig {
                            key,
                            subject: subject.clone(),
                        })
                    }
                    Err(e) => return fail(format!("{}: {e}", path.display())),
                }
            }
            serve(config, *threads)
        }
        Command::ImportRegistry { csv } => with_db(&cli, |db, _| {
            let bytes = std::fs::read(csv).map_err(|e| format!("{}: {e}", csv.display()))?;
            let (people, records) = ops::import_registry(db, &bytes, now).map_err(text)?;
            Ok(serde_json::json!({ "people": people, "records": records }))
        }),
        Command::SeedDemo { applicants, seed } => with_db(&cli, |db, policy| {
            ops::seed_demo_for(
                db,
                policy,
                *applicants,
                now,
                &mut ops::Synthetic::new(*seed),
            )
            .map_err(text)
        }),
        Command::CreatePeriod { quota, after } => with_db(&cli, |db, policy| {
            let after = after.unwrap_or_else(|| yaohao_core::time::beijing_date(now));
            ops::create_period(db, policy, *quota, after).map_err(text)
        }),
        Command::Draw { period, seed } => with_db(&cli, |db, policy| {
            ops::draw(db, policy, period, seed.as_deref(), now).map_err(text)
        }),
        Command::Publish { period } => with_db(&cli, |db, policy| {
            ops::publish(db, policy, &cli.data, period, now).map_err(text)
        }),
        Command::SmsOutbox { mobile } => with_db(&cli, |db, _| {
            yaohao_portal::sms::read_outbox(db, mobile.as_deref()).map_err(text)
        }),
        Command::Backup { file } => with_db(&cli, |db, _| {
            db.backup(file).map_err(text)?;
            Ok(serde_json::json!({ "backup": file }))
        }),
    }
}
