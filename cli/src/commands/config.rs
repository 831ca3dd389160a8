//! `yaohao config show|set portal URL`: the remembered settings.

use crate::output::{CliError, Output, pairs};
use crate::portal::home::Home;

/// Arguments of `yaohao config`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao config show
  yaohao config set portal https://portal.example

The portal is remembered by `config set portal` or by the first login; a --portal given to one
command is used for that command only. Exit status: 0 done, 2 usage (an invalid URL).")]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(clap::Subcommand)]
enum Sub {
    /// Show the remembered settings and where they are kept.
    Show,
    /// Remember a setting.
    Set {
        #[command(subcommand)]
        setting: Setting,
    },
}

#[derive(clap::Subcommand)]
enum Setting {
    /// The portal later commands use when no --portal is given.
    Portal {
        /// https://… (http only to 127.0.0.1 or localhost).
        url: String,
    },
}

/// Runs `yaohao config`.
pub fn run(args: Args, out: &Output) -> Result<(), CliError> {
    let home = Home::locate()?;
    let mut config = home.load()?;
    if let Sub::Set {
        setting: Setting::Portal { url },
    } = args.command
    {
        config.portal = Some(crate::portal::checked_url(&url)?);
        home.save(&config)?;
    }
    let file = home.config_file().display().to_string();
    out.emit(
        &serde_json::json!({ "portal": config.portal, "file": file }),
        |lang| {
            let none = lang.pick("（未设置）", "(not set)").to_owned();
            pairs([
                (
                    lang.pick("门户", "portal"),
                    config.portal.clone().unwrap_or(none),
                ),
                (lang.pick("配置文件", "file"), file.clone()),
            ])
        },
    );
    Ok(())
}
