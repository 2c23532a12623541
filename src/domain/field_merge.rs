//! A record's fields merged three ways: what a form was opened from (the
//! base), what the user has made of it here (mine) and what is stored now,
//! perhaps saved by another tab meanwhile (theirs).
//!
//! Every form that edits a stored record goes through [`merge`] before it
//! saves, so that it writes only the fields changed here and never
//! overwrites a field another tab saved: a field changed only there takes
//! their value, a field changed only here keeps the user's, and a field
//! changed on both sides to different values is a conflict that waits for
//! the user's choice ([`choose`]), said by [`choice_text`] (drawn by the
//! app's `ConflictChoice` component). The unit, year and city forms
//! ([`crate::edit::form`]) give it their values as `(field, value)` pairs
//! named by their typed fields; the task form ([`crate::edit::task_form`]),
//! scenarios ([`crate::simulation::workbench`]) and self-assessments
//! ([`crate::assessment::shown`]) as `(field, value)` texts; the plan
//! editor merges its typed fields the same way ([`crate::edit::plan_draft`]).
//!
//! A field missing from a side has no value there (an override not set, an
//! entry not entered): it is compared as the empty text. Values are texts
//! so that one copy of this code serves every form.

use crate::i18n::Lang;

/// A record as `(field, value)` pairs, each field once.
pub type Fields = Vec<(String, String)>;

/// The value of `field` in `fields`, empty when it has none.
pub fn value<'a>(fields: &'a [(String, String)], field: &str) -> &'a str {
    fields
        .iter()
        .find(|(f, _)| f == field)
        .map_or("", |(_, v)| v.as_str())
}

/// Sets `field` to `value` in `fields`; the empty value removes it.
pub fn set(fields: &mut Fields, field: &str, value: &str) {
    let at = fields.iter().position(|(f, _)| f == field);
    match (at, value.is_empty()) {
        (Some(i), true) => {
            fields.remove(i);
        }
        (Some(i), false) => {
            if let Some(slot) = fields.get_mut(i) {
                value.clone_into(&mut slot.1);
            }
        }
        (None, false) => fields.push((field.to_owned(), value.to_owned())),
        (None, true) => {}
    }
}

/// What [`merge`] made of the three sides, whose fields are named by `K`
/// (a text, or a form's typed field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged<K = String> {
    /// What the form holds now: theirs, with the user's changes on top (a
    /// conflicting field keeps the user's value until the choice). Every
    /// field of any side is there, an empty one with the empty text.
    pub mine: Vec<(K, String)>,
    /// The new base: theirs, except that a conflicting field keeps its old
    /// base, so that it stays in conflict until the user chooses.
    pub base: Vec<(K, String)>,
    /// Fields not changed here that took a new value from theirs.
    pub updated: Vec<K>,
    /// Fields changed here and there to different values, with theirs.
    pub conflicts: Vec<(K, String)>,
}

impl<K> Default for Merged<K> {
    fn default() -> Self {
        Merged {
            mine: Vec::new(),
            base: Vec::new(),
            updated: Vec::new(),
            conflicts: Vec::new(),
        }
    }
}

/// The value of `field` in `fields`, empty when it has none.
fn value_of<'a, K: PartialEq>(fields: &'a [(K, String)], field: &K) -> &'a str {
    fields
        .iter()
        .find(|(f, _)| f == field)
        .map_or("", |(_, v)| v.as_str())
}

/// Merges `theirs` into `mine`, field by field, against `base` (see the
/// module's documentation). `same(field, a, b)` says whether two texts of a
/// field mean the same value ("4.800" and "4800" may); the order of the
/// fields is theirs', then those only the user has. Fields are named by
/// any `K` that can be compared: the entry forms name them by their typed
/// fields ([`crate::edit::form_field::Field`]), the other forms by text.
pub fn merge<K: Clone + PartialEq>(
    base: &[(K, String)],
    mine: &[(K, String)],
    theirs: &[(K, String)],
    same: &dyn Fn(&K, &str, &str) -> bool,
) -> Merged<K> {
    let mut out = Merged::default();
    let names = theirs.iter().chain(mine).chain(base).map(|(f, _)| f);
    let mut seen: Vec<&K> = Vec::new();
    for name in names {
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        let (b, m, t) = (
            value_of(base, name),
            value_of(mine, name),
            value_of(theirs, name),
        );
        let same = |x: &str, y: &str| x == y || same(name, x, y);
        let (kept, new_base) = if same(m, b) {
            if !same(t, b) {
                out.updated.push(name.clone());
            }
            (t, t)
        } else if same(t, b) || same(m, t) {
            (m, t)
        } else {
            out.conflicts.push((name.clone(), t.to_owned()));
            (m, b)
        };
        out.mine.push((name.clone(), kept.to_owned()));
        out.base.push((name.clone(), new_base.to_owned()));
    }
    out
}

