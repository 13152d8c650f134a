//! The set of tenant ids seen so far, to report duplicates.
//!
//! Every row's id goes in, so this is on the hot path of a large export:
//! the ids are copied into one growing text (an arena) and the table holds
//! their positions, instead of one small heap allocation per id (those
//! allocations, and freeing them, showed in the profile: benches/PROFILE.md §13).

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// Ids seen so far.
///
/// Fx hashing: crafted colliding ids can only make a run slower, never its
/// result wrong (every match is confirmed by comparing the text).
#[derive(Default)]
pub struct IdSet {
    text: String,
    /// `(start, end)` of each id in `text`.
    table: HashTable<(usize, usize)>,
    hasher: FxBuildHasher,
}

impl IdSet {
    /// A set sized for about `ids` ids of `bytes` bytes in all, so that a
    /// run never rehashes or regrows.
    pub fn with_capacity(ids: usize, bytes: usize) -> IdSet {
        IdSet {
            text: String::with_capacity(bytes),
            table: HashTable::with_capacity(ids),
            hasher: FxBuildHasher,
        }
    }

    /// Adds `id`; returns `false` when it was already there.
    pub fn insert(&mut self, id: &str) -> bool {
        let hasher = self.hasher;
        let text = &self.text;
        let hash = hasher.hash_one(id);
        let entry = self.table.entry(
            hash,
            |&(s, e)| &text[s..e] == id,
            |&(s, e)| hasher.hash_one(&text[s..e]),
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(_) => false,
            hashbrown::hash_table::Entry::Vacant(slot) => {
                let start = text.len();
                slot.insert((start, start + id.len()));
                self.text.push_str(id);
                true
            }
        }
    }

    /// How many distinct ids.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.table.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_duplicates_among_many_and_similar_ids() {
        // Starts small so the table and the text both grow during the run.
        let mut seen = IdSet::with_capacity(0, 0);
        for i in 0..20_000 {
            assert!(seen.insert(&format!("T-{i}")), "T-{i} is new");
        }
        for i in (0..20_000).step_by(7) {
            assert!(!seen.insert(&format!("T-{i}")), "T-{i} was seen");
        }
        // Prefixes and extensions of seen ids are different ids.
        assert!(seen.insert("T-"));
        assert!(seen.insert("T-1999900"));
        assert!(seen.insert("ñ-1"));
        assert!(!seen.insert("ñ-1"));
        assert_eq!(seen.len(), 20_003);
    }

    #[test]
    fn a_repeated_id_is_refused_and_not_counted() {
        let mut seen = IdSet::with_capacity(3, 16);
        assert!(seen.insert("T-1"));
        assert!(seen.insert("T-2"));
        assert!(!seen.insert("T-1")); // a duplicate
        assert_eq!(seen.len(), 2);
    }
}
