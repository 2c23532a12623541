//! The first-run tour: a few short steps, one per page a newcomer needs,
//! shown once (the browser remembers it was seen) and skippable at any step.
//! Its text is data here so both languages are checked natively.

use crate::i18n::Lang;

/// One step: the page it shows and what to say there.
pub struct TourStep {
    pub path: &'static str,
    pub title: (&'static str, &'static str),
    pub body: (&'static str, &'static str),
}

impl TourStep {
    pub fn title(&self, lang: Lang) -> &'static str {
        lang.pick(self.title.0, self.title.1)
    }

    pub fn body(&self, lang: Lang) -> &'static str {
        lang.pick(self.body.0, self.body.1)
    }
}

pub const STEPS: [TourStep; 6] = [
    TourStep {
        path: "/",
        title: ("Tổng quan", "Dashboard"),
        body: (
            "Mỗi thẻ là một chỉ tiêu của Kế hoạch 135: giá trị hiện tại, mục tiêu, thời hạn và tình trạng. Đổi « Ngày đánh giá » ở trên để xem tại một thời điểm khác; bấm vào một thẻ để xem chi tiết theo quận, huyện và lĩnh vực.",
            "Each card is one target of Plan 135: its current value, target, deadline and status. Change « As of » above to see another date; open a card for its breakdown by district and sector.",
        ),
    },
    TourStep {
        path: "/data",
        title: ("Dữ liệu", "Data"),
        body: (
            "Dữ liệu của bạn ở lại trong trình duyệt này, không gửi đi đâu. Tại đây bạn xem, nhập và xuất tệp dữ liệu (JSON) để chuyển sang máy khác hoặc gửi cho cán bộ tập huấn.",
            "Your data stays in this browser and is sent nowhere. Here you review it and import or export it as a file (JSON) to move it to another computer or send it to a trainer.",
        ),
    },
    TourStep {
        path: "/assessment",
        title: ("Tự đánh giá", "Self-assessment"),
        body: (
            "Dành cho người quản lý HTX: đối chiếu với quy định của Luật, chấm điểm phân loại theo Thông tư 01/2020 và lập kế hoạch khắc phục.",
            "For a cooperative's manager: check the legal requirements, score the classification of Circular 01/2020 and plan what to fix.",
        ),
    },
    TourStep {
        path: "/simulation",
        title: ("Mô phỏng", "Simulation"),
        body: (
            "Thử các giả định: cần tăng trưởng bao nhiêu, cần bao nhiêu suất đào tạo mỗi năm để đạt chỉ tiêu đúng hạn.",
            "Try what-ifs: how much growth, how many training places a year it would take to meet a target on time.",
        ),
    },
    TourStep {
        path: "/workshop",
        title: ("Hội thảo", "Workshop"),
        body: (
            "Cho cán bộ tập huấn: mở bộ dữ liệu minh họa theo số liệu Hải Phòng năm 2019 (không ảnh hưởng dữ liệu của bạn) và trình chiếu các chỉ tiêu.",
            "For trainers: open the demo data built on Hải Phòng's 2019 figures (your own data is not touched) and present the targets.",
        ),
    },
    TourStep {
        path: "/plan",
        title: ("Kế hoạch", "Plan"),
        body: (
            "Nội dung Kế hoạch 135/KH-UBND, các mức mục tiêu (có thể sửa) và các nhiệm vụ giao cho từng cơ quan. Xem lại hướng dẫn này bất cứ lúc nào bằng nút « Hướng dẫn » ở trên.",
            "Plan 135/KH-UBND's text, its target levels (editable) and the tasks given to each agency. See this tour again at any time with the « Tour » button above.",
        ),
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::Page;

    #[test]
    fn every_step_names_a_real_page_once_in_both_languages() {
        for (i, step) in STEPS.iter().enumerate() {
            assert_ne!(Page::parse(step.path), Page::NotFound, "{}", step.path);
            assert!(STEPS[..i].iter().all(|s| s.path != step.path));
            for lang in [Lang::Vi, Lang::En] {
                assert!(!step.title(lang).is_empty() && step.body(lang).len() > 40);
            }
            assert_ne!(step.body.0, step.body.1);
        }
        assert_eq!(STEPS[0].path, "/", "the tour starts where the app opens");
    }
}

/// What the tour's panel shows at one step: a dialog titled with the
/// step's number and page, its text, and the buttons Skip, Back (disabled
/// at the first step) and Next, which says Done at the last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TourPanel {
    /// The step shown: the one asked for, clamped to the last.
    pub index: usize,
    pub title: String,
    pub body: &'static str,
    pub skip: &'static str,
    pub back: &'static str,
    pub back_disabled: bool,
    pub next: &'static str,
    /// Whether Next closes the tour (the last step).
    pub last: bool,
}

impl TourPanel {
    pub fn new(index: usize, lang: Lang) -> TourPanel {
        let index = index.min(STEPS.len() - 1);
        let step = &STEPS[index];
        let last = index + 1 == STEPS.len();
        TourPanel {
            index,
            title: format!(
                "{} {}/{} · {}",
                lang.pick("Hướng dẫn", "Tour"),
                index + 1,
                STEPS.len(),
                step.title(lang)
            ),
            body: step.body(lang),
            skip: lang.pick("Bỏ qua", "Skip"),
            back: lang.pick("Trước", "Back"),
            back_disabled: index == 0,
            next: if last {
                lang.pick("Xong", "Done")
            } else {
                lang.pick("Tiếp", "Next")
            },
            last,
        }
    }
}

#[cfg(test)]
mod panel_tests {
    use super::*;

    #[test]
    fn the_panel_names_its_step_and_offers_the_right_buttons() {
        let first = TourPanel::new(0, Lang::Vi);
        assert_eq!(first.title, "Hướng dẫn 1/6 · Tổng quan");
        assert!(first.back_disabled);
        assert_eq!(
            (first.skip, first.back, first.next),
            ("Bỏ qua", "Trước", "Tiếp")
        );
        assert!(!first.last);
        let last = TourPanel::new(99, Lang::En);
        assert_eq!(last.index, 5);
        assert_eq!(last.title, "Tour 6/6 · Plan");
        assert_eq!(last.next, "Done");
        assert!(last.last && !last.back_disabled);
    }
}
