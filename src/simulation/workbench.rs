//! The simulation page's state and what its events do, in plain Rust: the
//! page forwards each event's field name and value here and shows the HTML
//! that comes back ([`super::view`]). Tested natively.
//!
//! The page works on a draft: the model, its options and the overrides.
//! With a scenario open, the draft is that scenario and every committed
//! edit is written back to it (so it is saved in the workspace); without
//! one, the draft is the data and "save as a new scenario" keeps it.

use chrono::NaiveDate;

use super::distribution::{Estimate, Shape};
use super::monte_carlo::{self, Summary, DEFAULT_SAMPLES, DEFAULT_SEED};
use super::scenario::{self, compare, Evaluated, Override, Scenario};
use super::sensitivity::tornado;
use super::view;
use super::{ModelKind, Options, Setup, Trajectory};
use crate::field_merge::{self, Fields};
use crate::html::Html;
use crate::i18n::{Lang, Text};
use crate::number::{Convention, NumberError};
use crate::workspace::Workspace;

/// At most this many samples per scenario in a comparison, which runs at
/// once (10,000 samples of a model take a few milliseconds).
pub const COMPARE_SAMPLES: u32 = 10_000;
/// The largest run the page accepts.
pub const MAX_SAMPLES: u32 = 5_000_000;

/// What an event changed, so the page re-renders only that.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Nothing to redraw.
    None,
    /// The inputs' values: results and a new run (the form keeps its text
    /// and focus).
    Values,
    /// The run's settings: a new run only.
    Run,
    /// The model, an option or the open scenario: everything.
    All,
    /// The scenario list or the comparison.
    Scenarios,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Workbench {
    pub kind: ModelKind,
    pub per_year_growth: bool,
    pub overrides: Vec<Override>,
    /// The scenario being edited, if any.
    pub open: Option<String>,
    /// The comparison's base (`None`: the data) and the scenarios compared.
    pub base: Option<String>,
    pub compared: Vec<String>,
    pub samples: u32,
    pub seed: u64,
    /// A field that could not be read, to say so.
    pub unreadable: Option<String>,
    /// The open scenario's fields as the draft last took them from the
    /// workspace (opened, saved, or merged with another tab's save): the
    /// base of the per-field merge ([`crate::field_merge`]).
    merge_base: Fields,
    /// Fields changed here and in another tab's save, with that save's
    /// value, waiting for the user's choice: nothing is saved meanwhile.
    pub conflicts: Vec<(String, String)>,
    /// What the page last said about another tab's save of the open
    /// scenario (empty: nothing).
    pub heard: Option<Text>,
}

/// A scenario's assumptions as `(field, value)` texts: `model`,
/// `per_year_growth` (`yes` or empty) and one `override:<key>` per input
/// set, holding [`Override::to_text`].
fn fields_of(model: ModelKind, per_year_growth: bool, overrides: &[Override]) -> Fields {
    let mut fields = vec![
        ("model".to_owned(), model.key().to_owned()),
        (
            "per_year_growth".to_owned(),
            if per_year_growth { "yes" } else { "" }.to_owned(),
        ),
    ];
    fields.extend(
        overrides
            .iter()
            .map(|o| (format!("override:{}", o.key), o.to_text())),
    );
    fields
}

/// What [`Workbench::hear`] found of the open scenario in the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heard {
    /// Nothing new.
    Nothing,
    /// Another tab saved it: the draft took its values where the user had
    /// not changed them; a field changed on both sides waits for a choice.
    Changed,
    /// Another tab deleted it.
    Deleted,
}

impl Default for Workbench {
    fn default() -> Self {
        Workbench {
            kind: ModelKind::GrdpShare,
            per_year_growth: false,
            overrides: Vec::new(),
            open: None,
            base: None,
            compared: Vec::new(),
            samples: DEFAULT_SAMPLES,
            seed: DEFAULT_SEED,
            unreadable: None,
            merge_base: Fields::new(),
            conflicts: Vec::new(),
            heard: None,
        }
    }
}

impl Workbench {
    pub fn options(&self) -> Options {
        Options {
            per_year_growth: self.per_year_growth,
        }
    }

    pub fn setup(&self, ws: &Workspace, as_of: NaiveDate) -> Setup {
        Setup::from_workspace(self.kind, ws, as_of, self.options())
    }

