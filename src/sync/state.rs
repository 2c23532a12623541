//! What the province's database is known to hold of a workspace: for each
//! document, the revision last written or read and a fingerprint of the
//! body it had then.
//!
//! In memory the state holds, per document, only the revision and a 64-bit
//! fingerprint of the body ([`fingerprint`]): enough for a push to tell
//! whether a record changed ([`crate::sync::push`]) and for a pull to tell
//! whether it was edited here ([`crate::sync::document::apply`]), and small
//! enough for a national workspace (about 100 bytes a document, where the
//! bodies would be a second copy of the whole workspace).
//!
//! The bodies themselves are stored, one entry per document, because a
//! conflict is merged field by field against the body both sides came
//! from ([`crate::sync::conflict`]), which a fingerprint cannot give back.
//! The state keeps what changed since it was last stored ([`SyncState::unsaved`])
//! so that a store writes only those entries: a push or a pull of 1,000
//! documents stores 1,000 entries, not the whole workspace's. How an entry
//! is written is [`Entry`]; where, the app's storage.

use std::collections::BTreeMap;
use std::hash::Hasher;

use serde::{Deserialize, Serialize};

/// A document's body reduced to 64 bits (FNV-1a, the `fnv` crate): enough
/// to tell whether a record changed, far smaller than the body, and the
/// same in every build (it is stored).
pub fn fingerprint(body: &str) -> u64 {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(body.as_bytes());
    hasher.finish()
}

/// One document as the server is known to hold it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known {
    /// CouchDB's `_rev` ("3-9c1e…").
    pub rev: String,
    /// [`fingerprint`] of the body at that revision, as this build writes
    /// the document ([`crate::sync::document::SyncDoc::body`]).
    pub fingerprint: u64,
}

/// A document written by a newer version of the app: never applied,
/// written over or deleted by this one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Held {
    pub rev: String,
    /// The `schema_version` it was written with.
    pub found: u64,
}

/// One document's stored entry, as [`SyncState::take_unsaved`] gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    /// The short entry read back by [`SyncState::read_entry`]; `None`: the
    /// document is forgotten, its entry and body deleted.
    pub meta: Option<String>,
    /// The body, for a document known at a new revision.
    pub body: Option<String>,
}

/// The sync's memory of the server, by `_id`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncState {
    /// In `_id` order, so that a push can look through them a slice at a
    /// time ([`crate::sync::push::Walk`]).
    pub known: BTreeMap<String, Known>,
    pub held: BTreeMap<String, Held>,
    /// Documents changed since the state was last stored, with the body of
    /// those remembered (`None`: forgotten or held).
    unsaved: BTreeMap<String, Option<String>>,
}

impl SyncState {
    pub fn rev(&self, id: &str) -> Option<&str> {
        self.known
            .get(id)
            .map(|k| k.rev.as_str())
            .or_else(|| self.held.get(id).map(|h| h.rev.as_str()))
    }

    /// Whether the server is known to hold `body` under `id` (`None`: that
    /// it holds nothing there this build reads).
    pub fn holds(&self, id: &str, body: Option<&str>) -> bool {
        match (self.known.get(id), body) {
            (Some(known), Some(body)) => known.fingerprint == fingerprint(body),
            (None, None) => true,
            _ => false,
        }
    }

    /// The body remembered for `id` since the state was last stored; an
    /// older one is in storage.
    pub fn unsaved_body(&self, id: &str) -> Option<&str> {
        self.unsaved.get(id).and_then(Option::as_deref)
    }

    /// The server holds `body` at `rev` under `id`.
    pub fn remember(&mut self, id: &str, rev: &str, body: String) {
        self.held.remove(id);
        self.known.insert(
            id.to_owned(),
            Known {
                rev: rev.to_owned(),
                fingerprint: fingerprint(&body),
            },
        );
        self.unsaved.insert(id.to_owned(), Some(body));
    }

    /// The server deleted `id` (or it was never there).
    pub fn forget(&mut self, id: &str) {
        let was = self.known.remove(id).is_some() | self.held.remove(id).is_some();
        if was {
            self.unsaved.insert(id.to_owned(), None);
        }
    }

    /// `id` holds a newer version's document: keep off it.
    pub fn hold(&mut self, id: &str, rev: &str, found: u64) {
        self.known.remove(id);
        self.held.insert(
            id.to_owned(),
            Held {
                rev: rev.to_owned(),
                found,
            },
        );
        self.unsaved.insert(id.to_owned(), None);
    }

