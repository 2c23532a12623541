//! What a save of a workspace writes: the records that differ from what
//! this tab last stored (its [`Image`]).
//!
//! The browser store (`app::storage`) keeps one record per unit and a head
//! (the document without its units, and the units' order). A save compares
//! the workspace with the image of the last save and writes the head and
//! the changed, added and removed units. Comparing every unit costs about
//! 1 µs each (31 ms at 30,000 units in Chromium), more than the write: so
//! a save may be told which units changed ([`ChangeLog`]), and then
//! compares only those. The hint is trusted only when it accounts for
//! *every* change of the workspace since the image was made: each change
//! has a number (the caller counts them, one per change of the workspace,
//! hinted or not), the image remembers the number it was made at, and the
//! log must hold a hint for each number in between; otherwise every unit
//! is compared, as without a hint. Nothing here knows the browser, so the
//! rules are tested natively.

use std::collections::{HashMap, HashSet};

use crate::domain::unit::Unit;
use crate::domain::workspace::Workspace;

/// What this tab last stored of a workspace (or read of it).
#[derive(Clone, Debug, Default)]
pub struct Image {
    /// Stored as a raw document (or not at all): the next save writes
    /// every record.
    pub whole: bool,
    pub before: String,
    pub after: String,
    pub order: Vec<String>,
    /// The units, in `order`'s order.
    pub units: Vec<Unit>,
    /// The number of the last change of the workspace this image includes
    /// (see [`ChangeLog`]); `None`: not known, so no hint is trusted until
    /// a save compared everything.
    pub generation: Option<u64>,
}

impl Image {
    /// The image of `workspace` as just read or written.
    pub fn of(workspace: &Workspace, whole: bool) -> Image {
        let (before, after) = crate::files::document::workspace_around_units(workspace);
        Image {
            whole,
            before,
            after,
            order: workspace.units.iter().map(|u| u.id.clone()).collect(),
            units: workspace.units.clone(),
            generation: None,
        }
    }

    /// What is stored after `diff` (made from this image) was written.
    pub fn apply(&mut self, diff: Diff) {
        debug_assert!(
            diff.deferred.is_empty(),
            "applied before every unit was taken"
        );
        // Every unit written, in the new order's order (a whole save): the
        // units are the image, with no lookup by id.
        let every_unit_in_order = diff.order.as_ref().is_some_and(|order| {
            diff.changed.len() == order.len()
                && diff.changed.iter().enumerate().all(|(i, (p, _))| *p == i)
        });
        if every_unit_in_order {
            self.whole = false;
            self.before = diff.before;
            self.after = diff.after;
            self.generation = diff.generation;
            self.units = diff.changed.into_iter().map(|(_, u)| u).collect();
            self.order = diff.order.unwrap_or_default();
            return;
        }
        self.whole = false;
        self.before = diff.before;
        self.after = diff.after;
        self.generation = diff.generation;
        match diff.order {
            // Same order: the changed units replace theirs.
            None => {
                for (position, unit) in diff.changed {
                    if let Some(slot) = self.units.get_mut(position) {
                        *slot = unit;
                    }
                }
            }
            // A new order: the units are moved (not copied) into it.
            Some(order) => {
                let mut old: HashMap<String, Unit> = std::mem::take(&mut self.order)
                    .into_iter()
                    .zip(std::mem::take(&mut self.units))
                    .collect();
                let mut new: HashMap<String, Unit> = diff
                    .changed
                    .into_iter()
                    .map(|(_, u)| (u.id.clone(), u))
                    .collect();
                let units: Vec<Option<Unit>> = order
                    .iter()
                    .map(|id| new.remove(id).or_else(|| old.remove(id)))
                    .collect();
                if units.iter().all(Option::is_some) {
                    self.units = units.into_iter().flatten().collect();
                } else {
                    // Cannot happen; if it did, the next save writes all.
                    self.whole = true;
                    self.generation = None;
                }
                self.order = order;
            }
        }
    }
}

