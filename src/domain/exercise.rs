//! What-if exercises for a workshop: a short question, the levers to move,
//! and the answer, computed with the simulation's models
//! ([`crate::simulation`]) from the open workspace: each target the model
//! follows, as the data projects it and with the levers moved. A lever
//! either sets an input or scales the value the workspace's data gives it,
//! so an exercise works on any city's data, not only the demo's.

use chrono::NaiveDate;

use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Text};
use crate::report::simulation::{scenario_href, show};
use crate::report::Table;
use crate::simulation::distribution::Estimate;
use crate::simulation::scenario::Override;
use crate::simulation::{ModelKind, Options, Setup};

/// How an exercise moves one input of its model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Lever {
    /// The input becomes this value.
    Set(f64),
    /// The input becomes the data's value times this factor.
    Scale(f64),
}

impl Lever {
    /// The input's value under this lever, given the data's value (if the
    /// data gives one; a scaled lever without it leaves the input alone).
    pub fn value(self, default: Option<f64>) -> Option<f64> {
        match self {
            Lever::Set(value) => Some(value),
            Lever::Scale(factor) => default.map(|d| d * factor),
        }
    }
}

/// One exercise.
#[derive(Clone, Copy, Debug)]
pub struct Exercise {
    pub id: &'static str,
    /// The model's key (`crate::simulation::ModelKind::key`).
    pub model: &'static str,
    pub question: (&'static str, &'static str),
    /// What to look at once it is open.
    pub hint: (&'static str, &'static str),
    /// Input keys of the model and how each moves.
    pub levers: &'static [(&'static str, Lever)],
}

impl Exercise {
    pub fn question(&self, lang: Lang) -> &'static str {
        lang.pick(self.question.0, self.question.1)
    }

    pub fn hint(&self, lang: Lang) -> &'static str {
        lang.pick(self.hint.0, self.hint.1)
    }

    pub fn find(id: &str) -> Option<&'static Exercise> {
        EXERCISES.iter().find(|e| e.id == id)
    }

    /// The id of the scenario the simulation page makes of this exercise
    /// (see [`crate::simulation::workbench::Workbench::open_or_create`]).
    pub fn scenario_id(&self) -> String {
        format!("ex-{}", self.id)
    }

    /// The exercise whose scenario has this id.
    pub fn from_scenario_id(id: &str) -> Option<&'static Exercise> {
        Exercise::find(id.strip_prefix("ex-")?)
    }

    /// The levers as a scenario's overrides on `setup`'s inputs (levers on
    /// inputs the model does not have, or scaled from no data, are left out).
    pub fn overrides(&self, setup: &Setup) -> Vec<Override> {
        self.levers
            .iter()
            .filter_map(|(key, lever)| {
                let spec = setup.inputs.iter().find(|i| i.key == *key)?;
                let value = lever.value(spec.default)?;
                Some(Override::new(*key, Estimate::exact(value)))
            })
            .collect()
    }

    /// Each target the model follows, as the data projects it and with the
    /// levers moved; or the inputs the data cannot give.
    pub fn answer(&self, ws: &Workspace, as_of: NaiveDate) -> Result<Vec<Outcome>, Vec<Text>> {
        let kind = ModelKind::from_key(self.model).unwrap_or_default();
        let setup = Setup::from_workspace(kind, ws, as_of, Options::default());
        let missing = |m: crate::simulation::MissingInputs| -> Vec<Text> {
            m.0.iter()
                .filter_map(|&i| setup.inputs.get(i).map(|s| s.label.clone()))
                .collect()
        };
        let base = setup.resolve(&[]).map_err(missing)?;
        let moved = setup.resolve(&self.overrides(&setup)).map_err(missing)?;
        let (base_values, moved_values) = (Setup::likely(&base), Setup::likely(&moved));
        let base = setup.run(&base_values);
        let moved = setup.run(&moved_values);
        // The backlog's answer is also when each queue is done.
        let finished = |values: &[f64], queue: usize| {
            (kind == ModelKind::Backlog)
                .then(|| setup.completion(values, queue))
                .flatten()
        };
        Ok(setup
            .goals
            .iter()
            .enumerate()
            .filter_map(|(g, goal)| {
                let quantity = setup.metrics.get(goal.metric)?.quantity;
                Some(Outcome {
                    target_id: goal.target_id.clone(),
                    goal: goal.label.clone(),
                    show: |v, q, lang| show(v, q, lang),
                    quantity,
                    base: (*base.judged.get(goal.metric)?, *base.met.get(g)?),
                    moved: (*moved.judged.get(goal.metric)?, *moved.met.get(g)?),
                    finished: (finished(&base_values, g), finished(&moved_values, g)),
                })
            })
            .collect())
    }
}

