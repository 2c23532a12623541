//! Stable sorts through one instance of the standard library's sort.
//!
//! `slice::sort_by` is compiled once per element type and comparison: about
//! 3.5 KB of wasm each, twenty of them in the app (issue 12's size work
//! found 79 KB of sort code). [`sort_by`] is a thin generic shell: it sorts
//! the elements' positions with the standard library's stable sort, the
//! comparison behind a `dyn` so that one instance serves every caller, then
//! moves the elements into that order. A stable sort's result is fixed by
//! its comparison, so the order is the one `slice::sort_by` gives.

use std::cmp::Ordering;

/// Sorts `items` as `items.sort_by(compare)` does (stable).
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &|a, b| compare(&items[a], &items[b]));
    permute(items, &mut order);
}

/// Sorts `items` as `items.sort_by_key(key)` does (stable).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` as `items.sort()` does (stable).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The one instance of the standard library's stable sort.
#[inline(never)]
fn sort_positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Moves `items[order[i]]` to position `i`, cycle by cycle; `order` is used
/// up (each position, once placed, points at itself).
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut current = start;
        loop {
            let next = order[current];
            order[current] = current;
            if next == start || next == current {
                break;
            }
            items.swap(current, next);
            current = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By the first half only, so stability shows.
    fn by_first(a: &(u8, usize), b: &(u8, usize)) -> Ordering {
        a.0.cmp(&b.0)
    }

    #[test]
    fn sorts_as_the_standard_library_does() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for length in 0..200 {
            let items: Vec<(u8, usize)> = (0..length)
                .map(|index| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    ((seed % 7) as u8, index)
                })
                .collect();
            let mut ours = items.clone();
            sort_by(&mut ours, by_first);
            let mut theirs = items.clone();
            theirs.sort_by(by_first);
            assert_eq!(ours, theirs);
            let mut ours = items.clone();
            sort_by_key(&mut ours, |a| std::cmp::Reverse(a.0));
            let mut theirs = items.clone();
            theirs.sort_by_key(|a| std::cmp::Reverse(a.0));
            assert_eq!(ours, theirs);
            let mut ours = items.clone();
            sort(&mut ours);
            let mut theirs = items;
            theirs.sort();
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn moves_owned_values() {
        let mut names: Vec<String> = ["lúa", "cá", "muối", "chè", "cá"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort(&mut names);
        assert_eq!(names, ["chè", "cá", "cá", "lúa", "muối"]);
    }
}
