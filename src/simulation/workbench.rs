//! The simulation page's state, in plain Rust: the draft (the model, its
//! options and the overrides), the open scenario, what the comparison
//! shows, and the typed edits that change them. The page holds it in a
//! signal and draws what it derives ([`crate::report::simulation`]).
//! Tested natively.
//!
//! With a scenario open, the draft is that scenario and every committed
//! edit is written back to it (so it is saved in the workspace); without
//! one, the draft is the data and "save as a new scenario" keeps it.

use chrono::NaiveDate;

use super::distribution::{Estimate, Shape};
use super::monte_carlo::{self, DEFAULT_SAMPLES, DEFAULT_SEED};
use super::scenario::{self, compare, Evaluated, Override, Scenario};
use super::sensitivity::tornado;
use super::{ModelKind, Options, Setup, Trajectory};
use crate::domain::field_merge::{self, Fields};
use crate::domain::workspace::Workspace;
use crate::i18n::number::{Convention, NumberError};
use crate::i18n::{Lang, Text};
use crate::report::simulation::{
    comparison_table, field_text, goal_seek_lines, overlay_chart, parse_field, projection_table,
    show, tornado_chart, typed_echo, unit_suffix, ComparisonTable, LineChart, ProjectionTable,
    Tornado,
};

/// At most this many samples per scenario in a comparison, which runs at
/// once (10,000 samples of a model take a few milliseconds).
pub const COMPARE_SAMPLES: u32 = 10_000;
/// The largest run the page accepts.
pub const MAX_SAMPLES: u32 = 5_000_000;

/// Which of an input's three numbers a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Low,
    Likely,
    High,
}

impl Bound {
    pub const ALL: [Bound; 3] = [Bound::Low, Bound::Likely, Bound::High];

    /// For element ids (`sim-grdp-likely`).
    pub fn key(self) -> &'static str {
        match self {
            Bound::Low => "low",
            Bound::Likely => "likely",
            Bound::High => "high",
        }
    }

    /// The column's words, which also end each field's accessible name.
    pub fn words(self, lang: Lang) -> &'static str {
        match self {
            Bound::Low => lang.pick("tối thiểu", "minimum"),
            Bound::Likely => lang.pick("khả năng nhất", "most likely"),
            Bound::High => lang.pick("tối đa", "maximum"),
        }
    }
}

/// What a field holds as the user typed it, kept while the draft still
/// means it: "12," stays "12," while the value used is 12.
#[derive(Clone, Debug, PartialEq)]
struct Typed {
    key: String,
    bound: Bound,
    text: String,
    lang: Lang,
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
    /// base of the per-field merge ([`crate::domain::field_merge`]).
    merge_base: Fields,
    /// Fields changed here and in another tab's save, with that save's
    /// value, waiting for the user's choice: nothing is saved meanwhile.
    pub conflicts: Vec<(String, String)>,
    /// What the page last said about another tab's save of the open
    /// scenario (empty: nothing).
    pub heard: Option<Text>,
    /// Fields as typed, shown in place of the value they mean until the
    /// draft changes some other way.
    typed: Vec<Typed>,
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
            typed: Vec::new(),
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
        self.typed.clear();
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
        // A field the other save changed shows its new value.
        self.typed.retain(|t| {
            !merged
                .updated
                .iter()
                .any(|f| f.strip_prefix("override:") == Some(t.key.as_str()))
        });
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

    /// The user's choice for a field in conflict (a [`ConflictLine`]'s
    /// field): keep the value here or take the one saved by the other tab.
    pub fn choose(&mut self, field: &str, keep_mine: bool) {
        let Some(at) = self.conflicts.iter().position(|(f, _)| f == field) else {
            return;
        };
        let (field, theirs) = self.conflicts.remove(at);
        let mut mine = self.fields();
        field_merge::choose(&mut self.merge_base, &mut mine, &field, &theirs, keep_mine);
        self.set_fields(&mine);
        let key = field.strip_prefix("override:").unwrap_or(&field);
        self.typed.retain(|t| t.key != key);
    }