    /// Loads a scenario into the draft and opens it.
    pub fn open_scenario(&mut self, scenario: &Scenario) {
        self.kind = scenario.model;
        self.per_year_growth = scenario.per_year_growth;
        self.overrides = scenario.overrides.clone();
        self.open = Some(scenario.id.clone());
        self.unreadable = None;
        self.merge_base = self.fields();
        self.conflicts.clear();
        self.heard = None;
    }

    /// The draft's assumptions as fields (see [`fields_of`]).
    fn fields(&self) -> Fields {
        fields_of(self.kind, self.per_year_growth, &self.overrides)
    }

    /// Puts fields back into the draft; an unreadable one is left as it was.
    fn set_fields(&mut self, fields: &[(String, String)]) {
        if let Some(kind) = ModelKind::from_key(field_merge::value(fields, "model")) {
            self.kind = kind;
        }
        self.per_year_growth = field_merge::value(fields, "per_year_growth") == "yes";
        self.overrides = fields
            .iter()
            .filter(|(name, _)| name.starts_with("override:"))
            .filter_map(|(_, text)| Override::from_text(text))
            .collect();
    }

    /// Merges the open scenario as the workspace holds it into the draft,
    /// field by field against what the draft last took from it: a field
    /// not changed here takes the stored value, a field changed here keeps
    /// the user's, and a field changed on both sides to different values
    /// is listed in [`Workbench::conflicts`]. `None` when no scenario is
    /// open or it is gone; else whether the stored one brought anything.
    fn rebase(&mut self, ws: &Workspace) -> Option<bool> {
        let id = self.open.as_deref()?;
        let stored = ws.scenarios.iter().find(|s| s.id == id)?;
        let theirs = fields_of(stored.model, stored.per_year_growth, &stored.overrides);
        let merged = field_merge::merge(
            &self.merge_base,
            &self.fields(),
            &theirs,
            &field_merge::equal,
        );
        let news = !merged.updated.is_empty() || !merged.conflicts.is_empty();
        self.set_fields(&merged.mine);
        self.merge_base = merged.base;
        self.conflicts = merged.conflicts;
        Some(news)
    }

    /// Checks the open scenario in the workspace (after another tab's
    /// save): merged into the draft at once when it changed, so the page
    /// shows what is stored and what the user changed, and says so.
    pub fn hear(&mut self, ws: &Workspace) -> Heard {
        if self.open.is_none() {
            return Heard::Nothing;
        }
        if self.open_is_gone(ws) {
            return Heard::Deleted;
        }
        match self.rebase(ws) {
            Some(true) => {
                self.heard = Some(Text::new(
                    "Tab khác vừa lưu thay đổi cho kịch bản này; các giá trị bạn chưa sửa đã được cập nhật.",
                    "Another tab just saved changes to this scenario; the values you had not changed are updated.",
                ));
                Heard::Changed
            }
            _ => Heard::Nothing,
        }
    }

    /// The user's choice for a field in conflict: keep the value here or
    /// take the one saved by the other tab.
    pub fn choose(&mut self, field: &str, keep_mine: bool) -> Change {
        let Some(at) = self.conflicts.iter().position(|(f, _)| f == field) else {
            return Change::None;
        };
        let (field, theirs) = self.conflicts.remove(at);
        let mut mine = self.fields();
        field_merge::choose(&mut self.merge_base, &mut mine, &field, &theirs, keep_mine);
        self.set_fields(&mine);
        Change::All
    }

