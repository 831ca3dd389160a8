//! `yaohao-portal`: serve the portal, or run an operator task on its database.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use yaohao_portal::config::{ClockConfig, PortalConfig, SmsConfig};

/// The Beijing car-quota system's applicant services.
#[derive(Debug, Parser)]
#[command(name = "yaohao-portal", version)]
struct Cli {
    /// The SQLite database file.
    #[arg(long, global = true, default_value = "portal.db")]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ClockKind {
    System,
    Simulated,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the HTTP API.
    Serve {
        /// Directory for documents and published results.
        #[arg(long, default_value = "portal-data")]
        data: PathBuf,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Policy regime.
        #[arg(long, default_value = "bimonthly-2014")]
        policy: String,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve {
            data,
            addr,
            policy,
            clock,
            clock_start,
            operator_token,
            sms_webhook,
        } => {
            let mut config = PortalConfig::new(cli.db, data);
            config.addr = addr;
            config.policy = policy;
            config.clock = match clock {
                ClockKind::System => ClockConfig::System,
                ClockKind::Simulated => {
                    ClockConfig::Simulated(clock_start.unwrap_or_else(Utc::now))
                }
            };
            config.operator_token = operator_token
                .or_else(|| std::env::var("YAOHAO_OPERATOR_TOKEN").ok())
                .unwrap_or_default();
            config.sms = sms_webhook.map_or(SmsConfig::Outbox, SmsConfig::Webhook);
            let runtime = match tokio::runtime::Runtime::new() {
                Ok(runtime) => runtime,
                Err(e) => return fail(e),
            };
            runtime.block_on(async {
                match yaohao_portal::start(config).await {
                    Ok(portal) => {
                        println!("yaohao-portal listening on {}", portal.base_url);
                        match portal.run_until_ctrl_c().await {
                            Ok(()) => ExitCode::SUCCESS,
                            Err(e) => fail(e),
                        }
                    }
                    Err(e) => fail(e),
                }
            })
        }
        Command::SmsOutbox { mobile } => {
            let db = match yaohao_portal::db::Db::open(&cli.db) {
                Ok(db) => db,
                Err(e) => return fail(e),
            };
            match yaohao_portal::sms::read_outbox(&db, mobile.as_deref()) {
                Ok(entries) => {
                    for entry in entries {
                        println!("{}\t{}\t{}", entry.created_at, entry.mobile, entry.body);
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        Command::Backup { file } => {
            let done = yaohao_portal::db::Db::open(&cli.db)
                .map_err(|e| e.to_string())
                .and_then(|db| db.backup(&file).map_err(|e| e.to_string()));
            match done {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(e),
            }
        }
    }
}