    /// For each field in conflict with another tab's save, while a
    /// scenario is open: what the other tab saved, in words.
    pub fn conflict_lines(&self, setup: &Setup, lang: Lang) -> Vec<ConflictLine> {
        if self.open.is_none() {
            return Vec::new();
        }
        self.conflicts
            .iter()
            .map(|(field, theirs)| {
                let key = field.strip_prefix("override:").unwrap_or(field);
                let spec = setup.inputs.iter().find(|s| s.key == key);
                let label = spec.map_or(key, |s| s.label.get(lang));
                let value = match (Override::from_text(theirs), spec) {
                    (Some(o), Some(spec)) if o.low == o.high => show(o.likely, spec.quantity, lang),
                    (Some(o), Some(spec)) => format!(
                        "{} – {} – {}",
                        show(o.low, spec.quantity, lang),
                        show(o.likely, spec.quantity, lang),
                        show(o.high, spec.quantity, lang)
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
                ConflictLine {
                    id: format!("sim-conflict-{key}"),
                    field: field.clone(),
                    text: field_merge::choice_text(&shown, lang),
                }
            })
            .collect()
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
    /// ([`crate::domain::exercise::Exercise::scenario_id`]) that the workspace does
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
        let Some(exercise) = crate::domain::exercise::Exercise::from_scenario_id(id) else {
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

    /// Stops saving into the open scenario; the draft stays.
    pub fn close(&mut self) {
        self.open = None;
        self.conflicts.clear();
    }

    /// The open scenario is gone (another tab deleted it): the draft stays
    /// on the page, to be saved as a new scenario, and the page says so.
    pub fn forget_open(&mut self) {
        self.close();
        self.heard = Some(scenario_gone());
    }

    /// Adds a copy of scenario `id`, named after it; `false` if there is no
    /// such scenario.
    pub fn duplicate(&self, ws: &mut Workspace, id: &str, lang: Lang) -> bool {
        let Some(source) = ws.scenarios.iter().find(|s| s.id == id) else {
            return false;
        };
        let copy = source.duplicate(
            scenario::unused_id(&ws.scenarios),
            scenario::unused_name(
                &format!("{} ({})", source.name, lang.pick("bản sao", "copy")),
                &ws.scenarios,
            ),
        );
        ws.scenarios.push(copy);
        true
    }

    /// Deletes scenario `id`, and forgets it as the open one, the base or
    /// a compared one.
    pub fn delete(&mut self, ws: &mut Workspace, id: &str) {
        ws.scenarios.retain(|s| s.id != id);
        self.compared.retain(|c| c != id);
        if self.base.as_deref() == Some(id) {
            self.base = None;
        }
        if self.open.as_deref() == Some(id) {
            self.close();
        }
    }

    /// Renames a scenario; `false` if nothing changed (empty names are
    /// refused).
    pub fn rename(&self, ws: &mut Workspace, id: &str, name: &str) -> bool {
        let name = name.trim();
        match ws.scenarios.iter_mut().find(|s| s.id == id) {
            Some(s) if !name.is_empty() && s.name != name => {
                s.name = name.to_owned();
                true
            }
            _ => false,
        }
    }

    /// Ticks or unticks a scenario for comparison (four at most).
    pub fn toggle_compare(&mut self, id: &str, on: bool) {
        self.compared.retain(|c| c != id);
        if on && self.compared.len() < 4 {
            self.compared.push(id.to_owned());
        }
    }

    /// Another model: a fresh draft from the data. `false` if it is the
    /// model already.
    pub fn set_model(&mut self, kind: ModelKind) -> bool {
        self.unreadable = None;
        if kind == self.kind {
            return false;
        }
        self.kind = kind;
        self.overrides.clear();
        self.per_year_growth = false;
        self.open = None;
        self.compared.clear();
        self.base = None;
        self.typed.clear();
        true
    }

    /// GRDP share: one growth rate per year, or one for all years.
    pub fn set_per_year_growth(&mut self, on: bool) {
        self.unreadable = None;
        self.per_year_growth = on;
        self.typed.clear();
    }

    /// The number of Monte Carlo samples as typed, in the page's language;
    /// `false` (and said) if it is not a whole number from 1 to
    /// [`MAX_SAMPLES`].
    pub fn set_samples(&mut self, text: &str, lang: Lang) -> bool {
        self.unreadable = None;
        match crate::i18n::number::parse_whole(text, Convention::of(lang))
            .ok()
            .flatten()
            .and_then(|n| u32::try_from(n).ok())
        {
            Some(n) if (1..=MAX_SAMPLES).contains(&n) => {
                self.samples = n;
                true
            }
            _ => {
                self.unreadable = Some(text.to_owned());
                false
            }
        }
    }

    /// The seed as typed; `false` (and said) if it is not a whole number.
    pub fn set_seed(&mut self, text: &str) -> bool {
        self.unreadable = None;
        match text.trim().parse::<u64>() {
            Ok(n) => {
                self.seed = n;
                true
            }
            Err(_) => {
                self.unreadable = Some(text.to_owned());
                false
            }
        }
    }

    /// The comparison's base: a scenario, or `None` for the data.
    pub fn set_base(&mut self, id: Option<String>) {
        self.base = id;
    }

    /// One of an input's numbers typed in the form. An empty most-likely
    /// value returns the input to the data; an empty minimum or maximum
    /// closes the range on that side. Unreadable text changes nothing and
    /// is said ([`Results::notes`]).
    pub fn field(&mut self, setup: &Setup, key: &str, bound: Bound, text: &str, lang: Lang) {
        self.unreadable = None;
        let Some(spec) = setup.inputs.iter().find(|s| s.key == key) else {
            return;
        };
        self.typed.retain(|t| !(t.key == key && t.bound == bound));
        self.typed.push(Typed {
            key: key.to_owned(),
            bound,
            text: text.to_owned(),
            lang,
        });
        let current = scenario::find(&self.overrides, key)
            .map(Override::estimate)
            .or_else(|| spec.default.map(Estimate::exact));
        let text = text.trim();
        let mut number = || {
            let value = parse_field(text, spec.quantity, lang);
            if value.is_none() {
                self.unreadable = Some(text.to_owned());
            }
            value
        };
        let new = match bound {
            Bound::Likely if text.is_empty() => {
                self.overrides.retain(|o| o.key != key);
                return;
            }
            Bound::Likely => {
                let Some(value) = number() else {
                    return;
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
            Bound::Low | Bound::High => {
                let Some(mut e) = current else {
                    return;
                };
                let value = if text.is_empty() {
                    Some(e.likely)
                } else {
                    number()
                };
                let Some(value) = value else {
                    return;
                };
                if bound == Bound::Low {
                    e.low = value;
                } else {
                    e.high = value;
                }
                e
            }
        };
        scenario::set(&mut self.overrides, key, new);
    }

    /// An input's shape; nothing for an input with no value yet.
    pub fn set_shape(&mut self, setup: &Setup, key: &str, shape: Shape) {
        let Some(spec) = setup.inputs.iter().find(|s| s.key == key) else {
            return;
        };
        let current = scenario::find(&self.overrides, key)
            .map(Override::estimate)
            .or_else(|| spec.default.map(Estimate::exact));
        if let Some(mut e) = current {
            e.shape = shape;
            scenario::set(&mut self.overrides, key, e);
        }
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

    /// The form's rows: every input with the value it uses (even while
    /// another input has none), as typed where the user is typing.
    pub fn input_rows(&self, setup: &Setup, lang: Lang) -> Vec<InputRow> {
        let (estimates, missing) = setup.estimates(&self.overrides);
        setup
            .inputs
            .iter()
            .zip(estimates)
            .enumerate()
            .map(|(index, (spec, estimate))| {
                let is_missing = missing.contains(&index);
                let ranged = !estimate.is_exact();
                let label = spec.label.get(lang);
                let suffix = unit_suffix(spec.quantity, lang);
                let fields = Bound::ALL.map(|bound| {
                    let (value, shown) = match bound {
                        Bound::Low => (estimate.low, ranged),
                        Bound::Likely => (estimate.likely, !is_missing),
                        Bound::High => (estimate.high, ranged),
                    };
                    let typed = self
                        .typed
                        .iter()
                        .find(|t| t.key == spec.key && t.bound == bound && t.lang == lang);
                    let text = match typed {
                        Some(t) => t.text.clone(),
                        None if shown => field_text(value, spec.quantity, lang),
                        None => String::new(),
                    };
                    FieldRow {
                        bound,
                        name: format!("{label}: {}", bound.words(lang)),
                        echo: typed_echo(spec.quantity, &text, lang),
                        text,
                    }
                });
                InputRow {
                    key: spec.key.clone(),
                    label: if suffix.is_empty() {
                        label.to_owned()
                    } else {
                        format!("{label} ({suffix})")
                    },
                    source: spec.source.get(lang).to_owned(),
                    missing: is_missing,
                    fields,
                    shape: estimate.shape,
                }
            })
            .collect()
    }
}

/// One of an input's three fields as the form shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldRow {
    pub bound: Bound,
    /// Its accessible name: the input's label and the column's.
    pub name: String,
    pub text: String,
    /// Under a money field: the value as it will be used ("= 245.000
    /// triệu đồng"); `None` for other fields.
    pub echo: Option<String>,
}

/// One input of the form.
#[derive(Clone, Debug, PartialEq)]
pub struct InputRow {
    pub key: String,
    /// With its unit ("… mỗi năm (%)").
    pub label: String,
    /// Where the default value came from.
    pub source: String,
    /// Neither the data nor the user gave it a value.
    pub missing: bool,
    pub fields: [FieldRow; 3],
    pub shape: Shape,
}

/// A field changed here and in another tab's save, waiting for a choice.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictLine {
    /// The paragraph's id (`sim-conflict-grdp_growth`).
    pub id: String,
    /// What [`Workbench::choose`] takes.
    pub field: String,
    pub text: String,
}

/// How far the page's Monte Carlo run is: the bar, the count, and whether
/// Cancel is offered (only while it runs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunProgress {
    pub done: u32,
    pub total: u32,
    pub cancelled: bool,
}

impl RunProgress {
    pub fn new(total: u32) -> RunProgress {
        RunProgress {
            done: 0,
            total,
            cancelled: false,
        }
    }

    /// Still running: Cancel is offered.
    pub fn is_running(self) -> bool {
        self.done < self.total && !self.cancelled
    }

    /// Cancelled: the bar stays full at what was done, and the page says
    /// how to run again.
    pub fn cancel(&mut self) {
        self.total = self.done;
        self.cancelled = true;
    }
}

/// Why the open scenario's changes were not saved.
pub fn scenario_gone() -> Text {
    Text::new(
        "Kịch bản này vừa bị xóa ở tab khác. Các giá trị vẫn còn trên trang; hãy lưu thành kịch bản mới nếu cần.",
        "This scenario was just deleted in another tab. The values are still on the page; save them as a new scenario if you need them.",
    )
}

/// What follows the inputs at once: problems, then (when every input has
/// a value) the projection, goal seek and the tornado charts.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Results {
    pub notes: Vec<String>,
    pub outcome: Option<Outcome>,
}

/// The results of a complete set of inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The resolved inputs, which a Monte Carlo run draws from.
    pub inputs: Vec<Estimate>,
    /// The most likely projection.
    pub trajectory: Trajectory,
    pub projection: ProjectionTable,
    pub goal_seek: Vec<(String, String)>,
    /// Said once when no input is a range, else one chart per metric that
    /// has a swing.
    pub tornadoes: Vec<Tornado>,
}

pub fn results(wb: &Workbench, setup: &Setup, lang: Lang) -> Results {
    let mut notes = Vec::new();
    if let Some(text) = &wb.unreadable {
        let expected = NumberError::NotANumber.message(Convention::of(lang));
        notes.push(format!(
            "{} \"{text}\". {}",
            lang.pick("Không đọc được số:", "Not a number:"),
            expected.get(lang)
        ));
    }
    for label in wb.bad_ranges(setup) {
        notes.push(format!(
            "{}: {}",
            label.get(lang),
            lang.pick(
                "cần tối thiểu ≤ khả năng nhất ≤ tối đa; tạm dùng giá trị của dữ liệu.",
                "needs minimum ≤ most likely ≤ maximum; the data's value is used meanwhile."
            )
        ));
    }
    let inputs = match setup.resolve(&wb.overrides) {
        Ok(inputs) => inputs,
        Err(missing) => {
            let names: Vec<&str> = missing
                .0
                .iter()
                .filter_map(|&i| setup.inputs.get(i).map(|s| s.label.get(lang)))
                .collect();
            notes.push(format!(
                "{} {}.",
                lang.pick(
                    "Dữ liệu chưa có, hãy nhập:",
                    "Not in the data; please enter:"
                ),
                names.join("; ")
            ));
            return Results {
                notes,
                outcome: None,
            };
        }
    };
    let values = Setup::likely(&inputs);
    let trajectory = setup.run(&values);
    let mut tornadoes = Vec::new();
    for (metric, _) in setup.metrics.iter().enumerate() {
        let swings = tornado(setup, &inputs, metric);
        let centre = trajectory.judged.get(metric).copied().unwrap_or(0.0);
        // Without a range there is no tornado: said once, not per metric.
        if metric == 0 || !swings.is_empty() {
            tornadoes.extend(tornado_chart(setup, metric, &swings, centre, lang));
        }
    }
    Results {
        notes,
        outcome: Some(Outcome {
            projection: projection_table(setup, &trajectory, lang),
            goal_seek: goal_seek_lines(setup, &setup.goal_seek(&values), lang),
            tornadoes,
            inputs,
            trajectory,
        }),
    }
}

/// The comparison of the ticked scenarios against the base.
#[derive(Clone, Debug, PartialEq)]
pub enum Comparison {
    /// Fewer than two scenarios of the current model are ticked.
    Nothing,
    /// A scenario lacks an input: said, not compared.
    Incomplete(String),
    /// A table of differences and each metric's projections overlaid.
    Table {
        table: ComparisonTable,
        charts: Vec<LineChart>,
    },
}

pub fn comparison(wb: &Workbench, ws: &Workspace, as_of: NaiveDate, lang: Lang) -> Comparison {
    let others: Vec<&Scenario> = wb
        .compared
        .iter()
        .filter_map(|id| ws.scenarios.iter().find(|s| &s.id == id))
        .filter(|s| s.model == wb.kind)
        .collect();
    if others.len() < 2 {
        return Comparison::Nothing;
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
            return Comparison::Incomplete(format!(
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
        return Comparison::Nothing;
    };
    let rows = compare(first, rest);
    let names: Vec<&str> = all.iter().skip(1).map(|s| s.name.as_str()).collect();
    let lines: Vec<(&str, &Trajectory)> = all
        .iter()
        .zip(&evaluated)
        .map(|(s, e)| (s.name.as_str(), &e.trajectory))
        .collect();
    Comparison::Table {
        table: comparison_table(&rows, &base.name, &names, lang),
        charts: (0..first.setup.metrics.len())
            .filter_map(|metric| overlay_chart(first.setup, metric, &lines, lang))
            .collect(),
    }
}