/// One target in an exercise's answer: its value on the deadline as the
/// data projects it (`base`) and with the levers moved, each with whether
/// it meets the target.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub target_id: String,
    pub goal: Text,
    quantity: crate::simulation::Quantity,
    show: fn(f64, crate::simulation::Quantity, Lang) -> String,
    pub base: (f64, bool),
    pub moved: (f64, bool),
    /// For a backlog: when it is done, as the data runs and with the change.
    pub finished: (Option<NaiveDate>, Option<NaiveDate>),
}

impl Outcome {
    fn cell(&self, (value, met): (f64, bool), finished: Option<NaiveDate>, lang: Lang) -> String {
        let verdict = if value.is_nan() {
            // An empty queue: "no data", as on the dashboard.
            lang.pick("chưa có dữ liệu", "no data")
        } else if met {
            lang.pick("đạt", "met")
        } else {
            lang.pick("không đạt", "not met")
        };
        let mut text = format!("{} ({verdict})", (self.show)(value, self.quantity, lang));
        if let Some(date) = finished {
            text.push_str(lang.pick("; xong ngày ", "; done on "));
            text.push_str(&crate::i18n::format::format_date(date, lang));
        }
        text
    }
}

/// An exercise as the workshop page shows it: the question, a hint, the
/// link that opens it as a scenario, and the answer's rows (target, goal,
/// as the data runs, with the change) — or what the data lacks to answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ExerciseView {
    pub id: &'static str,
    pub question: &'static str,
    pub hint: &'static str,
    pub href: String,
    pub answer: Result<Table, String>,
}

/// The header of an answer's table.
fn answer_header(lang: Lang) -> [&'static str; 4] {
    [
        lang.pick("Chỉ tiêu", "Target"),
        lang.pick("Mục tiêu", "Goal"),
        lang.pick("Theo dữ liệu", "As the data runs"),
        lang.pick("Khi thay đổi", "With the change"),
    ]
}

/// Every exercise with its answer on the open workspace, for the workshop
/// page.
pub fn exercise_views(ws: &Workspace, as_of: NaiveDate, lang: Lang) -> Vec<ExerciseView> {
    EXERCISES
        .iter()
        .map(|exercise| ExerciseView {
            id: exercise.id,
            question: exercise.question(lang),
            hint: exercise.hint(lang),
            href: scenario_href(&exercise.scenario_id()),
            answer: match exercise.answer(ws, as_of) {
                Ok(outcomes) => Ok(Table::new(
                    &answer_header(lang),
                    outcomes
                        .iter()
                        .map(|o| {
                            vec![
                                o.target_id.clone(),
                                o.goal.get(lang).to_owned(),
                                o.cell(o.base, o.finished.0, lang),
                                o.cell(o.moved, o.finished.1, lang),
                            ]
                        })
                        .collect(),
                )
                .class("exercise-answer")),
                Err(missing) => {
                    let names: Vec<&str> = missing.iter().map(|t| t.get(lang)).collect();
                    Err(format!(
                        "{}{}",
                        lang.pick(
                            "Dữ liệu chưa đủ để trả lời; còn thiếu: ",
                            "The data cannot answer this yet; missing: ",
                        ),
                        names.join("; ")
                    ))
                }
            },
        })
        .collect()
}

