//! Trình chiếu: what presentation mode shows. One slide per target — its
//! card and its trend in large type — and a time line of month ends that
//! walks the as-of date through the plan's years, so a room sees statuses
//! change. As data, no markup: the page (`app::pages::present`) draws the
//! slide and holds the keys and buttons.

use chrono::{Datelike, NaiveDate};

use crate::domain::indicator::Evaluation;
use crate::domain::workspace::Workspace;
use crate::i18n::Lang;
use crate::report::{trend_chart, TargetCard, TrendChart};

/// The month ends the time slider steps through: from January of the
/// plan's baseline year to December of its end year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeline {
    pub first_year: i32,
    pub last_year: i32,
}

impl Timeline {
    pub fn of(w: &Workspace) -> Timeline {
        // Bounded: a stored plan's years may never have been checked.
        let (baseline, start, end) = w.plan.bounded_years();
        let first_year = baseline.min(start);
        Timeline {
            first_year,
            last_year: end.max(first_year),
        }
    }

    /// The index of the last step (steps are 0..=last).
    pub fn last(self) -> u32 {
        u32::try_from((self.last_year - self.first_year) * 12 + 11).unwrap_or(0)
    }

    /// The last day of the month `index` steps after January of the first year.
    pub fn month_end(self, index: u32) -> NaiveDate {
        let index = index.min(self.last());
        let year = self.first_year + (index / 12) as i32;
        let month = index % 12 + 1;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MIN)
    }

    /// The step whose month holds `date`, clamped to the time line.
    pub fn index_of(self, date: NaiveDate) -> u32 {
        let index = (date.year() - self.first_year) * 12 + date.month0() as i32;
        u32::try_from(index.max(0)).unwrap_or(0).min(self.last())
    }
}

/// One slide: a target's card (when it was evaluated) and its trend.
#[derive(Debug, Clone, PartialEq)]
pub struct Slide {
    pub card: Option<TargetCard>,
    pub chart: TrendChart,
}

/// Slide `index` (0-based; clamped to the plan's targets); `None` when the
/// plan has no targets.
pub fn slide(
    w: &Workspace,
    evaluations: &[Evaluation],
    index: usize,
    as_of: NaiveDate,
    lang: Lang,
) -> Option<Slide> {
    let last = w.plan.targets.len().checked_sub(1)?;
    let target = w.plan.targets.get(index.min(last))?;
    let card = evaluations
        .iter()
        .find(|e| e.target_id == target.id)
        .map(|evaluation| TargetCard::new(target, evaluation, as_of, lang));
    Some(Slide {
        card,
        chart: trend_chart(w, target, lang),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_workspace;
    use crate::domain::indicator::evaluate_all;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_timeline_walks_month_ends_of_the_plan_years() {
        let line = Timeline {
            first_year: 2017,
            last_year: 2020,
        };
        assert_eq!(line.last(), 47);
        assert_eq!(line.month_end(0), date(2017, 1, 31));
        assert_eq!(line.month_end(1), date(2017, 2, 28));
        assert_eq!(line.month_end(37), date(2020, 2, 29));
        assert_eq!(line.month_end(47), date(2020, 12, 31));
        assert_eq!(line.month_end(500), date(2020, 12, 31));
        for index in 0..=line.last() {
            assert_eq!(line.index_of(line.month_end(index)), index);
        }
        assert_eq!(line.index_of(date(1999, 5, 1)), 0);
        assert_eq!(line.index_of(date(2031, 5, 1)), 47);
    }

    #[test]
    fn a_slide_shows_one_target_with_its_trend() {
        let w = demo_workspace();
        let as_of = date(2019, 7, 31);
        let evaluations = evaluate_all(&w, as_of);
        let first = slide(&w, &evaluations, 0, as_of, Lang::Vi).expect("a slide");
        assert_eq!(first.card.map(|c| c.id), Some("T1".to_owned()));
        assert_eq!(first.chart.head.id, "trend-T1");
        assert!(!first.chart.dots.is_empty());
        let past_the_end = slide(&w, &evaluations, 99, as_of, Lang::En).expect("a slide");
        let last = &w.plan.targets[w.plan.targets.len() - 1].id;
        assert_eq!(past_the_end.card.map(|c| c.id).as_ref(), Some(last));
        let mut empty = w.clone();
        empty.plan.targets.clear();
        assert_eq!(slide(&empty, &evaluations, 0, as_of, Lang::Vi), None);
    }
}
