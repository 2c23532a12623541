//! Tasks the plan assigns to agencies, and whether each is overdue.
//!
//! The plan's appendix (Phụ lục) is not in our copy of its text, so only the
//! two tasks of section IV ship built in ([`crate::domain::plan::Plan::hai_phong_135`]);
//! users enter the rest. A deadline may be a date, a quarter as plans write
//! it ("Quý II/2018"), the end of a year, or a yearly recurrence.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::i18n::format::format_date;
use crate::i18n::{Lang, Text};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TaskStatus {
    #[default]
    #[serde(rename = "not_started")]
    NotStarted,
    #[serde(rename = "in_progress")]
    InProgress,
    #[serde(rename = "done")]
    Done,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 3] = [
        TaskStatus::NotStarted,
        TaskStatus::InProgress,
        TaskStatus::Done,
    ];

    /// The key it is stored under (as its `serde(rename)` says; written in
    /// CSV files and forms too).
    pub fn stored_key(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "not_started",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Done => "done",
        }
    }

    /// The variant stored under `key` (a form's value).
    pub fn from_stored_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.stored_key() == key)
    }
}

impl TaskStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TaskStatus::NotStarted => lang.pick("Chưa bắt đầu", "Not started"),
            TaskStatus::InProgress => lang.pick("Đang thực hiện", "In progress"),
            TaskStatus::Done => lang.pick("Hoàn thành", "Done"),
        }
    }
}

/// When a task is due. Stored as `{"kind": "quarter", "year": 2018,
/// "quarter": 2}` and so on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TaskDeadline {
    /// A day.
    Date {
        #[serde(with = "crate::files::iso_date")]
        date: NaiveDate,
    },
    /// The end of a quarter (1–4) of a year: "Quý II/2018" is 30/06/2018.
    Quarter { year: i32, quarter: u32 },
    /// The end of a year: "năm 2020".
    Year { year: i32 },
    /// Every year, by a day of the year ("hằng năm, trước 15/12").
    Yearly { month: u32, day: u32 },
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

impl TaskDeadline {
    /// The day the task is due for the year of `as_of` (for a recurring
    /// task), or at all. `None` for an impossible date (30 February).
    pub fn due_date(self, as_of: NaiveDate) -> Option<NaiveDate> {
        match self {
            TaskDeadline::Date { date } => Some(date),
            TaskDeadline::Quarter { year, quarter } if (1..=4).contains(&quarter) => {
                let (month, day) = [(3, 31), (6, 30), (9, 30), (12, 31)][(quarter - 1) as usize];
                NaiveDate::from_ymd_opt(year, month, day)
            }
            TaskDeadline::Quarter { .. } => None,
            TaskDeadline::Year { year } => NaiveDate::from_ymd_opt(year, 12, 31),
            TaskDeadline::Yearly { month, day } => {
                NaiveDate::from_ymd_opt(as_of.year(), month, day)
            }
        }
    }

    pub fn describe(self, lang: Lang) -> String {
        match self {
            TaskDeadline::Date { date } => format_date(date, lang),
            TaskDeadline::Quarter { year, quarter } => {
                let roman = ROMAN
                    .get(quarter.wrapping_sub(1) as usize)
                    .copied()
                    .unwrap_or("?");
                format!("{} {roman}/{year}", lang.pick("Quý", "Quarter"))
            }
            TaskDeadline::Year { year } => format!("{} {year}", lang.pick("Năm", "Year")),
            TaskDeadline::Yearly { month, day } => {
                format!(
                    "{} {day:02}/{month:02}",
                    lang.pick("Hằng năm, trước", "Every year, by")
                )
            }
        }
    }

