//! One tolerance for every comparison of a figure with a target or a legal
//! threshold, on the dashboard, in the simulation and in the legal checks
//! alike (DESIGN.md §2, "Verdict rules").
//!
//! Shares and amounts are doubles, so a figure that is exactly on its target
//! in decimal arithmetic can land a hair below it: ten units of 100.8 over a
//! GRDP of 100,800 is 0.009999999999999998, which the page shows as "1,0 %".
//! One part in 10¹², relative to the larger of the two figures, is far below
//! the precision of anything a cooperative reports and above the rounding of
//! doubles, so such a figure *is* its target. A strict comparison ("trên
//! 50 %") needs the figure to be above the target by more than the same
//! tolerance, so exactly 50 % is never "above" 50 %.

/// One part in 10¹², relative.
pub const RELATIVE: f64 = 1e-12;

fn slack(a: f64, b: f64) -> f64 {
    RELATIVE * a.abs().max(b.abs())
}

/// Whether `value ≥ target`, within the tolerance.
pub fn at_least(value: f64, target: f64) -> bool {
    value >= target - slack(value, target)
}

/// Whether `value > target` by more than the tolerance.
pub fn more_than(value: f64, target: f64) -> bool {
    value > target + slack(value, target)
}

/// Whether `value ≤ limit`, within the tolerance.
pub fn at_most(value: f64, limit: f64) -> bool {
    value <= limit + slack(value, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_a_hair_below_its_target_by_rounding_meets_it() {
        // T3 at exactly 1.0 %: ten units of 100.8 over a GRDP of 100,800.
        let value_added: f64 = (0..10).map(|_| 100.8).sum();
        let share = value_added / 100_800.0;
        assert!(share < 0.01, "the double really is below: {share}");
        assert!(at_least(share, 0.01));
        assert!(!more_than(share, 0.01));
        assert!(at_most(0.1 * 3.0, 0.3) && at_most(0.3, 0.1 * 3.0));
    }

    #[test]
    fn a_real_difference_is_not_swallowed() {
        assert!(!at_least(0.0099999, 0.01));
        assert!(!at_least(0.01 * (1.0 - 1e-11), 0.01));
        assert!(more_than(0.500001, 0.5));
        assert!(!at_most(20.01, 20.0));
    }

    #[test]
    fn strict_means_strict_at_the_target_itself() {
        assert!(!more_than(0.5, 0.5));
        assert!(!more_than(0.5 + 1e-15, 0.5));
        assert!(at_least(0.5, 0.5));
    }
}
