//! (being written)

use crate::output::{CliError, Output};

/// Arguments (being written).
#[derive(clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args, _out: &Output) -> Result<(), CliError> {
    Err(CliError::Usage("not available yet".into()))
}
