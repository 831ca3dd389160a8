//! In-memory caches in front of SQLite for the draw-day hot path (sessions, the data-freeze
//! windows, "my results"), so a repeated authenticated query is answered without a database trip.
//!
//! Coherence: the code that changes what an entry was read from invalidates it after its
//! transaction commits (a new login, a logout or a password reset drops the account's sessions;
//! any period change drops the freeze windows and every result list). A reader notes the cache's
//! generation before it reads the database and its entry is only stored if no invalidation
//! happened meanwhile, so a value read before a commit never outlives it. Entries also expire
//! after [`MAX_AGE`], which bounds how long a change written by another process (the operator
//! CLI on the same file) goes unseen.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::revalidate::TaggedJson;

/// How long an entry is trusted without invalidation.
pub const MAX_AGE: Duration = Duration::from_secs(1);

/// A cache of values by key with generation-checked inserts.
pub struct Cache<K, V> {
    state: Mutex<State<K, V>>,
    capacity: usize,
}

struct State<K, V> {
    generation: u64,
    entries: HashMap<K, (V, Instant)>,
}

impl<K: Eq + Hash, V: Clone> Cache<K, V> {
    /// An empty cache holding at most `capacity` entries (it empties itself when full).
    pub fn new(capacity: usize) -> Self {
        Cache {
            state: Mutex::new(State {
                generation: 0,
                entries: HashMap::new(),
            }),
            capacity: capacity.max(1),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State<K, V>> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The value of `key` if cached less than [`MAX_AGE`] ago.
    pub fn get(&self, key: &K) -> Option<V> {
        self.lock()
            .entries
            .get(key)
            .filter(|(_, at)| at.elapsed() < MAX_AGE)
            .map(|(value, _)| value.clone())
    }

    /// The generation to pass to [`Cache::insert`]: read it before reading the database.
    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Stores `value`, unless an invalidation happened since `generation` was read.
    pub fn insert(&self, generation: u64, key: K, value: V) {
        let mut state = self.lock();
        if state.generation != generation {
            return;
        }
        if state.entries.len() >= self.capacity {
            state.entries.clear();
        }
        state.entries.insert(key, (value, Instant::now()));
    }

    /// Drops the entries whose value matches `stale`.
    pub fn remove_where(&self, stale: impl Fn(&V) -> bool) {
        let mut state = self.lock();
        state.generation += 1;
        state.entries.retain(|_, (value, _)| !stale(value));
    }

    /// Drops every entry.
    pub fn clear(&self) {
        let mut state = self.lock();
        state.generation += 1;
        state.entries.clear();
    }
}

/// A session as stored: its account, expiry and why it ended, if it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// The session's account.
    pub account_id: i64,
    /// Expiry, Unix milliseconds.
    pub expires_at: i64,
    /// `logged_in_elsewhere`, `logout`, or `None` while live.
    pub ended: Option<String>,
}

/// Data-freeze windows of every period, `(from, until)` in Unix milliseconds.
pub type FreezeWindows = Arc<Vec<(i64, i64)>>;

/// The portal's hot-path caches.
pub struct Caches {
    /// Sessions by token hash.
    pub sessions: Cache<String, SessionRow>,
    /// The freeze windows (one entry).
    pub freeze: Cache<(), FreezeWindows>,
    /// "My results" answers (JSON with its ETag) by account.
    pub results: Cache<i64, TaggedJson>,
}

impl Default for Caches {
    fn default() -> Self {
        Caches {
            sessions: Cache::new(1 << 20),
            freeze: Cache::new(1),
            results: Cache::new(1 << 20),
        }
    }
}

impl Caches {
    /// Forgets everything read from the periods (after a period was created, frozen, drawn,
    /// voided or published).
    pub fn periods_changed(&self) {
        self.freeze.clear();
        self.results.clear();
    }

    /// Forgets the sessions of `account_id` (after a login, a logout or a password reset).
    pub fn sessions_changed(&self, account_id: i64) {
        self.sessions.remove_where(|s| s.account_id == account_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_insert_after_an_invalidation_is_dropped() {
        let cache: Cache<u32, &str> = Cache::new(8);
        let before = cache.generation();
        cache.insert(before, 1, "old");
        assert_eq!(cache.get(&1), Some("old"));
        // A reader noted the generation, then a writer committed and invalidated.
        let reader = cache.generation();
        cache.remove_where(|v| *v == "old");
        assert_eq!(cache.get(&1), None);
        cache.insert(reader, 1, "stale");
        assert_eq!(
            cache.get(&1),
            None,
            "a value read before the change is not kept"
        );
        cache.insert(cache.generation(), 1, "new");
        assert_eq!(cache.get(&1), Some("new"));
    }

    #[test]
    fn a_full_cache_starts_over_and_clear_empties_it() {
        let cache: Cache<u32, u32> = Cache::new(2);
        for k in 0..3 {
            cache.insert(cache.generation(), k, k);
        }
        assert_eq!(cache.get(&0), None);
        assert_eq!(cache.get(&2), Some(2));
        cache.clear();
        assert_eq!(cache.get(&2), None);
    }

    #[test]
    fn only_the_matching_entries_are_removed() {
        let cache: Cache<&str, SessionRow> = Cache::new(8);
        let row = |account_id| SessionRow {
            account_id,
            expires_at: 0,
            ended: None,
        };
        cache.insert(cache.generation(), "a", row(1));
        cache.insert(cache.generation(), "b", row(2));
        cache.remove_where(|s| s.account_id == 1);
        assert_eq!(cache.get(&"a"), None);
        assert_eq!(cache.get(&"b"), Some(row(2)));
    }
}
