//! `yaohao eligibility individual|family <file>`: every condition that fails, with what to do.

use crate::input::read_json;
use crate::output::{CliError, Output, table};
use clap::Subcommand;
use yaohao_core::eligibility::{self, Eligibility, FamilyFacts, PersonFacts};
use yaohao_core::i18n::Lang;

/// Arguments of `yaohao eligibility`.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  yaohao eligibility individual facts.json\n  yaohao eligibility family family.json --json\n\nIndividual input: {\"birth_date\": \"1990-05-01\", \"residence\": {\"kind\": \"residence_permit\",\n  \"valid_until\": \"2027-01-01\", \"social_insurance_months\": 48, \"income_tax_months\": 60},\n  \"licence_valid_until\": \"2030-01-01\"}\nResidence kinds: beijing_hukou, military_in_beijing, work_residence_permit {valid_until},\n  residence_permit {valid_until, social_insurance_months, income_tax_months}, unqualified.\nFamily input: {\"main\": <individual>, \"members\": [{\"relation\": \"spouse\"}, ...]}.\nExit 0 when eligible, 1 when not."
)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
    /// Decide as of this Beijing date, YYYY-MM-DD (default: today).
    #[arg(long, global = true)]
    today: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// An individual applicant, from a JSON file (or `-`).
    Individual {
        /// The facts file, or `-`.
        file: String,
    },
    /// A family application, from a JSON file (or `-`).
    Family {
        /// The facts file, or `-`.
        file: String,
    },
}

/// Runs `yaohao eligibility`.
pub fn run(args: Args, out: &Output) -> Result<(), CliError> {
    let today = match &args.today {
        Some(text) => super::calendar::parse_date("today", text)?,
        None => yaohao_core::time::beijing_date(chrono::Utc::now()),
    };
    let result = match args.command {
        Command::Individual { file } => {
            eligibility::individual(&read_json::<PersonFacts>(&file)?, today)
        }
        Command::Family { file } => eligibility::family(&read_json::<FamilyFacts>(&file)?, today),
    };
    out.emit(&result, |lang| human(&result, out, lang));
    if result.eligible {
        Ok(())
    } else {
        Err(CliError::Reported)
    }
}

fn human(e: &Eligibility, out: &Output, lang: Lang) -> String {
    if e.eligible {
        return out.pick("✓ 符合申请条件\n", "✓ eligible\n").to_owned();
    }
    let header = [
        out.pick("条件", "condition"),
        out.pick("原因及办法", "reason and what to do"),
    ];
    format!(
        "{}\n{}",
        out.pick("✗ 暂不符合申请条件：", "✗ not eligible yet:"),
        table(
            header,
            e.failures
                .iter()
                .map(|r| [r.code.clone(), r.message(lang).to_owned()])
        )
    )
}
