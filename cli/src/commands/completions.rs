//! `yaohao completions <shell>`: the shell completion script (clap_complete).

use clap_complete::Shell;

/// Arguments of `yaohao completions`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao completions bash > ~/.local/share/bash-completion/completions/yaohao
  yaohao completions zsh > ~/.zfunc/_yaohao
  yaohao completions fish > ~/.config/fish/completions/yaohao.fish")]
pub struct Args {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    shell: Shell,
}

/// Writes the completion script of `command` for the shell to standard output.
pub fn run(args: Args, mut command: clap::Command) {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "yaohao", &mut script);
    crate::output::write_stdout(&String::from_utf8_lossy(&script));
}