    /// The notice about another tab's save and, for each field in
    /// conflict, the other tab's value and the two choices.
    pub fn heard_html(&self, setup: &Setup, lang: Lang) -> String {
        let mut html = Html::new();
        html.element(
            "p",
            &[
                ("id", Some("sim-heard")),
                ("class", Some("form-notice")),
                ("role", Some("status")),
            ],
            self.heard.as_ref().map_or("", |t| t.get(lang)),
        );
        let open = self.open.is_some();
        for (field, theirs) in self.conflicts.iter().filter(|_| open) {
            let key = field.strip_prefix("override:").unwrap_or(field);
            let label = setup
                .inputs
                .iter()
                .find(|s| s.key == key)
                .map_or(key, |s| s.label.get(lang));
            let value = match (
                Override::from_text(theirs),
                setup.inputs.iter().find(|s| s.key == key),
            ) {
                (Some(o), Some(spec)) if o.low == o.high => {
                    view::show(o.likely, spec.quantity, lang)
                }
                (Some(o), Some(spec)) => format!(
                    "{} – {} – {}",
                    view::show(o.low, spec.quantity, lang),
                    view::show(o.likely, spec.quantity, lang),
                    view::show(o.high, spec.quantity, lang)
                ),
                (None, _) if theirs.is_empty() => String::new(),
                _ => theirs.clone(),
            };
            let shown = format!(
                "{label}: {}",
                if value.is_empty() {
                    lang.pick("(theo dữ liệu)", "(from the data)").to_owned()
                } else {
                    value
                }
            );
            field_merge::choice_html(
                &mut html,
                &format!("sim-conflict-{key}"),
                field,
                &shown,
                lang,
            );
        }
        html.into_string()
    }

    /// Opens the scenario with this id, if the workspace has it.
    pub fn open_id(&mut self, ws: &Workspace, id: &str) -> bool {
        match ws.scenarios.iter().find(|s| s.id == id) {
            Some(s) => {
                self.open_scenario(s);
                true
            }
            None => false,
        }
    }

    /// Opens the scenario `id`. A workshop exercise's id
    /// ([`crate::exercise::Exercise::scenario_id`]) that the workspace does
    /// not have yet first becomes a scenario: the exercise's model with its
    /// levers as overrides, named by its question. `true` if the workspace
    /// changed.
    pub fn open_or_create(
        &mut self,
        ws: &mut Workspace,
        id: &str,
        as_of: NaiveDate,
        lang: Lang,
    ) -> bool {
        if self.open_id(ws, id) {
            return false;
        }
        let Some(exercise) = crate::exercise::Exercise::from_scenario_id(id) else {
            return false;
        };
        let model = ModelKind::from_key(exercise.model).unwrap_or_default();
        let setup = Setup::from_workspace(model, ws, as_of, Options::default());
        let scenario = Scenario {
            id: id.to_owned(),
            name: scenario::unused_name(exercise.question(lang), &ws.scenarios),
            model,
            per_year_growth: false,
            overrides: exercise.overrides(&setup),
        };
        self.open_scenario(&scenario);
        ws.scenarios.push(scenario);
        true
    }

    /// Writes the fields changed here into the open scenario, found by its
    /// id, as it is stored now (another tab may have saved it since): the
    /// draft is first merged with it ([`Workbench::rebase`]); `true` if the
    /// workspace changed. `false` with no scenario open, when the open one
    /// is gone (see [`Workbench::open_is_gone`]), or while a field changed
    /// here and there waits for the user's choice (nothing is saved then).
    pub fn save_into(&mut self, ws: &mut Workspace) -> bool {
        if self.rebase(ws).is_none() || !self.conflicts.is_empty() {
            return false;
        }
        let Some(id) = &self.open else {
            return false;
        };
        let Some(s) = ws.scenarios.iter_mut().find(|s| &s.id == id) else {
            return false;
        };
        let changed = s.model != self.kind
            || s.per_year_growth != self.per_year_growth
            || s.overrides != self.overrides;
        s.model = self.kind;
        s.per_year_growth = self.per_year_growth;
        s.overrides.clone_from(&self.overrides);
        self.merge_base = self.fields();
        changed
    }

    /// Whether a scenario is open here that the workspace no longer has:
    /// another tab deleted it. Its draft cannot be saved into it; the page
    /// says so ([`scenario_gone`]) and keeps the draft, to save as new.
    pub fn open_is_gone(&self, ws: &Workspace) -> bool {
        self.open
            .as_deref()
            .is_some_and(|id| !ws.scenarios.iter().any(|s| s.id == id))
    }