    pub fn is_held(&self, id: &str) -> bool {
        self.held.contains_key(id)
    }

    /// Takes in the entries read from storage: what this state learnt
    /// since (unsaved, or known already) wins.
    pub fn absorb(&mut self, stored: SyncState) {
        for (id, known) in stored.known {
            if !self.unsaved.contains_key(&id) && !self.held.contains_key(&id) {
                self.known.entry(id).or_insert(known);
            }
        }
        for (id, held) in stored.held {
            if !self.unsaved.contains_key(&id) && !self.known.contains_key(&id) {
                self.held.entry(id).or_insert(held);
            }
        }
    }

    /// Whether something changed since the state was last stored.
    pub fn has_unsaved(&self) -> bool {
        !self.unsaved.is_empty()
    }

    /// The entries to store, at most `most` of them; those given are no
    /// longer unsaved (they come back if the store fails: [`Self::put_back`]).
    pub fn take_unsaved(&mut self, most: usize) -> Vec<Entry> {
        let mut out = Vec::with_capacity(most.min(self.unsaved.len()));
        while out.len() < most {
            let Some((id, body)) = self.unsaved.pop_first() else {
                break;
            };
            let meta = self.entry_text(&id);
            let body = if meta.is_some() && self.known.contains_key(&id) {
                body
            } else {
                None
            };
            out.push(Entry { id, meta, body });
        }
        out
    }

    /// Entries [`Self::take_unsaved`] gave whose store failed: unsaved
    /// again, unless the document changed since.
    pub fn put_back(&mut self, entries: Vec<Entry>) {
        for entry in entries {
            self.unsaved.entry(entry.id).or_insert(entry.body);
        }
    }

    /// The short stored entry of `id`: `K <rev> <fingerprint>` for a known
    /// document, `H <rev> <schema_version>` for a held one.
    fn entry_text(&self, id: &str) -> Option<String> {
        if let Some(known) = self.known.get(id) {
            return Some(format!("K {} {:016x}", known.rev, known.fingerprint));
        }
        self.held
            .get(id)
            .map(|held| format!("H {} {}", held.rev, held.found))
    }

    /// Takes back an entry [`Self::take_unsaved`] gave, as storage read it;
    /// `false` for a text this build did not write (left out: the document
    /// is then unknown, and the next push or pull finds it again).
    pub fn read_entry(&mut self, id: &str, text: &str) -> bool {
        let mut parts = text.split(' ');
        let (Some(kind), Some(rev), Some(last), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return false;
        };
        if rev.is_empty() {
            return false;
        }
        match kind {
            "K" => match u64::from_str_radix(last, 16) {
                Ok(fingerprint) => {
                    self.known.insert(
                        id.to_owned(),
                        Known {
                            rev: rev.to_owned(),
                            fingerprint,
                        },
                    );
                    true
                }
                Err(_) => false,
            },
            "H" => match last.parse() {
                Ok(found) => {
                    self.held.insert(
                        id.to_owned(),
                        Held {
                            rev: rev.to_owned(),
                            found,
                        },
                    );
                    true
                }
                Err(_) => false,
            },
            _ => false,
        }
    }
}

/// The state as the first slice of the sync stored it, whole, inside the
/// workspace's sync record: read once, and stored entry by entry from
/// then on ([`crate::sync::record::SyncRecord::from_text`]).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct WholeState {
    #[serde(default)]
    known: BTreeMap<String, WholeKnown>,
    #[serde(default)]
    held: BTreeMap<String, Held>,
}

#[derive(Clone, Debug, Deserialize)]
struct WholeKnown {
    rev: String,
    body: String,
}

impl WholeState {
    /// The same knowledge, every document unsaved.
    pub fn into_state(self) -> SyncState {
        let mut state = SyncState::default();
        for (id, known) in self.known {
            state.remember(&id, &known.rev, known.body);
        }
        for (id, held) in self.held {
            state.hold(&id, &held.rev, held.found);
        }
        state
    }
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    /// Stored fingerprints stay readable: FNV-1a 64's published values.
    #[test]
    fn fingerprints_are_fnv1a_64() {
        assert_eq!(fingerprint(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fingerprint("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fingerprint("foobar"), 0x8594_4171_f739_67e8);
    }
}