/// Which units each change of the workspace touched, by the change's
/// number, for the changes that touched at most one unit and said which
/// (`AppState::edit_one_unit`). A change not in the log touched anything.
#[derive(Clone, Debug, Default)]
pub struct ChangeLog {
    /// (change number, the ids of the units it wrote (empty when it only
    /// removed one), and the position of the unit when it replaced one in
    /// place), in increasing numbers.
    edits: Vec<(u64, Vec<String>, Option<usize>)>,
}

/// More hinted changes than this waiting for a save (a save that keeps
/// failing): the log is emptied, and the next save compares everything.
const LOG_LIMIT: usize = 10_000;

impl ChangeLog {
    /// Change number `generation` wrote only the units `units` (ids).
    pub fn record(&mut self, generation: u64, units: Vec<String>) {
        self.push(generation, units, None);
    }

    /// Change number `generation` replaced the unit at `position` (same
    /// id, same place) and wrote no other: the order is unchanged.
    pub fn record_replaced(&mut self, generation: u64, id: String, position: usize) {
        self.push(generation, vec![id], Some(position));
    }

    fn push(&mut self, generation: u64, units: Vec<String>, replaced: Option<usize>) {
        if self.edits.last().is_some_and(|(g, _, _)| *g >= generation)
            || self.edits.len() >= LOG_LIMIT
        {
            // Out of order or too many: forget, so that nothing is trusted.
            self.edits.clear();
        }
        self.edits.push((generation, units, replaced));
    }

    /// The positions replaced by the changes after `since` up to `now`,
    /// when the log holds every one of them and each replaced one unit in
    /// place; `None` otherwise.
    fn replaced_between(&self, since: u64, now: u64) -> Option<Vec<usize>> {
        let wanted = now.checked_sub(since)?;
        let mut positions = Vec::new();
        for (generation, _, replaced) in &self.edits {
            if *generation > since && *generation <= now {
                positions.push((*replaced)?);
            }
        }
        (positions.len() as u64 == wanted).then_some(positions)
    }

    /// Forgets the changes up to and including `generation` (saved).
    pub fn forget_through(&mut self, generation: u64) {
        self.edits.retain(|(g, _, _)| *g > generation);
    }

    /// The units written by the changes after `since` up to `now`, when the
    /// log holds every one of them; `None` when any is missing (a change
    /// that did not say what it touched).
    pub fn units_between(&self, since: u64, now: u64) -> Option<HashSet<&str>> {
        let wanted = now.checked_sub(since)?;
        let mut found = 0u64;
        let mut units = HashSet::new();
        for (generation, ids, _) in &self.edits {
            if *generation > since && *generation <= now {
                found += 1;
                units.extend(ids.iter().map(String::as_str));
            }
        }
        (found == wanted).then_some(units)
    }
}

/// What the caller knows of the changes since the image: the number of the
/// last change, and the log.
#[derive(Clone, Copy, Debug)]
pub struct Changes<'a> {
    pub generation: u64,
    pub log: &'a ChangeLog,
}

/// What a save writes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diff {
    pub before: String,
    pub after: String,
    pub head_changed: bool,
    /// Write every unit and remove all others first.
    pub whole: bool,
    /// The new order, when it changed (or everything is written).
    pub order: Option<Vec<String>>,
    /// The units to write, with their positions.
    pub changed: Vec<(usize, Unit)>,
    /// The ids of the units to remove.
    pub removed: Vec<String>,
    /// The change number the image takes once this is written.
    pub generation: Option<u64>,
    /// Whether only the hinted units were compared.
    pub hinted: bool,
    /// The positions of units still to be copied into `changed`
    /// ([`diff_deferring`], [`Diff::take`]), in increasing order.
    pub deferred: Vec<usize>,
}

/// The workspace's units moved (a unit added, removed or moved) while a
/// deferred diff was taking them: it must be made again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moved;