    /// Saves the draft as a new scenario and opens it.
    pub fn save_new(&mut self, ws: &mut Workspace, name: &str, lang: Lang) {
        let name = name.trim();
        let name = if name.is_empty() {
            lang.pick("Kịch bản", "Scenario")
        } else {
            name
        };
        let scenario = Scenario {
            id: scenario::unused_id(&ws.scenarios),
            name: scenario::unused_name(name, &ws.scenarios),
            model: self.kind,
            per_year_growth: self.per_year_growth,
            overrides: self.overrides.clone(),
        };
        self.open = Some(scenario.id.clone());
        self.merge_base = self.fields();
        self.conflicts.clear();
        ws.scenarios.push(scenario);
    }

    /// A button of the scenario list (`open`, `duplicate`, `delete`,
    /// `close`).
    pub fn scenario_action(
        &mut self,
        ws: &mut Workspace,
        action: &str,
        id: &str,
        lang: Lang,
    ) -> Change {
        match action {
            "open" => {
                if self.open_id(ws, id) {
                    Change::All
                } else {
                    Change::None
                }
            }
            "close" => {
                self.open = None;
                Change::Scenarios
            }
            "duplicate" => {
                let Some(source) = ws.scenarios.iter().find(|s| s.id == id) else {
                    return Change::None;
                };
                let copy = source.duplicate(
                    scenario::unused_id(&ws.scenarios),
                    scenario::unused_name(
                        &format!("{} ({})", source.name, lang.pick("bản sao", "copy")),
                        &ws.scenarios,
                    ),
                );
                ws.scenarios.push(copy);
                Change::Scenarios
            }
            "delete" => {
                ws.scenarios.retain(|s| s.id != id);
                self.compared.retain(|c| c != id);
                if self.base.as_deref() == Some(id) {
                    self.base = None;
                }
                if self.open.as_deref() == Some(id) {
                    self.open = None;
                }
                Change::Scenarios
            }
            _ => Change::None,
        }
    }

    /// Renames a scenario (empty names are refused).
    pub fn rename(&self, ws: &mut Workspace, id: &str, name: &str) -> Change {
        let name = name.trim();
        match ws.scenarios.iter_mut().find(|s| s.id == id) {
            Some(s) if !name.is_empty() && s.name != name => {
                s.name = name.to_owned();
                Change::Scenarios
            }
            _ => Change::None,
        }
    }

    /// Ticks or unticks a scenario for comparison (four at most).
    pub fn toggle_compare(&mut self, id: &str, on: bool) -> Change {
        self.compared.retain(|c| c != id);
        if on && self.compared.len() < 4 {
            self.compared.push(id.to_owned());
        }
        Change::Scenarios
    }

    /// A page setting: `model`, `per_year`, `samples`, `seed`, `base`.
    pub fn setting(&mut self, name: &str, value: &str, checked: bool, lang: Lang) -> Change {
        self.unreadable = None;
        match name {
            "model" => match ModelKind::from_key(value) {
                Some(kind) if kind != self.kind => {
                    self.kind = kind;
                    // Another model's inputs: a fresh draft from the data.
                    self.overrides.clear();
                    self.per_year_growth = false;
                    self.open = None;
                    self.compared.clear();
                    self.base = None;
                    Change::All
                }
                _ => Change::None,
            },
            "per_year" => {
                self.per_year_growth = checked;
                Change::All
            }
            "samples" => match crate::number::parse_whole(value, Convention::of(lang))
                .ok()
                .flatten()
                .and_then(|n| u32::try_from(n).ok())
            {
                Some(n) if (1..=MAX_SAMPLES).contains(&n) => {
                    self.samples = n;
                    Change::Run
                }
                _ => {
                    self.unreadable = Some(value.to_owned());
                    Change::Values
                }
            },
            "seed" => match value.trim().parse::<u64>() {
                Ok(n) => {
                    self.seed = n;
                    Change::Run
                }
                _ => {
                    self.unreadable = Some(value.to_owned());
                    Change::Values
                }
            },
            "base" => {
                self.base = (!value.is_empty()).then(|| value.to_owned());
                Change::Scenarios
            }
            _ => Change::None,
        }
    }

