//! What-if exercises for a workshop: a short question, the levers to move,
//! and the scenario that sets them, opened on the simulation page
//! (`/simulation?exercise=<id>`). A lever either sets an input or scales
//! the value the workspace's data gives it, so an exercise works on any
//! city's data, not only the demo's.

use crate::i18n::Lang;

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
            "Xem tỷ lệ được đào tạo từng năm và xác suất đạt T5; thử giảm lại số suất để tìm mức tối thiểu.",
            "Watch the trained share year by year and the chance of meeting T5; lower the places again to find the least that works.",
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
            "So sánh với kịch bản gốc: cần thêm bao nhiêu suất đào tạo mỗi năm để bù?",
            "Compare with the base: how many more places a year would make up for it?",
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
            "Xem T6 theo năm; thử tăng số khóa nâng trình độ.",
            "Watch T6 by year; try more upgrade courses.",
        ),
        levers: &[("trainee_qualified", Lever::Set(0.5))],
    },
    Exercise {
        id: "dissolve-one-a-month",
        model: "backlog",
        question: (
            "Mỗi tháng chỉ giải thể được một HTX ngừng hoạt động — có xong trước hạn 31/12/2018 không?",
            "Only one inactive cooperative is dissolved a month — is the backlog cleared by 31/12/2018?",
        ),
        hint: (
            "Xem ngày hoàn thành dự kiến; mục \"cần bao nhiêu mỗi tháng\" cho biết tốc độ cần có.",
            "Look at the expected completion date; \"needed per month\" gives the pace it takes.",
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
            "So sánh với mức 1,0% và 1,2%; mục tìm mục tiêu cho biết tốc độ tăng cần có.",
            "Compare with 1.0 % and 1.2 %; goal seek gives the growth it would take.",
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
            "Xem số HTX điển hình cộng dồn theo năm và số ứng viên còn lại.",
            "Watch the running count by year and the candidates left.",
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
    fn levers_set_or_scale_the_data() {
        assert_eq!(Lever::Set(3.0).value(None), Some(3.0));
        assert_eq!(Lever::Scale(2.0).value(Some(40.0)), Some(80.0));
        assert_eq!(Lever::Scale(2.0).value(None), None);
    }
}