    /// Reads what people type: "30/06/2018", "2018-06-30", "Quý II/2018" or
    /// "Q2/2018", "2020" or "năm 2020", "hằng năm 15/12" or "yearly 15/12".
    pub fn parse(text: &str) -> Option<TaskDeadline> {
        let lower = text.trim().to_lowercase();
        if let Some(date) = crate::i18n::format::parse_date(&lower) {
            return Some(TaskDeadline::Date { date });
        }
        for prefix in ["hằng năm", "hàng năm", "yearly", "every year"] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                let rest = rest.trim().trim_start_matches(',').trim();
                let rest = rest
                    .strip_prefix("trước")
                    .or_else(|| rest.strip_prefix("by"))
                    .unwrap_or(rest)
                    .trim();
                let (day, month) = rest.split_once('/')?;
                let (day, month) = (day.trim().parse().ok()?, month.trim().parse().ok()?);
                NaiveDate::from_ymd_opt(2000, month, day)?;
                return Some(TaskDeadline::Yearly { month, day });
            }
        }
        for prefix in ["quý", "quarter", "q"] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                let (quarter, year) = rest.trim().split_once('/')?;
                let quarter = quarter.trim();
                let quarter = ROMAN
                    .iter()
                    .position(|r| r.eq_ignore_ascii_case(quarter))
                    .map(|i| i as u32 + 1)
                    .or_else(|| quarter.parse().ok().filter(|q| (1..=4).contains(q)))?;
                return Some(TaskDeadline::Quarter {
                    year: year.trim().parse().ok()?,
                    quarter,
                });
            }
        }
        let year_text = lower
            .strip_prefix("năm")
            .or_else(|| lower.strip_prefix("year"))
            .unwrap_or(&lower)
            .trim();
        if year_text.len() == 4 {
            return year_text
                .parse()
                .ok()
                .map(|year| TaskDeadline::Year { year });
        }
        None
    }
}

/// One dated line of a task's progress log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressEntry {
    #[serde(with = "crate::files::iso_date")]
    pub date: NaiveDate,
    pub note: String,
}

/// A task the plan assigns to an agency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub title: Text,
    pub lead_agency: String,
    #[serde(default)]
    pub partner_agencies: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<TaskDeadline>,
    #[serde(default)]
    pub status: TaskStatus,
    #[serde(default)]
    pub notes: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub progress: Vec<ProgressEntry>,
    /// Where the task comes from ("Kế hoạch 135, mục IV.1"); empty for tasks
    /// users entered.
    #[serde(default)]
    pub source: String,
}

