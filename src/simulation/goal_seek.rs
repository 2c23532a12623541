//! Goal seek: the value of a model's main lever that just meets a goal,
//! with every other input held.
//!
//! Each model solves in closed form where one exists (the GRDP share's
//! constant growth rate, the backlog's rate, the exemplary count's pace)
//! and by [`bisect`] where the dynamics have no inverse (training seats).
//! The tests check the closed forms against [`bisect`]. When no value can
//! work, the answer says why, in an enum — never a NaN.

use crate::i18n::Text;

/// The lever a goal seek moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lever {
    /// GRDP share: a constant growth rate of collective value added per year.
    ValueAddedGrowth,
    /// Training: seats per year.
    SeatsPerYear,
    /// Backlog: units processed per month.
    UnitsPerMonth,
    /// Exemplary: recognitions per year.
    RecognitionsPerYear,
}

/// What it would take.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Answer {
    /// The lever must be at least this value.
    Needed(f64),
    /// The goal is met with the lever at zero (or already met).
    AlreadyMet,
    /// The deadline has passed (or leaves no time), so no lever helps.
    DeadlinePassed,
    /// No value of the lever meets the goal.
    NotReachable(Unreachable),
    /// An input the answer depends on is zero or missing.
    NoData,
}

/// Why no value of the lever works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unreachable {
    /// There are not enough candidates (units, people) left to reach it.
    TooFewCandidates,
    /// Even training every manager every year falls short (turnover, or
    /// trainees' qualifications too low).
    EvenAtFullCapacity,
}

impl Unreachable {
    pub fn text(self) -> Text {
        match self {
            Unreachable::TooFewCandidates => Text::new(
                "không đủ đối tượng còn lại để đạt mục tiêu",
                "there are not enough candidates left to reach it",
            ),
            Unreachable::EvenAtFullCapacity => Text::new(
                "kể cả khi đào tạo toàn bộ mỗi năm cũng không đạt",
                "even training everyone every year falls short",
            ),
        }
    }
}

/// Answers counted in people or cooperatives are whole numbers: the
/// smallest whole number not below `value` (one a hair off a whole number
/// by rounding is that number), and whether it had to be rounded up.
pub fn whole_up(value: f64) -> (f64, bool) {
    let nearest = value.round();
    if (value - nearest).abs() <= 1e-9 * value.abs().max(1.0) {
        (nearest, false)
    } else {
        (value.ceil(), true)
    }
}

/// One goal-seek answer.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalSeek {
    pub goal: usize,
    pub lever: Lever,
    pub answer: Answer,
}

/// The smallest `x` in `[low, high]` with `meets(x)`, to within
/// `tolerance`, for a `meets` that is false below some point and true
/// from it on. `None` when even `high` does not meet; `Some(low)` when
/// `low` already does.
pub fn bisect(
    mut low: f64,
    mut high: f64,
    tolerance: f64,
    meets: &dyn Fn(f64) -> bool,
) -> Option<f64> {
    if !(low.is_finite() && high.is_finite()) || low > high {
        return None;
    }
    if meets(low) {
        return Some(low);
    }
    if !meets(high) {
        return None;
    }
    // 200 halvings take any finite interval below any tolerance.
    for _ in 0..200 {
        if high - low <= tolerance {
            break;
        }
        let middle = low + (high - low) / 2.0;
        if meets(middle) {
            high = middle;
        } else {
            low = middle;
        }
    }
    Some(high)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_answers_round_up_and_say_so() {
        assert_eq!(whole_up(0.1), (1.0, true));
        assert_eq!(whole_up(2.0), (2.0, false));
        assert_eq!(whole_up(3.000_000_000_01), (3.0, false));
        assert_eq!(whole_up(2.999_999_999_999_9), (3.0, false));
        assert_eq!(whole_up(4.2), (5.0, true));
        assert_eq!(whole_up(0.0), (0.0, false));
    }
}
