//! `yaohao points`: family points and ladder weights.

use crate::input::read_json;
use crate::output::{CliError, Output, pairs, table};
use clap::Subcommand;
use serde::Serialize;
use yaohao_core::points::{Family, Relation, family_points, ladder_weight};

/// Arguments of `yaohao points`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao points family family.json
  yaohao points ladder --draws 30 --c5

Exit status: 0 computed, 1 invalid input, 2 usage.")]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Family points from a JSON file (or `-` for standard input).
    #[command(
        after_help = "Input: {\"generations\": 2, \"family_full_years\": 0, \"members\": [\n  {\"relation\": \"main\", \"ladder_steps\": 5}, {\"relation\": \"spouse\", \"ladder_steps\": 5},\n  {\"relation\": \"child\"}]}\nRelations: main, spouse, child, parent, spouse_parent."
    )]
    Family {
        /// The family file, or `-`.
        file: String,
    },
    /// Ladder weight after N unsuccessful draws (2014 rule).
    Ladder {
        /// Unsuccessful draws so far.
        #[arg(long)]
        draws: u32,
        /// The applicant holds a C5 licence (+1).
        #[arg(long)]
        c5: bool,
    },
}

#[derive(Serialize)]
struct Ladder {
    draws: u32,
    c5: bool,
    weight: u32,
}

/// Runs `yaohao points`.
pub fn run(args: Args, out: &Output) -> Result<(), CliError> {
    match args.command {
        Command::Family { file } => {
            let family: Family = read_json(&file)?;
            let points = family_points(&family)
                .map_err(|r| CliError::invalid(&r.code, r.message_zh, r.message_en))?;
            out.emit(&points, |_| {
                let header = [
                    out.pick("成员", "member"),
                    out.pick("基础分", "base"),
                    out.pick("积分", "points"),
                ];
                let rows = points.members.iter().map(|m| {
                    [
                        relation(m.relation, out).to_owned(),
                        m.base.to_string(),
                        m.points.to_string(),
                    ]
                });
                format!(
                    "{}{}{}{}{}{}\n",
                    table(header, rows),
                    out.pick("家庭总积分：", "Family total: "),
                    points.total,
                    out.pick("（", " ("),
                    points.formula,
                    out.pick("）", ")"),
                )
            });
        }
        Command::Ladder { draws, c5 } => {
            let result = Ladder {
                draws,
                c5,
                weight: ladder_weight(draws, c5),
            };
            out.emit(&result, |_| {
                pairs([
                    (
                        out.pick("未中签次数", "unsuccessful draws").to_owned(),
                        draws.to_string(),
                    ),
                    (
                        out.pick("C5 驾照", "C5 licence").to_owned(),
                        out.pick(if c5 { "是" } else { "否" }, if c5 { "yes" } else { "no" })
                            .to_owned(),
                    ),
                    (
                        out.pick("阶梯倍数", "weight").to_owned(),
                        result.weight.to_string(),
                    ),
                ])
            });
        }
    }
    Ok(())
}

fn relation(r: Relation, out: &Output) -> &'static str {
    match r {
        Relation::Main => out.pick("主申请人", "main applicant"),
        Relation::Spouse => out.pick("配偶", "spouse"),
        Relation::Child => out.pick("子女", "child"),
        Relation::Parent => out.pick("父母", "parent"),
        Relation::SpouseParent => out.pick("配偶父母", "spouse's parent"),
        Relation::Other => out.pick("其他", "other"),
    }
}
