//! The session file: secrets in a JSON file readable by its owner only (mode 0600), the fallback
//! where no system keyring can be used. Written through a temporary file of the same mode and
//! renamed, so a crash leaves the old file or the new one, never half of one.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use yaohao_core::secrets::{SecretError, SecretStore};

/// Secrets in one owner-only file.
#[derive(Debug)]
pub struct FileSecretStore {
    path: PathBuf,
    /// Serialises this process's read-modify-write cycles.
    lock: Mutex<()>,
}

fn unavailable(path: &Path, e: impl std::fmt::Display) -> SecretError {
    SecretError::Unavailable {
        message: format!("{}: {e}", path.display()),
    }
}

impl FileSecretStore {
    /// The store kept in `path` (created on the first write).
    pub fn new(path: PathBuf) -> FileSecretStore {
        FileSecretStore {
            path,
            lock: Mutex::new(()),
        }
    }

    /// Where the secrets are kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn read(&self) -> Result<BTreeMap<String, String>, SecretError> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| unavailable(&self.path, e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(e) => Err(unavailable(&self.path, e)),
        }
    }

    fn write(&self, values: &BTreeMap<String, String>) -> Result<(), SecretError> {
        if values.is_empty() {
            return match std::fs::remove_file(&self.path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Err(unavailable(&self.path, e))
                }
                _ => Ok(()),
            };
        }
        let json = serde_json::to_vec(values).map_err(|e| unavailable(&self.path, e))?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| unavailable(dir, e))?;
        }
        let partial = self.path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options
            .open(&partial)
            .and_then(|mut f| f.write_all(&json).and_then(|()| f.sync_all()))
            .and_then(|()| std::fs::rename(&partial, &self.path))
            .map_err(|e| unavailable(&self.path, e))
    }

    fn update(
        &self,
        change: impl FnOnce(&mut BTreeMap<String, String>),
    ) -> Result<(), SecretError> {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        let mut values = self.read()?;
        change(&mut values);
        self.write(&values)
    }
}

impl SecretStore for FileSecretStore {
    fn get(&self, key: String) -> Result<Option<String>, SecretError> {
        Ok(self.read()?.remove(&key))
    }

    fn set(&self, key: String, value: String) -> Result<(), SecretError> {
        self.update(|values| {
            values.insert(key, value);
        })
    }

    fn delete(&self, key: String) -> Result<(), SecretError> {
        self.update(|values| {
            values.remove(&key);
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_persist_owner_only_and_the_file_goes_with_the_last_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sessions").join("a.json");
        let store = FileSecretStore::new(path.clone());
        assert_eq!(store.get("token".into()), Ok(None));
        store.set("token".into(), "t1".into()).unwrap();
        store.set("other".into(), "x".into()).unwrap();
        // A second store over the same file (the next run) sees the values.
        let again = FileSecretStore::new(path.clone());
        assert_eq!(again.get("token".into()), Ok(Some("t1".into())));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        again.delete("token".into()).unwrap();
        assert_eq!(store.get("token".into()), Ok(None));
        store.delete("other".into()).unwrap();
        assert!(!path.exists());
    }

    #[test]
    fn a_damaged_file_is_reported_not_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, "{not json").unwrap();
        let err = FileSecretStore::new(path).get("token".into()).unwrap_err();
        assert!(err.to_string().contains("s.json"), "{err}");
    }
}
