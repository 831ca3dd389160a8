//! `yaohao change marital|address`: asks for a reviewed change of the account, with a photo of
//! its proof. The core says whether it may be asked for now (one of each under review at a time;
//! the address only once an application is approved) and checks the address; the portal reviews
//! it in about 5 working days.

use serde::Serialize;
use yaohao_core::actions::{self, ActionKind};
use yaohao_core::facade::MaritalStatus;
use yaohao_core::i18n::Lang;

use crate::input::{PHOTO_BYTES, read_bytes};
use crate::output::{CliError, Output};
use crate::portal::Portal;

/// Arguments of `yaohao change`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao change marital --status married --proof marriage-certificate.jpg
  yaohao change address --address 北京市海淀区中关村大街27号院3号楼201 --proof lease.jpg

The change waits for review (about 5 working days); `yaohao status` shows its state. Exit status:
0 sent for review, 1 refused, 2 usage, 3 not logged in.")]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// The marital status, with the marriage or divorce certificate.
    Marital {
        /// unmarried, married, divorced or widowed.
        #[arg(long, value_parser = parse_status)]
        status: MaritalStatus,
        /// A photo of the certificate (JPEG or PNG; - for standard input).
        #[arg(long)]
        proof: String,
    },
    /// The contact address of the approved applications, with a proof of address (deed, lease or
    /// residence certificate).
    Address {
        /// The new address, in full (北京市…区…).
        #[arg(long)]
        address: String,
        /// A photo of the proof (JPEG or PNG; - for standard input).
        #[arg(long)]
        proof: String,
    },
}

fn parse_status(name: &str) -> Result<MaritalStatus, String> {
    MaritalStatus::parse(name).ok_or_else(|| {
        format!("unknown status {name}: use unmarried, married, divorced or widowed")
    })
}

/// A change sent for review.
#[derive(Serialize)]
struct Requested<T> {
    requested: T,
}

/// Runs `yaohao change`.
pub fn run(args: Args, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let portal = Portal::open(portal, out)?;
    portal.require_login()?;
    portal.follow_clock();
    let dashboard = portal.run(portal.app.refresh())?;
    let account = dashboard.account.ok_or_else(|| {
        CliError::invalid(
            "no_account",
            "未读取到账户信息，请重新登录（yaohao login）。",
            "The account could not be read; log in again (`yaohao login`).",
        )
    })?;
    let kind = match args.what {
        What::Marital { .. } => ActionKind::ChangeMaritalStatus,
        What::Address { .. } => ActionKind::ChangeAddress,
    };
    if let Some(reason) = actions::find(&account.actions, kind).and_then(|a| a.refusal()) {
        return Err(CliError::invalid(
            &reason.code,
            reason.message_zh.clone(),
            reason.message_en.clone(),
        ));
    }
    match args.what {
        What::Marital { status, proof } => {
            let photo = read_bytes(&proof, PHOTO_BYTES)?;
            let change = portal.run(portal.app.request_marital_change(status, photo))?;
            let label = change.requested_status.label();
            emit(out, &change, change.id, &label.zh, &label.en);
        }
        What::Address { address, proof } => {
            let photo = read_bytes(&proof, PHOTO_BYTES)?;
            let change = portal.run(portal.app.request_address_change(address, photo))?;
            let asked = change.requested_address.clone();
            emit(out, &change, change.id, &asked, &asked);
        }
    }
    Ok(())
}

fn emit<T: Serialize>(out: &Output, change: &T, id: i64, zh: &str, en: &str) {
    out.emit(&Requested { requested: change }, |lang| match lang {
        Lang::Zh => format!("✓ 已提交变更申请 {id}：{zh}，等待审核（约 5 个工作日）\n"),
        Lang::En => {
            format!("✓ Change {id} asked for: {en}; waiting for review (about 5 working days)\n")
        }
    });
}