/// Whether two sides hold the same values, field by field.
pub fn same_fields<K: PartialEq>(
    a: &[(K, String)],
    b: &[(K, String)],
    same: &dyn Fn(&K, &str, &str) -> bool,
) -> bool {
    a.iter().chain(b).all(|(f, _)| {
        let (x, y) = (value_of(a, f), value_of(b, f));
        x == y || same(f, x, y)
    })
}

/// Texts are the same only when equal, whatever the field.
pub fn equal<K: ?Sized>(_field: &K, a: &str, b: &str) -> bool {
    a == b
}

/// The user's choice for a field in conflict, whose stored value is
/// `theirs`: keep the value here (`keep_mine`) or take theirs. Either way
/// theirs becomes the field's base, so the field is no longer in conflict.
pub fn choose(base: &mut Fields, mine: &mut Fields, field: &str, theirs: &str, keep_mine: bool) {
    set(base, field, theirs);
    if !keep_mine {
        set(mine, field, theirs);
    }
}

/// What is said beside a field changed here and by another save: the
/// other value as the user reads it (`shown`, empty for none) and the
/// choice to make.
pub fn choice_text(shown: &str, lang: Lang) -> String {
    let shown = if shown.is_empty() {
        lang.pick("(trống)", "(empty)")
    } else {
        shown
    };
    format!(
        "{} {shown} — {}",
        lang.pick("Tab khác vừa lưu:", "Another tab just saved:"),
        lang.pick(
            "giữ giá trị của bạn hoặc lấy giá trị kia",
            "keep your value or take the other one"
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(f, v)| ((*f).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn fields_changed_on_one_side_are_all_kept() {
        let base = fields(&[("a", "1"), ("b", "2"), ("c", "3")]);
        let mine = fields(&[("a", "10"), ("b", "2"), ("c", "3"), ("new", "x")]);
        let theirs = fields(&[("a", "1"), ("b", "20"), ("d", "4")]);
        let merged = merge(&base, &mine, &theirs, &equal);
        assert_eq!(
            merged.mine,
            fields(&[
                ("a", "10"),
                ("b", "20"),
                ("d", "4"),
                ("c", ""),
                ("new", "x")
            ]),
            "c was removed there and not touched here"
        );
        assert_eq!(
            merged.base,
            fields(&[("a", "1"), ("b", "20"), ("d", "4"), ("c", ""), ("new", "")])
        );
        assert_eq!(merged.updated, ["b", "d", "c"]);
        assert!(merged.conflicts.is_empty());
    }

    #[test]
    fn a_field_changed_on_both_sides_waits_for_the_choice() {
        let base = fields(&[("a", "1"), ("b", "2")]);
        let mine = fields(&[("a", "10"), ("b", "5")]);
        let theirs = fields(&[("a", "11"), ("b", "5")]);
        let merged = merge(&base, &mine, &theirs, &equal);
        assert_eq!(merged.conflicts, [("a".to_owned(), "11".to_owned())]);
        assert_eq!(merged.mine, mine, "the user's value stays on screen");
        assert_eq!(value(&merged.base, "a"), "1", "still in conflict");
        assert_eq!(value(&merged.base, "b"), "5", "the same change is none");
        // Merging again without a choice still finds it.
        let again = merge(&merged.base, &merged.mine, &theirs, &equal);
        assert_eq!(again.conflicts, merged.conflicts);

        for keep_mine in [true, false] {
            let (mut base, mut mine) = (merged.base.clone(), merged.mine.clone());
            choose(&mut base, &mut mine, "a", "11", keep_mine);
            let after = merge(&base, &mine, &theirs, &equal);
            assert!(after.conflicts.is_empty());
            let expected = if keep_mine { "10" } else { "11" };
            assert_eq!(value(&after.mine, "a"), expected);
        }
        // A field deleted there but changed here is a conflict too.
        let gone = merge(&base, &mine, &fields(&[("b", "2")]), &equal);
        assert_eq!(gone.conflicts, [("a".to_owned(), String::new())]);
    }

    #[test]
    fn sameness_is_the_callers() {
        let same = |_: &String, a: &str, b: &str| a.replace('.', "") == b.replace('.', "");
        let base = fields(&[("n", "4800")]);
        let mine = fields(&[("n", "4.800")]);
        let theirs = fields(&[("n", "5000")]);
        let merged = merge(&base, &mine, &theirs, &same);
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.mine, theirs, "4.800 is no change of 4800");
        assert!(same_fields(&theirs, &merged.mine, &equal));
        assert!(same_fields(&base, &mine, &same));
        assert!(!same_fields(&base, &theirs, &same));
        assert!(!same_fields(&base, &[], &equal));
    }

    #[test]
    fn the_choice_says_the_other_value_in_the_page_s_language() {
        assert!(
            choice_text("", Lang::Vi).contains("Tab khác vừa lưu: (trống) — giữ giá trị"),
            "{}",
            choice_text("", Lang::Vi)
        );
        assert!(
            choice_text("<5>", Lang::En).contains("Another tab just saved: <5> — keep your value")
        );
    }
}