impl Diff {
    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        !self.whole
            && !self.head_changed
            && self.order.is_none()
            && self.changed.is_empty()
            && self.removed.is_empty()
            && self.deferred.is_empty()
    }

    /// Copies up to `most` of the deferred units from `workspace` into
    /// `changed`; `Ok(true)` once none is left. Between two calls the
    /// workspace may have changed units in place (same id, same
    /// position): the copy is then the newer unit, which the image takes
    /// too, so that the next save compares it with itself and stored,
    /// image and workspace agree. A unit that is not where the order says
    /// is [`Moved`]: the diff is stale.
    pub fn take(&mut self, workspace: &Workspace, most: usize) -> Result<bool, Moved> {
        if self.deferred.is_empty() {
            return Ok(true);
        }
        let Some(order) = &self.order else {
            return Err(Moved);
        };
        if order.len() != workspace.units.len() {
            return Err(Moved);
        }
        let count = most.min(self.deferred.len());
        for &position in &self.deferred[..count] {
            match (workspace.units.get(position), order.get(position)) {
                (Some(unit), Some(id)) if unit.id == *id => {
                    self.changed.push((position, unit.clone()));
                }
                _ => return Err(Moved),
            }
        }
        self.deferred.drain(..count);
        Ok(self.deferred.is_empty())
    }
}

/// What saving `workspace` writes, against `image` (`None`: nothing known
/// of what is stored). `rewrite`: write every record (over another tab's
/// save). `changes`: the hint, trusted only as the module says.
pub fn diff(
    image: Option<&Image>,
    workspace: &Workspace,
    rewrite: bool,
    changes: Option<Changes>,
) -> Diff {
    diff_as(image, workspace, rewrite, changes, false)
}

/// The same, except that a diff that writes every unit ([`Diff::whole`])
/// copies none yet: they are taken a slice at a time ([`Diff::take`]),
/// since copying 110,000 units holds the page for a quarter of a second.
pub fn diff_deferring(
    image: Option<&Image>,
    workspace: &Workspace,
    rewrite: bool,
    changes: Option<Changes>,
) -> Diff {
    diff_as(image, workspace, rewrite, changes, true)
}

fn diff_as(
    image: Option<&Image>,
    workspace: &Workspace,
    rewrite: bool,
    changes: Option<Changes>,
    defer: bool,
) -> Diff {
    let generation = changes.map(|c| c.generation);
    if let (Some(image), Some(changes), false) = (image, changes, rewrite) {
        if let Some(made) = replaced_in_place(image, workspace, changes) {
            #[cfg(debug_assertions)]
            {
                let mut full = diff_with(Some(image), workspace, rewrite, None, generation, false);
                full.hinted = true;
                debug_assert!(full == made, "an in-place save differs from a full one");
            }
            return made;
        }
    }
    let hint = match (image.and_then(|i| i.generation), changes) {
        (Some(since), Some(changes)) => changes.log.units_between(since, changes.generation),
        _ => None,
    };
    // Sorted, so that each unit is looked up by a few comparisons of its
    // id rather than by hashing it (110,000 hashes are a few milliseconds).
    let hint: Option<Vec<&str>> = hint.map(|set| {
        let mut ids: Vec<&str> = set.into_iter().collect();
        crate::sorting::sort(&mut ids);
        ids
    });
    let made = diff_with(
        image,
        workspace,
        rewrite,
        hint.as_deref(),
        generation,
        defer,
    );
    // In debug builds (the native tests), a trusted hint must find exactly
    // what comparing everything finds.
    #[cfg(debug_assertions)]
    if made.hinted {
        let mut full = diff_with(image, workspace, rewrite, None, generation, defer);
        full.hinted = true;
        debug_assert!(full == made, "a hinted save differs from a full one");
    }
    made
}

/// The usual edit, without looking at every unit: when every change since
/// the image replaced one unit in place, only those places are compared
/// (each checked to hold the same id as in the image). `None` when that
/// cannot be shown.
fn replaced_in_place(image: &Image, workspace: &Workspace, changes: Changes) -> Option<Diff> {
    let since = image.generation?;
    if image.whole || image.order.len() != workspace.units.len() {
        return None;
    }
    let mut positions = changes.log.replaced_between(since, changes.generation)?;
    crate::sorting::sort(&mut positions);
    positions.dedup();
    let mut changed = Vec::new();
    for position in positions {
        let unit = workspace.units.get(position)?;
        if image.order.get(position) != Some(&unit.id) {
            return None;
        }
        if image.units.get(position) != Some(unit) {
            changed.push((position, unit.clone()));
        }
    }
    let (before, after) = crate::files::document::workspace_around_units(workspace);
    let head_changed = image.before != before || image.after != after;
    Some(Diff {
        before,
        after,
        head_changed,
        whole: false,
        order: None,
        changed,
        removed: Vec::new(),
        generation: Some(changes.generation),
        hinted: true,
        deferred: Vec::new(),
    })
}

