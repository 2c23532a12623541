//! Sorting for the short lists the app sorts (a unit's years, a dozen
//! districts, a page's notices): insertion sort, stable.
//!
//! The standard library's sorts are fast on large inputs but each use with
//! a new element type or comparator adds a few kilobytes of WebAssembly;
//! ten of them cost more than a page of the app. These lists never hold
//! more than a few hundred items, where insertion sort is as fast.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`. Quadratic: for short lists only.
pub fn sort_small_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `items` stably by a key.
pub fn sort_small_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_small_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts positions by `compare` of what they point to: a stable bottom-up
/// merge sort, O(n log n), for the long lists (a city's units in a table).
/// It works on `usize` only, so every caller shares one compact instance
/// of the loop instead of the standard sort's per-type code.
pub fn sort_positions_by(positions: &mut Vec<usize>, compare: &dyn Fn(usize, usize) -> Ordering) {
    let n = positions.len();
    let mut from = std::mem::take(positions);
    let mut to = vec![0usize; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let middle = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j, mut k) = (start, middle, start);
            while k < end {
                let take_left = j >= end
                    || (i < middle
                        && compare(
                            from.get(i).copied().unwrap_or(0),
                            from.get(j).copied().unwrap_or(0),
                        ) != Ordering::Greater);
                let source = if take_left { &mut i } else { &mut j };
                if let (Some(slot), Some(value)) = (to.get_mut(k), from.get(*source)) {
                    *slot = *value;
                }
                *source += 1;
                k += 1;
            }
            start = end;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    *positions = from;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_small_by_key(&mut items, |item| item.0);
        assert_eq!(
            items,
            vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]
        );
        let mut empty: Vec<i32> = Vec::new();
        sort_small_by(&mut empty, |a, b| a.cmp(b));
        assert!(empty.is_empty());
    }

    // proptest builds natively only.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn positions_sort_like_the_standard_stable_sort(keys in proptest::collection::vec(0u8..6, 0..300)) {
            let mut positions: Vec<usize> = (0..keys.len()).collect();
            sort_positions_by(&mut positions, &|a, b| keys[a].cmp(&keys[b]));
            let mut expected: Vec<usize> = (0..keys.len()).collect();
            expected.sort_by_key(|&i| keys[i]);
            proptest::prop_assert_eq!(positions, expected);
        }

        #[test]
        fn agrees_with_the_standard_stable_sort(mut items in proptest::collection::vec((0u8..5, proptest::num::u16::ANY), 0..60)) {
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            sort_small_by_key(&mut items, |item| item.0);
            proptest::prop_assert_eq!(items, expected);
        }
    }
}
