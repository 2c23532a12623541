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
        fn agrees_with_the_standard_stable_sort(mut items in proptest::collection::vec((0u8..5, proptest::num::u16::ANY), 0..60)) {
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            sort_small_by_key(&mut items, |item| item.0);
            proptest::prop_assert_eq!(items, expected);
        }
    }
}