fn diff_with(
    image: Option<&Image>,
    workspace: &Workspace,
    rewrite: bool,
    hint: Option<&[&str]>,
    generation: Option<u64>,
    defer: bool,
) -> Diff {
    let hinted_unit = |id: &str| hint.is_some_and(|ids| ids.binary_search(&id).is_ok());
    let (before, after) = crate::files::document::workspace_around_units(workspace);
    let head_changed = image.is_none_or(|i| i.before != before || i.after != after);
    // The same units in the same order (the usual edit): compared
    // position by position, nothing allocated.
    let same_order = image.is_some_and(|i| {
        i.order.len() == workspace.units.len()
            && workspace
                .units
                .iter()
                .zip(&i.order)
                .all(|(u, id)| u.id == *id)
    });
    let order_changed = !same_order;
    // Over another tab's save, every record is written: what is stored is
    // not what this tab's image says. So too for a workspace stored raw
    // (as the upgrade found it, or not at all), at its first change.
    let raw = image.is_none_or(|i| i.whole);
    // Written whole whatever the units hold: nothing is looked up by id
    // (at 110,000 units, hashing them holds the page for 60 ms).
    let whole_anyway = rewrite || (raw && (head_changed || order_changed));
    // Otherwise by id: a unit added or removed, or two units under one id
    // (which cannot be two records: written whole).
    let by_id: Option<HashMap<&str, &Unit>> = match image {
        Some(i) if order_changed && !whole_anyway => Some(
            i.order
                .iter()
                .map(String::as_str)
                .zip(i.units.iter())
                .collect(),
        ),
        _ => None,
    };
    let ids: Option<HashSet<&str>> = (order_changed && !whole_anyway)
        .then(|| workspace.units.iter().map(|u| u.id.as_str()).collect());
    let duplicates = ids
        .as_ref()
        .is_some_and(|ids| ids.len() != workspace.units.len());
    // With a trusted hint, a unit it does not name is the image's own; it
    // is still looked up by id when the order changed, so that a unit the
    // image lacks is written.
    let unchanged = |position: usize, unit: &Unit| match (&by_id, image) {
        (Some(by_id), _) if hint.is_some() && !hinted_unit(&unit.id) => {
            by_id.contains_key(unit.id.as_str())
        }
        (Some(by_id), _) => by_id.get(unit.id.as_str()) == Some(&unit),
        (None, Some(_)) if hint.is_some() && !hinted_unit(&unit.id) => true,
        (None, Some(i)) => i.units.get(position) == Some(unit),
        (None, None) => false,
    };
    let any_unit_changed = || {
        workspace
            .units
            .iter()
            .enumerate()
            .any(|(p, u)| !unchanged(p, u))
    };
    let whole = whole_anyway || duplicates || (raw && any_unit_changed());
    let deferred: Vec<usize> = if whole && defer {
        (0..workspace.units.len()).collect()
    } else {
        Vec::new()
    };
    let changed: Vec<(usize, Unit)> = if whole && defer {
        Vec::new()
    } else {
        workspace
            .units
            .iter()
            .enumerate()
            .filter(|(position, unit)| whole || !unchanged(*position, unit))
            .map(|(position, unit)| (position, unit.clone()))
            .collect()
    };
    let removed: Vec<String> = match (image, &ids) {
        (Some(i), Some(ids)) if !whole => i
            .order
            .iter()
            .filter(|id| !ids.contains(id.as_str()))
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    let order =
        (order_changed || whole).then(|| workspace.units.iter().map(|u| u.id.clone()).collect());
    Diff {
        before,
        after,
        head_changed,
        whole,
        order,
        changed,
        removed,
        generation,
        hinted: hint.is_some() && !whole,
        deferred,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit::UnitKind;

    fn workspace(units: usize) -> Workspace {
        let mut w = Workspace::new("w", "W");
        for i in 0..units {
            w.units.push(Unit::new(
                format!("u{i}"),
                format!("Đơn vị {i}"),
                UnitKind::Htx,
            ));
        }
        w
    }

    /// The image after a save of `w` at change `generation`.
    fn saved(w: &Workspace, generation: u64) -> Image {
        let mut image = Image::of(w, false);
        image.generation = Some(generation);
        image
    }

    fn written(d: &Diff) -> Vec<&str> {
        d.changed.iter().map(|(_, u)| u.id.as_str()).collect()
    }

    #[test]
    fn a_hint_that_accounts_for_every_change_is_trusted() {
        let mut w = workspace(5);
        let image = saved(&w, 3);
        w.units[2].commune = "Bàng La".to_owned();
        let mut log = ChangeLog::default();
        log.record(4, vec!["u2".to_owned()]);
        let d = diff(
            Some(&image),
            &w,
            false,
            Some(Changes {
                generation: 4,
                log: &log,
            }),
        );
        assert!(d.hinted);
        assert_eq!(written(&d), vec!["u2"]);
        assert!(!d.head_changed && d.order.is_none() && d.removed.is_empty());
    }

    #[test]
    fn a_change_the_log_lacks_makes_the_save_compare_everything() {
        let mut w = workspace(5);
        let image = saved(&w, 3);
        // Change 4: not hinted (an import, say) touched u0; change 5: the
        // form's edit of u2, hinted.
        w.units[0].name = "Đổi tên".to_owned();
        w.units[2].commune = "Bàng La".to_owned();
        let mut log = ChangeLog::default();
        log.record(5, vec!["u2".to_owned()]);
        let d = diff(
            Some(&image),
            &w,
            false,
            Some(Changes {
                generation: 5,
                log: &log,
            }),
        );
        assert!(!d.hinted);
        assert_eq!(written(&d), vec!["u0", "u2"]);
    }

    #[test]
    fn a_stale_hint_is_not_trusted() {
        let mut w = workspace(5);
        // The image is at change 6; the log still holds change 4's hint and
        // says nothing of 7, which touched u1 and u3.
        let image = saved(&w, 6);
        w.units[1].commune = "x".to_owned();
        w.units[3].commune = "y".to_owned();
        let mut log = ChangeLog::default();
        log.record(4, vec!["u1".to_owned()]);
        let d = diff(
            Some(&image),
            &w,
            false,
            Some(Changes {
                generation: 7,
                log: &log,
            }),
        );
        assert!(!d.hinted);
        assert_eq!(written(&d), vec!["u1", "u3"]);
        // A number behind the image's (a wrong count) is not trusted either.
        let d = diff(
            Some(&image),
            &w,
            false,
            Some(Changes {
                generation: 5,
                log: &log,
            }),
        );
        assert!(!d.hinted);
        assert_eq!(written(&d), vec!["u1", "u3"]);
    }

    #[test]
    fn an_image_of_unknown_number_compares_everything() {
        let mut w = workspace(3);
        let image = Image::of(&w, false);
        w.units[0].commune = "x".to_owned();
        w.units[1].commune = "y".to_owned();
        let mut log = ChangeLog::default();
        log.record(1, vec!["u1".to_owned()]);
        let d = diff(
            Some(&image),
            &w,
            false,
            Some(Changes {
                generation: 1,
                log: &log,
            }),
        );
        assert!(!d.hinted);
        assert_eq!(written(&d), vec!["u0", "u1"]);
    }

    #[test]
    fn hinted_insertions_and_removals_write_what_changed() {
        let mut w = workspace(4);
        let image = saved(&w, 0);
        let mut log = ChangeLog::default();
        // 1: a unit added at the end; 2: u1 removed; 3: the head changed
        // with no unit (a plan edit that said so).
        w.units.push(Unit::new("u9", "Mới", UnitKind::Tht));
        log.record(1, vec!["u9".to_owned()]);
        w.units.remove(1);
        log.record(2, Vec::new());
        w.name = "Tên mới".to_owned();
        log.record(3, Vec::new());
        let d = diff(
            Some(&image),
            &w,
            false,
            Some(Changes {
                generation: 3,
                log: &log,
            }),
        );
        assert!(d.hinted);
        assert_eq!(written(&d), vec!["u9"]);
        assert_eq!(d.removed, vec!["u1".to_owned()]);
        assert!(d.head_changed);
        assert_eq!(
            d.order,
            Some(vec![
                "u0".to_owned(),
                "u2".to_owned(),
                "u3".to_owned(),
                "u9".to_owned()
            ])
        );
    }

    #[test]
    fn the_image_after_applying_a_diff_is_the_workspace() {
        let mut w = workspace(6);
        let mut image = saved(&w, 0);
        let mut log = ChangeLog::default();
        w.units[4].commune = "a".to_owned();
        log.record(1, vec!["u4".to_owned()]);
        let d = diff(
            Some(&image),
            &w,
            false,
            Some(Changes {
                generation: 1,
                log: &log,
            }),
        );
        image.apply(d);
        assert_eq!(image.units, w.units);
        assert_eq!(image.generation, Some(1));
        w.units.swap(0, 5);
        w.units.remove(2);
        let d = diff(Some(&image), &w, false, None);
        assert!(!d.hinted);
        image.apply(d);
        assert_eq!(image.units, w.units);
        assert_eq!(
            image.order,
            w.units.iter().map(|u| u.id.clone()).collect::<Vec<_>>()
        );
        // Saved without a number: no hint is trusted after it.
        assert_eq!(image.generation, None);
        log.forget_through(1);
        assert_eq!(log.units_between(1, 1), Some(HashSet::new()));
        assert_eq!(log.units_between(1, 2), None);
    }

    #[test]
    fn edits_in_place_compare_only_their_places_and_are_checked() {
        let mut w = workspace(6);
        let image = saved(&w, 0);
        let mut log = ChangeLog::default();
        w.units[4].commune = "a".to_owned();
        log.record_replaced(1, "u4".to_owned(), 4);
        w.units[1].commune = "b".to_owned();
        log.record_replaced(2, "u1".to_owned(), 1);
        let d = diff(
            Some(&image),
            &w,
            false,
            Some(Changes {
                generation: 2,
                log: &log,
            }),
        );
        assert!(d.hinted);
        assert_eq!(written(&d), vec!["u1", "u4"]);
        assert!(d.order.is_none() && d.removed.is_empty() && !d.head_changed);
        // A change not logged (3) between: everything is compared.
        w.units[0].commune = "c".to_owned();
        w.units[2].commune = "d".to_owned();
        log.record_replaced(4, "u2".to_owned(), 2);
        let d = diff(
            Some(&image),
            &w,
            false,
            Some(Changes {
                generation: 4,
                log: &log,
            }),
        );
        assert!(!d.hinted);
        assert_eq!(written(&d), vec!["u0", "u1", "u2", "u4"]);
        // A place that now holds another id (the edit renamed it): not
        // trusted as in place; the order is written.
        let mut w = workspace(3);
        let image = saved(&w, 0);
        let mut log = ChangeLog::default();
        w.units[1].id = "u9".to_owned();
        log.record_replaced(1, "u9".to_owned(), 1);
        let d = diff(
            Some(&image),
            &w,
            false,
            Some(Changes {
                generation: 1,
                log: &log,
            }),
        );
        assert_eq!(written(&d), vec!["u9"]);
        assert_eq!(d.removed, vec!["u1".to_owned()]);
        assert!(d.order.is_some());
    }

    #[test]
    fn the_log_forgets_out_of_order_numbers() {
        let mut log = ChangeLog::default();
        log.record(5, vec!["a".to_owned()]);
        log.record(6, vec!["b".to_owned()]);
        assert_eq!(log.units_between(4, 6).map(|s| s.len()), Some(2));
        // A number going back (a counter restarted): nothing before is kept.
        log.record(2, vec!["c".to_owned()]);
        assert_eq!(log.units_between(4, 6), None);
        assert_eq!(log.units_between(1, 2).map(|s| s.len()), Some(1));
    }

    /// Takes every deferred unit, `most` at a time.
    fn take_all(d: &mut Diff, w: &Workspace, most: usize) -> Result<(), Moved> {
        for _ in 0..=w.units.len() {
            if d.take(w, most)? {
                return Ok(());
            }
        }
        panic!("take never finished");
    }

    #[test]
    fn a_deferred_diff_taken_in_slices_is_the_diff() {
        let w = workspace(7);
        // First save (nothing known), over another tab's save, and of a
        // workspace stored raw: every unit is written.
        let mut raw = saved(&w, 0);
        raw.whole = true;
        let mut renamed = w.clone();
        renamed.name = "Khác".to_owned();
        for (image, rewrite, ws) in [
            (None, false, &w),
            (Some(saved(&w, 0)), true, &w),
            (Some(raw), false, &renamed),
        ] {
            let direct = diff(image.as_ref(), ws, rewrite, None);
            assert!(direct.whole);
            let mut deferred = diff_deferring(image.as_ref(), ws, rewrite, None);
            assert!(deferred.changed.is_empty());
            assert_eq!(deferred.deferred.len(), 7);
            assert!(!deferred.is_empty());
            take_all(&mut deferred, ws, 3).expect("nothing moved");
            assert_eq!(deferred, direct);
        }
        // Not a whole save: nothing is deferred.
        let mut edited = w.clone();
        edited.units[3].commune = "Bàng La".to_owned();
        let d = diff_deferring(Some(&saved(&w, 0)), &edited, false, None);
        assert!(d.deferred.is_empty());
        assert_eq!(written(&d), vec!["u3"]);
    }

    #[test]
    fn a_unit_changed_in_place_while_taken_is_written_as_it_is_now() {
        let mut w = workspace(6);
        let mut d = diff_deferring(None, &w, false, None);
        assert_eq!(d.take(&w, 2), Ok(false));
        // Edited in place before its turn, and after it.
        w.units[4].commune = "Sau".to_owned();
        w.units[0].commune = "Trước".to_owned();
        take_all(&mut d, &w, 2).expect("nothing moved");
        assert_eq!(d.changed[4].1.commune, "Sau");
        assert_eq!(d.changed[0].1.commune, "");
        // The image is what was written, unit for unit.
        let mut image = Image::default();
        image.apply(d);
        assert_eq!(image.order.len(), 6);
        assert_eq!(image.units[4].commune, "Sau");
        assert_eq!(image.units[0].commune, "");
        assert!(!image.whole);
    }

    #[test]
    fn a_unit_added_removed_or_moved_while_taken_makes_the_diff_stale() {
        let w = workspace(5);
        let mut d = diff_deferring(None, &w, false, None);
        assert_eq!(d.take(&w, 2), Ok(false));
        let mut removed = w.clone();
        removed.units.remove(4);
        assert_eq!(d.clone().take(&removed, 2), Err(Moved));
        let mut swapped = w.clone();
        swapped.units.swap(2, 3);
        assert_eq!(d.clone().take(&swapped, 2), Err(Moved));
        let mut added = w.clone();
        added
            .units
            .push(Unit::new("u9".to_owned(), "Mới".to_owned(), UnitKind::Htx));
        assert_eq!(d.take(&added, 2), Err(Moved));
    }

    #[test]
    fn a_whole_save_applied_gives_the_image_of_the_workspace() {
        let w = workspace(5);
        let mut image = saved(&workspace(2), 0);
        image.apply(diff(Some(&image.clone()), &w, true, None));
        let expected = Image::of(&w, false);
        assert_eq!(image.order, expected.order);
        assert_eq!(image.units, expected.units);
        assert_eq!(
            (image.before, image.after),
            (expected.before, expected.after)
        );
        assert!(!image.whole);
    }
}