    /// An input's field (`low`, `likely`, `high`, `shape`) typed in the
    /// form. An empty most-likely value returns the input to the data; an
    /// empty minimum or maximum closes the range on that side.
    pub fn field(
        &mut self,
        setup: &Setup,
        key: &str,
        field: &str,
        text: &str,
        lang: Lang,
    ) -> Change {
        self.unreadable = None;
        let Some(spec) = setup.inputs.iter().find(|s| s.key == key) else {
            return Change::None;
        };
        let current = scenario::find(&self.overrides, key)
            .map(Override::estimate)
            .or_else(|| spec.default.map(Estimate::exact));
        let text = text.trim();
        let mut number = || {
            let value = view::parse_field(text, spec.quantity, lang);
            if value.is_none() {
                self.unreadable = Some(text.to_owned());
            }
            value
        };
        let new = match field {
            "likely" if text.is_empty() => {
                self.overrides.retain(|o| o.key != key);
                return Change::Values;
            }
            "likely" => {
                let Some(value) = number() else {
                    return Change::Values;
                };
                match current {
                    Some(e) if !e.is_exact() => Estimate { likely: value, ..e },
                    Some(e) => Estimate {
                        low: value,
                        likely: value,
                        high: value,
                        shape: e.shape,
                    },
                    None => Estimate::exact(value),
                }
            }
            "low" | "high" => {
                let Some(mut e) = current else {
                    return Change::None;
                };
                let value = if text.is_empty() {
                    Some(e.likely)
                } else {
                    number()
                };
                let Some(value) = value else {
                    return Change::Values;
                };
                if field == "low" {
                    e.low = value;
                } else {
                    e.high = value;
                }
                e
            }
            "shape" => {
                let Some(mut e) = current else {
                    return Change::None;
                };
                e.shape = if text == "pert" {
                    Shape::Pert
                } else {
                    Shape::Triangular
                };
                e
            }
            _ => return Change::None,
        };
        scenario::set(&mut self.overrides, key, new);
        Change::Values
    }

    /// Inputs whose range is out of order (minimum ≤ most likely ≤ maximum
    /// fails), which the run ignores until corrected.
    pub fn bad_ranges<'a>(&self, setup: &'a Setup) -> Vec<&'a Text> {
        setup
            .inputs
            .iter()
            .filter(|spec| {
                scenario::find(&self.overrides, &spec.key)
                    .is_some_and(|o| o.estimate().validate().is_err())
            })
            .map(|spec| &spec.label)
            .collect()
    }
}

/// The part of the page that follows the inputs at once: problems, the
/// projection, goal seek and the tornado charts. Returns the resolved
/// inputs and the projection when every input has a value.
/// Why the open scenario's changes were not saved.
pub fn scenario_gone() -> Text {
    Text::new(
        "Kịch bản này vừa bị xóa ở tab khác. Các giá trị vẫn còn trên trang; hãy lưu thành kịch bản mới nếu cần.",
        "This scenario was just deleted in another tab. The values are still on the page; save them as a new scenario if you need them.",
    )
}

pub fn results_html(
    wb: &Workbench,
    setup: &Setup,
    lang: Lang,
) -> (String, Option<(Vec<Estimate>, Trajectory)>) {
    let mut html = format!("<h2>{}</h2>", lang.pick("Dự báo", "Projection"));
    if let Some(text) = &wb.unreadable {
        let expected = NumberError::NotANumber.message(Convention::of(lang));
        html.push_str(&view::note_html(&format!(
            "{} \"{text}\". {}",
            lang.pick("Không đọc được số:", "Not a number:"),
            expected.get(lang)
        )));
    }
    for label in wb.bad_ranges(setup) {
        html.push_str(&view::note_html(&format!(
            "{}: {}",
            label.get(lang),
            lang.pick(
                "cần tối thiểu ≤ khả năng nhất ≤ tối đa; tạm dùng giá trị của dữ liệu.",
                "needs minimum ≤ most likely ≤ maximum; the data's value is used meanwhile."
            )
        )));
    }
    let inputs = match setup.resolve(&wb.overrides) {
        Ok(inputs) => inputs,
        Err(missing) => {
            let names: Vec<&str> = missing
                .0
                .iter()
                .filter_map(|&i| setup.inputs.get(i).map(|s| s.label.get(lang)))
                .collect();
            html.push_str(&view::note_html(&format!(
                "{} {}.",
                lang.pick(
                    "Dữ liệu chưa có, hãy nhập:",
                    "Not in the data; please enter:"
                ),
                names.join("; ")
            )));
            return (html, None);
        }
    };
    let values = Setup::likely(&inputs);
    let trajectory = setup.run(&values);
    html.push_str(&view::projection_html(setup, &trajectory, lang));
    html.push_str(&view::goal_seek_html(
        setup,
        &setup.goal_seek(&values),
        lang,
    ));
    for (metric, _) in setup.metrics.iter().enumerate() {
        let swings = tornado(setup, &inputs, metric);
        let centre = trajectory.judged.get(metric).copied().unwrap_or(0.0);
        // Without a range there is no tornado: said once, not per metric.
        if metric == 0 || !swings.is_empty() {
            html.push_str(&view::tornado_html(setup, metric, &swings, centre, lang));
        }
    }
    (html, Some((inputs, trajectory)))
}