pub const EXERCISES: [Exercise; 6] = [
    Exercise {
        id: "seats-double",
        model: "training",
        question: (
            "Số suất đào tạo cán bộ quản lý tăng gấp đôi — chỉ tiêu T5 (trên 50% được đào tạo) có đạt vào năm 2020 không?",
            "Training places for managers double — is T5 (over 50 % trained) met by 2020?",
        ),
        hint: (
            "So sánh tỷ lệ cán bộ được đào tạo năm 2020 với cột theo dữ liệu.",
            "Compare the share trained in 2020 with the data's own course.",
        ),
        levers: &[("seats", Lever::Scale(2.0))],
    },
    Exercise {
        id: "turnover-quarter",
        model: "training",
        question: (
            "Mỗi năm một phần tư cán bộ quản lý nghỉ và người mới chưa qua đào tạo — T5 còn đạt không?",
            "A quarter of the managers leave every year and newcomers are untrained — is T5 still met?",
        ),
        hint: (
            "So sánh với cột theo dữ liệu: việc giữ chân cán bộ quan trọng đến đâu?",
            "Compare with the data's own course: how much does keeping managers matter?",
        ),
        levers: &[("turnover", Lever::Set(0.25))],
    },
    Exercise {
        id: "college-half",
        model: "training",
        question: (
            "Chỉ một nửa học viên đạt trình độ cao đẳng trở lên — chỉ tiêu T6 (70%) có đạt không?",
            "Only half of the trainees reach college level or above — is T6 (70 %) met?",
        ),
        hint: (
            "So sánh T6 với cột theo dữ liệu: trình độ của học viên quan trọng đến đâu?",
            "Compare T6 with the data's own course: how much does the trainees' level matter?",
        ),
        levers: &[("trainee_qualified", Lever::Set(0.5))],
    },
    Exercise {
        id: "dissolve-one-a-month",
        model: "backlog",
        question: (
            "Mỗi tháng chỉ giải thể được một HTX ngừng hoạt động — khi nào mới xong, và có kịp hạn 31/12/2018 không?",
            "Only one inactive cooperative is dissolved a month — when is the backlog cleared, and is it by 31/12/2018?",
        ),
        hint: (
            "So sánh ngày xong dự kiến theo tốc độ hiện nay và khi chậm lại, với hạn 31/12/2018.",
            "Compare the expected completion date at today's pace and when slower with the 31/12/2018 deadline.",
        ),
        levers: &[("dissolution_per_month", Lever::Set(1.0))],
    },
    Exercise {
        id: "slow-growth",
        model: "grdp_share",
        question: (
            "Giá trị gia tăng của KTTT chỉ tăng 5% mỗi năm trong khi GRDP tăng 15% — tỷ trọng năm 2020 là bao nhiêu?",
            "Collective value added grows only 5 % a year while GRDP grows 15 % — what is the 2020 share?",
        ),
        hint: (
            "So sánh tỷ trọng năm 2020 với mức 1,0% và 1,2% của Kế hoạch.",
            "Compare the 2020 share with the plan's 1.0 % and 1.2 %.",
        ),
        levers: &[
            ("value_added_growth", Lever::Set(0.05)),
            ("grdp_growth", Lever::Set(0.15)),
        ],
    },
    Exercise {
        id: "three-exemplary-a-year",
        model: "exemplary",
        question: (
            "Mỗi năm công nhận 3 HTX điển hình tiên tiến — đến 2020 có đủ 10 HTX không?",
            "Three exemplary cooperatives are recognised each year — are there 10 by 2020?",
        ),
        hint: (
            "So sánh số HTX điển hình đến năm 2020 với mục tiêu 10.",
            "Compare the count by 2020 with the target of 10.",
        ),
        levers: &[("recognitions_per_year", Lever::Set(3.0))],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exercises_are_distinct_worded_in_both_languages_and_move_something() {
        assert!(EXERCISES.len() >= 5);
        for (i, exercise) in EXERCISES.iter().enumerate() {
            assert!(EXERCISES[..i].iter().all(|e| e.id != exercise.id));
            assert_eq!(Exercise::find(exercise.id).map(|e| e.id), Some(exercise.id));
            assert!(!exercise.levers.is_empty());
            for lang in [Lang::Vi, Lang::En] {
                assert!(exercise.question(lang).ends_with('?'));
                assert!(!exercise.hint(lang).is_empty());
            }
        }
        assert!(Exercise::find("nope").is_none());
    }

    #[test]
    fn every_lever_is_an_input_of_its_model() {
        let ws = crate::domain::demo::demo_workspace();
        let as_of = NaiveDate::from_ymd_opt(2018, 12, 31).unwrap();
        for exercise in &EXERCISES {
            let kind = ModelKind::from_key(exercise.model);
            assert!(kind.is_some(), "{}", exercise.model);
            let setup = Setup::from_workspace(kind.unwrap(), &ws, as_of, Options::default());
            for (key, _) in exercise.levers {
                assert!(
                    setup.inputs.iter().any(|i| i.key == *key),
                    "{}: {key}",
                    exercise.id
                );
            }
        }
    }

    #[test]
    fn on_the_demo_each_exercise_has_an_answer_and_the_levers_move_it() {
        let ws = crate::domain::demo::demo_workspace();
        let as_of = NaiveDate::from_ymd_opt(2018, 12, 31).unwrap();
        for exercise in &EXERCISES {
            let outcomes = exercise
                .answer(&ws, as_of)
                .unwrap_or_else(|m| panic!("{}: {m:?}", exercise.id));
            assert!(!outcomes.is_empty(), "{}", exercise.id);
            assert!(
                outcomes
                    .iter()
                    .any(|o| (o.base.0 - o.moved.0).abs() > 1e-9 || o.finished.0 != o.finished.1),
                "{}: the levers change nothing",
                exercise.id
            );
        }
        // Doubling the training places trains more managers by 2020.
        let seats = Exercise::find("seats-double")
            .unwrap()
            .answer(&ws, as_of)
            .unwrap();
        let t5 = seats.iter().find(|o| o.target_id == "T5").unwrap();
        assert!(t5.moved.0 > t5.base.0);
        let views = exercise_views(&ws, as_of, Lang::Vi);
        assert_eq!(views.len(), EXERCISES.len());
        assert!(
            views.iter().all(|v| v.answer.is_ok()),
            "the demo answers every exercise"
        );
        let answer = views[0].answer.as_ref().expect("answered");
        assert_eq!(answer.header[3], "Khi thay đổi");
        assert!(!answer.rows.is_empty());
        assert!(
            views[0].href.starts_with("/simulation?scenario="),
            "{}",
            views[0].href
        );
    }

    #[test]
    fn an_empty_workspace_says_what_is_missing() {
        let ws = Workspace::new("empty", "empty");
        let as_of = NaiveDate::from_ymd_opt(2018, 12, 31).unwrap();
        let views = exercise_views(&ws, as_of, Lang::En);
        let said: Vec<String> = views
            .iter()
            .map(|v| match &v.answer {
                Ok(table) => table.rows.concat().join(" "),
                Err(missing) => missing.clone(),
            })
            .collect();
        assert!(
            said.iter()
                .all(|s| s.starts_with("The data cannot answer this yet") || s.contains("not met")),
            "{said:?}"
        );
    }

    #[test]
    fn levers_set_or_scale_the_data() {
        assert_eq!(Lever::Set(3.0).value(None), Some(3.0));
        assert_eq!(Lever::Scale(2.0).value(Some(40.0)), Some(80.0));
        assert_eq!(Lever::Scale(2.0).value(None), None);
    }
}
