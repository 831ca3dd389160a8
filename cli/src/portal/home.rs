//! Where the tool keeps its state: `config.toml` (the remembered portal and this device's push
//! token) and one cache directory per portal. `YAOHAO_HOME` moves all of it (tests, scripts).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::output::{CliError, Exit};

/// The environment variable that overrides the home directory.
pub const HOME_ENV: &str = "YAOHAO_HOME";

/// The remembered settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Config {
    /// The portal's base URL, remembered from the last `--portal`.
    #[serde(default)]
    pub portal: Option<String>,
    /// This installation's `dev` push device token (made by the first `watch`).
    #[serde(default)]
    pub device: Option<String>,
}

/// The configuration directory and the data directory beside it.
#[derive(Debug, Clone)]
pub struct Home {
    config_dir: PathBuf,
    data_dir: PathBuf,
}

fn io_error(path: &Path, e: impl std::fmt::Display) -> CliError {
    CliError::invalid(
        "local_storage",
        format!(
            "无法读写 {}：{e}。请检查权限，或用 {HOME_ENV} 指定其他目录。",
            path.display()
        ),
        format!(
            "cannot read or write {}: {e}. Check the permissions, or point {HOME_ENV} elsewhere.",
            path.display()
        ),
    )
}

impl Home {
    /// `$YAOHAO_HOME` (config and data together), else the platform's config and local-data
    /// directories (e.g. `~/.config/yaohao` and `~/.local/share/yaohao` on Linux).
    pub fn locate() -> Result<Home, CliError> {
        if let Some(dir) = std::env::var_os(HOME_ENV).filter(|d| !d.is_empty()) {
            let dir = PathBuf::from(dir);
            return Ok(Home {
                data_dir: dir.join("data"),
                config_dir: dir,
            });
        }
        match (dirs::config_dir(), dirs::data_local_dir()) {
            (Some(config), Some(data)) => Ok(Home {
                config_dir: config.join("yaohao"),
                data_dir: data.join("yaohao"),
            }),
            _ => Err(CliError::with_exit(
                Exit::Usage,
                "no_home",
                format!("找不到用户配置目录，请设置环境变量 {HOME_ENV}。"),
                format!("No user configuration directory found; set {HOME_ENV}."),
            )),
        }
    }

    /// The configuration file.
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    /// The cache directory of one portal (so that portals never share a cache).
    pub fn portal_data(&self, portal: &str) -> PathBuf {
        let name: String = portal
            .split("://")
            .last()
            .unwrap_or(portal)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        self.data_dir.join(name)
    }

    /// The owner-only session file of one portal, used where no keyring can be.
    pub fn session_file(&self, portal: &str) -> PathBuf {
        let name = self
            .portal_data(portal)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.config_dir
            .join("sessions")
            .join(format!("{name}.json"))
    }

    /// A name unique to this home directory and portal (the keyring service of its session).
    pub fn secret_service(&self, portal: &str) -> String {
        format!("yaohao {portal} {}", self.config_dir.display())
    }

    /// The remembered settings (defaults when there is no file yet).
    pub fn load(&self) -> Result<Config, CliError> {
        let path = self.config_file();
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                CliError::with_exit(
                    Exit::Usage,
                    "invalid_config",
                    format!("配置文件 {} 无效：{e}。请修正或删除它。", path.display()),
                    format!(
                        "The configuration file {} is invalid: {e}. Fix or delete it.",
                        path.display()
                    ),
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(io_error(&path, e)),
        }
    }

    /// Writes the settings (through a temporary file, so a crash never leaves half a file).
    pub fn save(&self, config: &Config) -> Result<(), CliError> {
        let path = self.config_file();
        let text = toml::to_string(config).map_err(|e| io_error(&path, e))?;
        std::fs::create_dir_all(&self.config_dir).map_err(|e| io_error(&self.config_dir, e))?;
        let partial = path.with_extension("toml.partial");
        std::fs::write(&partial, text)
            .and_then(|()| std::fs::rename(&partial, &path))
            .map_err(|e| io_error(&path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn home(dir: &Path) -> Home {
        Home {
            config_dir: dir.to_owned(),
            data_dir: dir.join("data"),
        }
    }

    #[test]
    fn settings_round_trip_and_default_when_absent() {
        let dir = tempfile::tempdir().unwrap();
        let home = home(dir.path());
        assert_eq!(home.load().unwrap(), Config::default());
        let config = Config {
            portal: Some("https://portal.example".into()),
            device: Some("cli-1".into()),
        };
        home.save(&config).unwrap();
        assert_eq!(home.load().unwrap(), config);
    }

    #[test]
    fn a_broken_file_is_a_usage_error() {
        let dir = tempfile::tempdir().unwrap();
        let home = home(dir.path());
        std::fs::write(home.config_file(), "portal = [").unwrap();
        assert!(matches!(
            home.load(),
            Err(CliError::Invalid {
                exit: Exit::Usage,
                ..
            })
        ));
    }

    #[test]
    fn each_portal_has_its_own_cache() {
        let home = home(Path::new("/h"));
        let a = home.portal_data("https://a.example");
        let b = home.portal_data("http://127.0.0.1:8080");
        assert_ne!(a, b);
        assert_eq!(b, Path::new("/h/data/127_0_0_1_8080"));
    }
}