/// The Monte Carlo part: probabilities and a fan chart per metric (the
/// most likely line alone while no run has finished).
pub fn monte_carlo_html(
    setup: &Setup,
    trajectory: &Trajectory,
    summary: Option<&Summary>,
    lang: Lang,
) -> String {
    // The progress of the run is written into its own element meanwhile.
    let mut html = format!(
        "<h2>{}</h2><div id=\"sim-progress\" role=\"status\"></div>",
        lang.pick(
            "Khả năng đạt (Monte Carlo)",
            "Chance of meeting the targets (Monte Carlo)"
        )
    );
    if let Some(summary) = summary {
        html.push_str(&view::probabilities_html(setup, summary, lang));
    }
    for (metric, _) in setup.metrics.iter().enumerate() {
        html.push_str(&view::fan_chart_html(
            setup, metric, trajectory, summary, lang,
        ));
    }
    html
}

/// The comparison of the ticked scenarios against the base: a table of
/// differences and each metric's projections overlaid. Empty until two
/// scenarios of the current model are ticked.
pub fn comparison_html(wb: &Workbench, ws: &Workspace, as_of: NaiveDate, lang: Lang) -> String {
    let others: Vec<&Scenario> = wb
        .compared
        .iter()
        .filter_map(|id| ws.scenarios.iter().find(|s| &s.id == id))
        .filter(|s| s.model == wb.kind)
        .collect();
    if others.len() < 2 {
        return String::new();
    }
    let data = Scenario::new("", lang.pick("Dữ liệu", "Data"), wb.kind);
    let base = wb
        .base
        .as_ref()
        .and_then(|id| {
            ws.scenarios
                .iter()
                .find(|s| &s.id == id && s.model == wb.kind)
        })
        .unwrap_or(&data);
    let samples = wb.samples.min(COMPARE_SAMPLES);
    let all: Vec<&Scenario> = std::iter::once(base).chain(others).collect();
    let setups: Vec<Setup> = all
        .iter()
        .map(|s| Setup::from_workspace(s.model, ws, as_of, s.options()))
        .collect();
    let mut evaluated = Vec::new();
    for (s, setup) in all.iter().zip(&setups) {
        let Ok(inputs) = setup.resolve(&s.overrides) else {
            return view::note_html(&format!(
                "{} {}",
                s.name,
                lang.pick(
                    "thiếu dữ liệu đầu vào: chưa so sánh được.",
                    "lacks an input: it cannot be compared yet."
                )
            ));
        };
        let values = Setup::likely(&inputs);
        evaluated.push(Evaluated {
            setup,
            trajectory: setup.run(&values),
            values,
            summary: Some(monte_carlo::run(setup, &inputs, samples, wb.seed)),
        });
    }
    let Some((first, rest)) = evaluated.split_first() else {
        return String::new();
    };
    let rows = compare(first, rest);
    let names: Vec<&str> = all.iter().skip(1).map(|s| s.name.as_str()).collect();
    let mut html = format!(
        "<h3>{}</h3>",
        lang.pick("So sánh kịch bản", "Scenarios compared")
    );
    html.push_str(&view::comparison_html(&rows, &base.name, &names, lang));
    let lines: Vec<(&str, &Trajectory)> = all
        .iter()
        .zip(&evaluated)
        .map(|(s, e)| (s.name.as_str(), &e.trajectory))
        .collect();
    for (metric, _) in first.setup.metrics.iter().enumerate() {
        html.push_str(&view::overlay_chart_html(first.setup, metric, &lines, lang));
    }
    html
}