impl Task {
    /// Whether the task is overdue as of a date. A done task never is. A
    /// recurring task is overdue once this year's due day has passed with
    /// no progress logged this year; any other task once its due day has
    /// passed. The due day itself is on time.
    pub fn is_overdue(&self, as_of: NaiveDate) -> bool {
        if self.status == TaskStatus::Done {
            return false;
        }
        let Some(deadline) = self.deadline else {
            return false;
        };
        let Some(due) = deadline.due_date(as_of) else {
            return false;
        };
        if as_of <= due {
            return false;
        }
        match deadline {
            TaskDeadline::Yearly { .. } => !self
                .progress
                .iter()
                .any(|entry| entry.date.year() == as_of.year() && entry.date <= as_of),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn every_kind_of_deadline_is_read_back_as_written() {
        let deadlines = [
            TaskDeadline::Date {
                date: NaiveDate::from_ymd_opt(2019, 6, 30).unwrap(),
            },
            TaskDeadline::Quarter {
                year: 2018,
                quarter: 2,
            },
            TaskDeadline::Year { year: 2020 },
            TaskDeadline::Yearly { month: 12, day: 15 },
        ];
        for deadline in deadlines {
            let json = serde_json::to_string(&deadline).unwrap();
            assert_eq!(
                serde_json::from_str::<TaskDeadline>(&json).unwrap(),
                deadline,
                "{json}"
            );
        }
        // Keys in any order, unknown keys ignored.
        let shuffled = r#"{"quarter": 4, "note": "x", "year": 2019, "kind": "quarter"}"#;
        assert_eq!(
            serde_json::from_str::<TaskDeadline>(shuffled).unwrap(),
            TaskDeadline::Quarter {
                year: 2019,
                quarter: 4
            }
        );
        for bad in [
            r#"{"year": 2020}"#,
            r#"{"kind": "quarter", "year": 2020}"#,
            r#"{"kind": "date", "date": "2019-02-30"}"#,
            r#"{"kind": "month", "year": 2020}"#,
            r#"{"kind": "year", "year": "2020"}"#,
            r#""2020""#,
        ] {
            assert!(serde_json::from_str::<TaskDeadline>(bad).is_err(), "{bad}");
        }
    }

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn task(deadline: TaskDeadline) -> Task {
        Task {
            id: "t".to_owned(),
            title: Text::new("Việc", "Task"),
            lead_agency: "Sở Kế hoạch và Đầu tư".to_owned(),
            partner_agencies: Vec::new(),
            deadline: Some(deadline),
            status: TaskStatus::InProgress,
            notes: String::new(),
            progress: Vec::new(),
            source: String::new(),
        }
    }

    #[test]
    fn a_dated_task_is_overdue_the_day_after() {
        let t = task(TaskDeadline::Date {
            date: day(2018, 6, 30),
        });
        assert!(!t.is_overdue(day(2018, 6, 30)));
        assert!(t.is_overdue(day(2018, 7, 1)));
        let done = Task {
            status: TaskStatus::Done,
            ..t
        };
        assert!(!done.is_overdue(day(2019, 1, 1)));
    }

    #[test]
    fn a_quarter_ends_on_its_last_day() {
        let t = task(TaskDeadline::Quarter {
            year: 2018,
            quarter: 2,
        });
        assert!(!t.is_overdue(day(2018, 6, 30)));
        assert!(t.is_overdue(day(2018, 7, 1)));
        assert_eq!(
            TaskDeadline::Quarter {
                year: 2018,
                quarter: 4
            }
            .due_date(day(2018, 1, 1)),
            Some(day(2018, 12, 31))
        );
        assert!(!task(TaskDeadline::Quarter {
            year: 2018,
            quarter: 5
        })
        .is_overdue(day(2030, 1, 1)));
    }

    #[test]
    fn a_year_ends_on_31_december() {
        let t = task(TaskDeadline::Year { year: 2020 });
        assert!(!t.is_overdue(day(2020, 12, 31)));
        assert!(t.is_overdue(day(2021, 1, 1)));
    }

    #[test]
    fn a_yearly_task_is_overdue_without_progress_this_year() {
        let mut t = task(TaskDeadline::Yearly { month: 12, day: 15 });
        assert!(!t.is_overdue(day(2019, 12, 15)));
        assert!(t.is_overdue(day(2019, 12, 16)));
        t.progress.push(ProgressEntry {
            date: day(2019, 11, 2),
            note: "Báo cáo".to_owned(),
        });
        assert!(!t.is_overdue(day(2019, 12, 16)));
        // Last year's report does not cover this year.
        assert!(t.is_overdue(day(2020, 12, 16)));
    }

    #[test]
    fn deadlines_parse_as_people_write_them() {
        assert_eq!(
            TaskDeadline::parse("Quý II/2018"),
            Some(TaskDeadline::Quarter {
                year: 2018,
                quarter: 2
            })
        );
        assert_eq!(
            TaskDeadline::parse("q4/2019"),
            Some(TaskDeadline::Quarter {
                year: 2019,
                quarter: 4
            })
        );
        assert_eq!(
            TaskDeadline::parse("30/06/2018"),
            Some(TaskDeadline::Date {
                date: day(2018, 6, 30)
            })
        );
        assert_eq!(
            TaskDeadline::parse("năm 2020"),
            Some(TaskDeadline::Year { year: 2020 })
        );
        assert_eq!(
            TaskDeadline::parse("2020"),
            Some(TaskDeadline::Year { year: 2020 })
        );
        assert_eq!(
            TaskDeadline::parse("Hằng năm, trước 15/12"),
            Some(TaskDeadline::Yearly { month: 12, day: 15 })
        );
        assert_eq!(TaskDeadline::parse("Quý V/2018"), None);
        assert_eq!(TaskDeadline::parse("hằng năm 31/02"), None);
        assert_eq!(TaskDeadline::parse("sớm"), None);
        assert_eq!(
            TaskDeadline::Quarter {
                year: 2018,
                quarter: 2
            }
            .describe(Lang::Vi),
            "Quý II/2018"
        );
    }
}
