//! The indicator engine: every target of the plan, evaluated for an as-of
//! date, exactly as DESIGN.md §2 defines it.
//!
//! One function decides what each unit contributes to an indicator
//! ([`unit_tally`]); the city figure, the breakdowns by district and sector
//! and the drill-down lists are all folds of it, so they cannot disagree. A
//! zero denominator or a missing input is "no data" — never a division by
//! zero and never a fake 0 %.
//!
//! Dates: an event dated on the as-of day counts as done by it, and a
//! deadline day itself is still "on time". Yearly indicators read the latest
//! year, not after the as-of date's year, that has data.

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::decimal::Decimal;
use crate::domain::plan::{Comparator, Indicator, Plan, QualifiedReading, Target};
use crate::domain::status::Status;
use crate::domain::unit::{status_at, OperatingStatus, StatusChange, Unit, YearRecord};
use crate::domain::workspace::Workspace;

/// What one unit adds to an indicator's numerator and denominator. Tallies
/// are additive, which is what keeps breakdown totals equal to the city's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Tally {
    pub numerator: f64,
    pub denominator: f64,
}

impl Tally {
    const NONE: Tally = Tally {
        numerator: 0.0,
        denominator: 0.0,
    };

    fn of(numerator: impl Into<f64>, denominator: impl Into<f64>) -> Tally {
        Tally {
            numerator: numerator.into(),
            denominator: denominator.into(),
        }
    }

    fn is_empty(self) -> bool {
        self.numerator == 0.0 && self.denominator == 0.0
    }
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, other: Tally) {
        self.numerator += other.numerator;
        self.denominator += other.denominator;
    }
}

/// What an indicator measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Observation {
    /// A share: `numerator ÷ denominator`. For T3 the numerator is value
    /// added and the denominator GRDP, in millions of VND.
    Share { numerator: f64, denominator: f64 },
    /// T8: cooperatives recognised, and how many sectors they cover.
    Count { count: u32, sectors: u32 },
    /// T9: the growth rate of collective value added in `year`, and the rate
    /// of the year before.
    Growth {
        year: i32,
        current: f64,
        previous: f64,
    },
}

/// An indicator's value at one date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    /// `None` is "no data".
    pub value: Option<f64>,
    pub observation: Option<Observation>,
    /// The year of the records read, for yearly indicators.
    pub data_year: Option<i32>,
}

impl Measurement {
    const NO_DATA: Measurement = Measurement {
        value: None,
        observation: None,
        data_year: None,
    };

    fn share(tally: Tally, data_year: Option<i32>) -> Measurement {
        if tally.denominator > 0.0 {
            Measurement {
                value: Some(tally.numerator / tally.denominator),
                observation: Some(Observation::Share {
                    numerator: tally.numerator,
                    denominator: tally.denominator,
                }),
                data_year,
            }
        } else {
            Measurement {
                data_year,
                ..Measurement::NO_DATA
            }
        }
    }
}

/// A target's value at the end of one year.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TrendPoint {
    pub year: i32,
    pub value: Option<f64>,
}

/// A target evaluated as of a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub target_id: String,
    pub indicator: Indicator,
    #[serde(with = "crate::files::iso_date")]
    pub as_of: NaiveDate,
    pub measurement: Measurement,
    pub status: Status,
    /// The value on the straight line from the baseline to the target at the
    /// deadline, when the status compared against it (on track / at risk).
    pub expected: Option<f64>,
    /// Met at the deadline (so the verdict stays "met"), but today's value
    /// no longer passes: the card says it has slipped since. The value at
    /// the deadline is kept beside it.
    pub slipped: Option<f64>,
}

impl Evaluation {
    pub fn value(&self) -> Option<f64> {
        self.measurement.value
    }
}

/// The last day of a year.
fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// The yearly indicators whose units' tallies are summed per year. T9 reads
/// T3's value added, so it needs no tally of its own.
const SUMMED_YEARLY: [Indicator; 4] = [
    Indicator::ManagersTrainedShare,
    Indicator::ManagersQualifiedShare,
    Indicator::StaffTrainedShare,
    Indicator::GrdpShare,
];

/// How a unit stood when one of its year records applies: at the end of
/// the record's year, or on the as-of date if that comes first.
#[derive(Clone, Copy)]
struct RecordStanding {
    /// The unit had been founded: its value added counts.
    exists: bool,
    /// An active cooperative: its managers and staff count.
    active_cooperative: bool,
}

impl RecordStanding {
    fn at(
        cooperative: bool,
        founded: Option<NaiveDate>,
        history: &[StatusChange],
        year: i32,
        as_of: NaiveDate,
    ) -> Self {
        let status = status_at(founded, history, as_of.min(year_end(year)));
        RecordStanding {
            exists: status.is_some(),
            active_cooperative: cooperative && status == Some(OperatingStatus::Active),
        }
    }
}

/// What the yearly indicators read from one year record, counted once when
/// the workspace changes rather than at every evaluation.
#[derive(Clone, Copy, Debug, PartialEq)]
struct RecordFacts {
    /// Index into `Workspace::units`.
    unit: u32,
    year: i32,
    value_added: Option<f64>,
    managers: u32,
    trained: u32,
    /// Trained, and at cao đẳng or above (T6's default reading).
    trained_qualified: u32,
    /// At cao đẳng or above, trained or not (T6's other reading).
    qualified: u32,
    /// Staff and staff trained, when both are given and not negative.
    staff: Option<(f64, f64)>,
}

impl RecordFacts {
    fn of(unit: u32, record: &YearRecord) -> Self {
        let mut facts = RecordFacts {
            unit,
            year: record.year,
            value_added: record.value_added.as_ref().map(Decimal::to_f64),
            managers: 0,
            trained: 0,
            trained_qualified: 0,
            qualified: 0,
            staff: match (record.staff, record.staff_trained) {
                (Some(staff), Some(trained)) if staff >= 0 && trained >= 0 => {
                    Some((staff as f64, trained as f64))
                }
                _ => None,
            },
        };
        for manager in &record.key_managers {
            let qualified = manager.qualification.is_college_or_above();
            facts.managers += 1;
            facts.trained += u32::from(manager.trained);
            facts.qualified += u32::from(qualified);
            facts.trained_qualified += u32::from(manager.trained && qualified);
        }
        facts
    }
}

/// What one year record contributes to a yearly indicator.
fn record_tally(
    plan: &Plan,
    indicator: Indicator,
    record: &RecordFacts,
    standing: RecordStanding,
) -> Tally {
    match indicator {
        Indicator::GrdpShare | Indicator::ValueAddedGrowth if standing.exists => record
            .value_added
            .map_or(Tally::NONE, |value_added| Tally::of(value_added, 0)),
        Indicator::ManagersTrainedShare if standing.active_cooperative => {
            Tally::of(record.trained, record.managers)
        }
        Indicator::ManagersQualifiedShare if standing.active_cooperative => {
            match plan.settings.qualified_reading {
                QualifiedReading::OfTrained => Tally::of(record.trained_qualified, record.trained),
                QualifiedReading::OfAll => Tally::of(record.qualified, record.managers),
            }
        }
        // A record missing either figure is unknown, not zero: it is left out
        // rather than counted as untrained.
        Indicator::StaffTrainedShare if standing.active_cooperative => record
            .staff
            .map_or(Tally::NONE, |(staff, trained)| Tally::of(trained, staff)),
        _ => Tally::NONE,
    }
}

/// What the engine reads of one unit when it sums yearly records.
#[derive(Clone, Debug, PartialEq)]
struct UnitTimeline {
    cooperative: bool,
    founded: Option<NaiveDate>,
    history: Box<[StatusChange]>,
}

/// A compact copy of what the yearly indicators read from a workspace: one
/// small row per year record and one per unit. Build it once per change of
/// the workspace ([`WorkspaceIndex::new`]); evaluating at another as-of date
/// then scans a few megabytes in order instead of every record's full
/// structure (which, at 30,000 units, no longer fits in cache).
///
/// After an edit of a few units it need not be built again: patch it
/// ([`WorkspaceIndex::replace_unit`], [`WorkspaceIndex::insert_unit`],
/// [`WorkspaceIndex::remove_unit`]) and it equals the index built from the
/// edited workspace, field for field and in the same order (a property
/// test in `tests/indicators.rs` checks it), so every evaluation read
/// through it is the same to the last bit.
///
/// It also keeps, for the last few as-of dates asked, what each block of
/// [`BLOCK`] units adds to every indicator ([`TotalsCache`]): a patch
/// forgets only the blocks it touched, so after an edit of one unit the
/// next evaluation sums one block again and adds up the blocks' totals,
/// instead of reading every unit. The city totals are always the sum of the
/// blocks in order, each block summed in unit order, whether the blocks
/// were kept or summed afresh: a patched index gives the same figures, to
/// the last bit, as one built from scratch.
#[derive(Debug, Default)]
pub struct WorkspaceIndex {
    /// In unit order (each unit's records as stored), `unit` counting up.
    records: Vec<RecordFacts>,
    units: Vec<UnitTimeline>,
    /// A `Mutex` rather than a `RefCell` so that the index can live in a
    /// reactive memo (which wants `Sync`); nothing ever waits on it.
    cache: std::sync::Mutex<TotalsCache>,
}

impl Clone for WorkspaceIndex {
    fn clone(&self) -> Self {
        WorkspaceIndex {
            records: self.records.clone(),
            units: self.units.clone(),
            cache: std::sync::Mutex::new(self.lock_cache().clone()),
        }
    }
}

/// Two indexes are equal when they hold the same facts; what each has
/// cached is a consequence of those facts.
impl PartialEq for WorkspaceIndex {
    fn eq(&self, other: &Self) -> bool {
        self.records == other.records && self.units == other.units
    }
}

impl WorkspaceIndex {
    pub fn new(ws: &Workspace) -> Self {
        let mut index = WorkspaceIndex {
            records: Vec::new(),
            units: Vec::with_capacity(ws.units.len()),
            cache: Default::default(),
        };
        for unit in &ws.units {
            if !index.push_unit(unit) {
                break;
            }
        }
        index
    }

    /// Adds `unit` after the last unit: building an index a few units at a
    /// time, between the browser's other work, gives the same index as
    /// [`WorkspaceIndex::new`]. Returns `false`, and adds nothing, past
    /// the number of units an index can count.
    pub fn push_unit(&mut self, unit: &Unit) -> bool {
        let Ok(position) = u32::try_from(self.units.len()) else {
            return false;
        };
        self.units.push(UnitTimeline::of(unit));
        self.records.extend(
            unit.years
                .iter()
                .map(|record| RecordFacts::of(position, record)),
        );
        self.forget_blocks(self.units.len() - 1, false);
        true
    }

    /// How many units the index was built or patched for.
    pub fn unit_count(&self) -> usize {
        self.units.len()
    }

    fn lock_cache(&self) -> std::sync::MutexGuard<'_, TotalsCache> {
        // A panic while the lock was held leaves at worst a block computed
        // twice: the cache is dropped rather than trusted.
        self.cache.lock().unwrap_or_else(|poisoned| {
            let mut guard = poisoned.into_inner();
            guard.dated.clear();
            guard.budget = None;
            guard
        })
    }

    /// Forgets the cached totals of the blocks from `position`'s to
    /// `to_end`'s (or only `position`'s), for a unit count of `units`.
    fn forget_blocks(&mut self, position: usize, to_end: bool) {
        let blocks = self.units.len().div_ceil(BLOCK);
        let first = position / BLOCK;
        let cache = self.cache.get_mut().unwrap_or_else(|p| p.into_inner());
        for dated in &mut cache.dated {
            dated.blocks.resize(blocks, None);
            let last = if to_end { blocks } else { first + 1 };
            for block in dated.blocks.iter_mut().take(last).skip(first) {
                *block = None;
            }
        }
    }

    /// Every indicator's totals as of `as_of`, from the cached blocks and
    /// the blocks summed afresh from `ws` (the workspace the index was
    /// built or patched for).
    fn date_totals(&self, plan: &Plan, ws: &Workspace, as_of: NaiveDate, part: Part) -> DateTotals {
        let key = TotalsKey::of(plan, as_of, part);
        let blocks = self.units.len().div_ceil(BLOCK);
        let mut cache = self.lock_cache();
        let position = match cache.dated.iter().position(|d| d.key == key) {
            Some(position) => position,
            None => {
                if cache.dated.len() >= CACHED_DATES {
                    cache.dated.remove(0);
                }
                cache.dated.push(DatedBlocks {
                    key,
                    blocks: Vec::new(),
                });
                cache.dated.len() - 1
            }
        };
        let cache = &mut *cache;
        let budget = &mut cache.budget;
        let dated = &mut cache.dated[position];
        dated.blocks.resize(blocks, None);
        let mut sum = DateTotals::default();
        for (number, slot) in dated.blocks.iter_mut().enumerate() {
            if slot.is_none() {
                match budget {
                    Some(Budget { left: 0, short }) => {
                        // Out of budget: the sum is unfinished, and said so.
                        *short = true;
                        continue;
                    }
                    Some(Budget { left, .. }) => *left -= 1,
                    None => {}
                }
            }
            let block =
                slot.get_or_insert_with(|| self.block_totals(plan, ws, as_of, number, part));
            sum.add(block);
        }
        sum
    }

    /// Every target of `ws`'s plan as of `as_of`, like
    /// [`Engine::evaluate_all`], but summing at most `most_blocks` blocks
    /// of [`BLOCK`] units not yet summed: `None` when that was not enough,
    /// and then the next call goes on where this one stopped. A big
    /// workspace just read is evaluated this way a slice at a time, each
    /// call short, until one gives the evaluations; from then on the
    /// blocks are kept as usual. `ws` is the workspace the index was built
    /// for.
    pub fn evaluate_within(
        &self,
        ws: &Workspace,
        as_of: NaiveDate,
        most_blocks: usize,
    ) -> Option<Vec<Evaluation>> {
        self.lock_cache().budget = Some(Budget {
            left: most_blocks,
            short: false,
        });
        let evaluations = Engine::with_index(ws, self).evaluate_all(as_of);
        let budget = self.lock_cache().budget.take();
        match budget {
            Some(Budget { short: false, .. }) => Some(evaluations),
            _ => None,
        }
    }

    /// What the units of block `number` add to the yearly or the dated
    /// indicators as of `as_of`: their records in order for the yearly
    /// indicators, the units in order for the dated ones.
    fn block_totals(
        &self,
        plan: &Plan,
        ws: &Workspace,
        as_of: NaiveDate,
        number: usize,
        part: Part,
    ) -> DateTotals {
        let start = number.saturating_mul(BLOCK);
        let end = start.saturating_add(BLOCK).min(self.units.len());
        let (Ok(first), Ok(past)) = (u32::try_from(start), u32::try_from(end)) else {
            return DateTotals::default();
        };
        let mut totals = DateTotals::default();
        match part {
            Part::Yearly => {
                let from = self.records.partition_point(|r| r.unit < first);
                let to = self.records.partition_point(|r| r.unit < past);
                totals.yearly = yearly_totals(plan, &self.units, &self.records[from..to], as_of);
            }
            Part::Events => {
                for unit in ws.units.get(start..end.min(ws.units.len())).unwrap_or(&[]) {
                    totals.events.add_unit(plan, unit, as_of);
                }
            }
        }
        totals
    }

    /// Where the records of the unit at `position` lie in `records`.
    fn records_of(&self, position: u32) -> std::ops::Range<usize> {
        let start = self.records.partition_point(|r| r.unit < position);
        let end = start
            + self.records[start..]
                .iter()
                .take_while(|r| r.unit == position)
                .count();
        start..end
    }

    /// The unit at `position` of the workspace was replaced by `unit`.
    /// Returns `false`, and leaves the index as it was, when there is no
    /// such position: the caller then builds the index again.
    pub fn replace_unit(&mut self, position: usize, unit: &Unit) -> bool {
        let Ok(at) = u32::try_from(position) else {
            return false;
        };
        let Some(slot) = self.units.get_mut(position) else {
            return false;
        };
        *slot = UnitTimeline::of(unit);
        self.forget_blocks(position, false);
        let range = self.records_of(at);
        if range.len() == unit.years.len() {
            // The usual edit: as many records as before, written in place.
            for (old, record) in self.records[range].iter_mut().zip(&unit.years) {
                *old = RecordFacts::of(at, record);
            }
        } else {
            self.records.splice(
                range,
                unit.years.iter().map(|record| RecordFacts::of(at, record)),
            );
        }
        true
    }

    /// `unit` was inserted at `position` (at most the number of units; the
    /// end is an append). Returns `false`, and leaves the index as it was,
    /// for a position past the end or beyond what the index can number.
    pub fn insert_unit(&mut self, position: usize, unit: &Unit) -> bool {
        let (Ok(at), Ok(_)) = (u32::try_from(position), u32::try_from(self.units.len())) else {
            return false;
        };
        if position > self.units.len() {
            return false;
        }
        let start = self.records.partition_point(|r| r.unit < at);
        for record in &mut self.records[start..] {
            record.unit += 1;
        }
        self.records.splice(
            start..start,
            unit.years.iter().map(|record| RecordFacts::of(at, record)),
        );
        self.units.insert(position, UnitTimeline::of(unit));
        // Every later unit moved up one place, and so between blocks.
        self.forget_blocks(position, true);
        true
    }

    /// The unit at `position` was removed. Returns `false`, and leaves the
    /// index as it was, when there is no such position.
    pub fn remove_unit(&mut self, position: usize) -> bool {
        let Ok(at) = u32::try_from(position) else {
            return false;
        };
        if position >= self.units.len() {
            return false;
        }
        let range = self.records_of(at);
        let end = range.end;
        for record in &mut self.records[end..] {
            record.unit -= 1;
        }
        self.records.drain(range);
        self.units.remove(position);
        self.forget_blocks(position, true);
        true
    }
}

impl UnitTimeline {
    fn of(unit: &Unit) -> Self {
        UnitTimeline {
            cooperative: unit.kind.is_cooperative(),
            founded: unit.founded,
            history: unit.status_history.clone().into_boxed_slice(),
        }
    }
}

/// What one unit contributes to a dated (not yearly) indicator as of `as_of`.
fn event_tally(plan: &Plan, indicator: Indicator, unit: &Unit, as_of: NaiveDate) -> Tally {
    let cooperative = unit.kind.is_cooperative();
    match indicator {
        Indicator::ReorganisedShare => {
            if !cooperative
                || !unit.reorganisation.required
                || !unit.exists_on(as_of)
                || unit.is_dissolved_on(as_of)
            {
                return Tally::NONE;
            }
            let done = unit
                .reorganisation
                .completed_on
                .is_some_and(|date| date <= as_of);
            Tally::of(u8::from(done), 1)
        }
        Indicator::InactiveDissolvedShare => {
            if !cooperative || !unit.awaits_or_had_dissolution_on(as_of) {
                return Tally::NONE;
            }
            Tally::of(u8::from(unit.is_dissolved_on(as_of)), 1)
        }
        Indicator::GroupsCompliantShare => {
            if cooperative || !unit.is_active_on(as_of) {
                return Tally::NONE;
            }
            let compliant = unit
                .group
                .as_ref()
                .is_some_and(|g| g.meets_legal_conditions);
            Tally::of(u8::from(compliant), 1)
        }
        Indicator::ExemplaryCount => {
            let recognised = cooperative
                && unit.recognitions.iter().any(|r| {
                    (plan.start_year..=plan.end_year).contains(&r.year)
                        && r.effective_date() <= as_of
                });
            Tally::of(u8::from(recognised), 0)
        }
        _ => Tally::NONE,
    }
}

/// What one unit contributes to `indicator` as of `as_of`, reading the
/// records of `year` for yearly indicators. Units that are not concerned
/// contribute nothing. T3's and T9's denominators are city-level figures.
fn unit_tally(
    plan: &Plan,
    indicator: Indicator,
    unit: &Unit,
    as_of: NaiveDate,
    year: i32,
) -> Tally {
    if indicator.is_yearly() {
        unit.record(year).map_or(Tally::NONE, |record| {
            let standing = RecordStanding::at(
                unit.kind.is_cooperative(),
                unit.founded,
                &unit.status_history,
                year,
                as_of,
            );
            record_tally(plan, indicator, &RecordFacts::of(0, record), standing)
        })
    } else {
        event_tally(plan, indicator, unit, as_of)
    }
}

/// Every yearly indicator's tallies for each year, as of one date.
///
/// A few years at most, so a small list searched in order beats a map
/// (and costs less download).
#[derive(Clone, Debug, Default)]
struct TotalsByYear(Vec<(i32, YearTotals)>);

impl TotalsByYear {
    fn get(&self, year: &i32) -> Option<&YearTotals> {
        self.0
            .iter()
            .find(|(y, _)| y == year)
            .map(|(_, totals)| totals)
    }

    fn slot(&mut self, year: i32) -> &mut YearTotals {
        let index = match self.0.iter().position(|(y, _)| *y == year) {
            Some(index) => index,
            None => {
                self.0.push((year, YearTotals::default()));
                self.0.len() - 1
            }
        };
        &mut self.0[index].1
    }

    fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.0.iter().map(|(year, _)| *year)
    }
}

/// Every yearly indicator's tallies, in one year, as of one date.
#[derive(Clone, Copy, Debug, Default)]
struct YearTotals {
    tallies: [Tally; SUMMED_YEARLY.len()],
    /// How many records reported value added (a total of 0 reported is not
    /// "no data").
    value_added_reports: u32,
}

impl YearTotals {
    fn add(&mut self, other: &YearTotals) {
        for (total, tally) in self.tallies.iter_mut().zip(other.tallies) {
            *total += tally;
        }
        self.value_added_reports = self
            .value_added_reports
            .saturating_add(other.value_added_reports);
    }

    fn tally(&self, indicator: Indicator) -> Tally {
        SUMMED_YEARLY
            .iter()
            .position(|i| *i == indicator)
            .and_then(|index| self.tallies.get(index).copied())
            .unwrap_or(Tally::NONE)
    }
}

/// One pass over some of the index's records sums every yearly indicator
/// for every year up to the as-of date's. Each unit's records are in order,
/// so the slot for a year is found once per run of records, not once per
/// record.
fn yearly_totals(
    plan: &Plan,
    units: &[UnitTimeline],
    records: &[RecordFacts],
    as_of: NaiveDate,
) -> TotalsByYear {
    let mut totals = TotalsByYear::default();
    for run in records.chunk_by(|a, b| a.year == b.year) {
        let Some(year) = run
            .first()
            .map(|r| r.year)
            .filter(|year| *year <= as_of.year())
        else {
            continue;
        };
        let slot = totals.slot(year);
        for record in run {
            let Some(unit) = units.get(record.unit as usize) else {
                continue;
            };
            let standing =
                RecordStanding::at(unit.cooperative, unit.founded, &unit.history, year, as_of);
            for (tally, indicator) in slot.tallies.iter_mut().zip(SUMMED_YEARLY) {
                *tally += record_tally(plan, indicator, record, standing);
            }
            if record.value_added.is_some() && standing.exists {
                slot.value_added_reports += 1;
            }
        }
    }
    totals
}

/// Units per block of the totals cache: an edit sums this many units again.
const BLOCK: usize = 256;

/// As-of dates whose blocks an index keeps (the dashboard asks for about
/// three, a target's trend one per year).
const CACHED_DATES: usize = 32;

/// The dated (not yearly) indicators, whose tallies are counts.
const EVENTS: [Indicator; 4] = [
    Indicator::ReorganisedShare,
    Indicator::InactiveDissolvedShare,
    Indicator::GroupsCompliantShare,
    Indicator::ExemplaryCount,
];

/// The dated indicators' totals over some units, as of one date.
#[derive(Clone, Debug, Default)]
struct EventTotals {
    tallies: [Tally; EVENTS.len()],
    /// Cooperatives that exist on the date (none: T8 has no data).
    cooperatives: u32,
    /// The distinct sectors of the recognised cooperatives.
    sectors: Vec<String>,
}

impl EventTotals {
    fn add_unit(&mut self, plan: &Plan, unit: &Unit, as_of: NaiveDate) {
        for (total, indicator) in self.tallies.iter_mut().zip(EVENTS) {
            let tally = event_tally(plan, indicator, unit, as_of);
            *total += tally;
            if indicator == Indicator::ExemplaryCount
                && tally.numerator > 0.0
                && !self.sectors.contains(&unit.sector)
            {
                self.sectors.push(unit.sector.clone());
            }
        }
        if unit.kind.is_cooperative() && unit.exists_on(as_of) {
            self.cooperatives = self.cooperatives.saturating_add(1);
        }
    }

    fn add(&mut self, other: &EventTotals) {
        for (total, tally) in self.tallies.iter_mut().zip(other.tallies) {
            *total += tally;
        }
        self.cooperatives = self.cooperatives.saturating_add(other.cooperatives);
        for sector in &other.sectors {
            if !self.sectors.contains(sector) {
                self.sectors.push(sector.clone());
            }
        }
    }

    fn tally(&self, indicator: Indicator) -> Tally {
        EVENTS
            .iter()
            .position(|i| *i == indicator)
            .and_then(|index| self.tallies.get(index).copied())
            .unwrap_or(Tally::NONE)
    }
}

/// Every indicator's totals, over some units or the whole city, as of one
/// date.
#[derive(Clone, Debug, Default)]
struct DateTotals {
    yearly: TotalsByYear,
    events: EventTotals,
}

impl DateTotals {
    fn add(&mut self, other: &DateTotals) {
        for (year, totals) in &other.yearly.0 {
            self.yearly.slot(*year).add(totals);
        }
        self.events.add(&other.events);
    }
}

/// The totals of the yearly indicators, or of the dated ones: each is
/// summed only for the dates it is asked at (the dated ones also at the
/// plan's baseline date, for instance).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Part {
    Yearly,
    Events,
}

/// What a block's totals depend on besides its units: the date, the part,
/// and the plan's settings that decide what counts.
#[derive(Clone, Copy, Debug, PartialEq)]
struct TotalsKey {
    as_of: NaiveDate,
    part: Part,
    reading: QualifiedReading,
    start_year: i32,
    end_year: i32,
}

impl TotalsKey {
    fn of(plan: &Plan, as_of: NaiveDate, part: Part) -> Self {
        TotalsKey {
            as_of,
            part,
            reading: plan.settings.qualified_reading,
            start_year: plan.start_year,
            end_year: plan.end_year,
        }
    }
}

/// One date's totals, block by block; `None` is a block to sum again.
#[derive(Clone, Debug)]
struct DatedBlocks {
    key: TotalsKey,
    blocks: Vec<Option<DateTotals>>,
}

/// The blocks' totals of the last [`CACHED_DATES`] dates asked, oldest
/// first.
#[derive(Clone, Debug, Default)]
struct TotalsCache {
    dated: Vec<DatedBlocks>,
    /// Set only during [`WorkspaceIndex::evaluate_within`].
    budget: Option<Budget>,
}

/// How many more blocks may be summed, and whether one was left unsummed
/// for want of budget.
#[derive(Clone, Copy, Debug)]
struct Budget {
    left: usize,
    short: bool,
}

fn grdp(ws: &Workspace, year: i32) -> Option<f64> {
    ws.city_year(year)
        .and_then(|c| c.grdp_current_prices.as_ref())
        .map(|g| g.to_f64())
        .filter(|g| *g > 0.0)
}

fn city_extra_value_added(ws: &Workspace, year: i32) -> Option<f64> {
    ws.city_year(year)
        .and_then(|c| c.extra_collective_value_added.as_ref())
        .map(|v| v.to_f64())
}

/// Computes measurements for one workspace, remembering the per-year totals
/// of each as-of date it has seen: evaluating every target reads the units
/// about three times (as of the date, the deadline and the baseline), not
/// once per target and year.
pub struct Engine<'a> {
    ws: &'a Workspace,
    /// Given by the caller, who keeps it across as-of dates; or built on
    /// the first yearly question.
    given_index: Option<&'a WorkspaceIndex>,
    own_index: OnceCell<WorkspaceIndex>,
    totals: RefCell<Vec<(NaiveDate, Part, Rc<DateTotals>)>>,
}

impl<'a> Engine<'a> {
    pub fn new(ws: &'a Workspace) -> Self {
        Engine {
            ws,
            given_index: None,
            own_index: OnceCell::new(),
            totals: RefCell::new(Vec::new()),
        }
    }

    /// An engine reading a prebuilt index, which must have been built from
    /// this same workspace.
    pub fn with_index(ws: &'a Workspace, index: &'a WorkspaceIndex) -> Self {
        Engine {
            given_index: Some(index),
            ..Engine::new(ws)
        }
    }

    fn index(&self) -> &WorkspaceIndex {
        match self.given_index {
            Some(index) => index,
            None => self.own_index.get_or_init(|| WorkspaceIndex::new(self.ws)),
        }
    }

    /// The yearly indicators' totals as of a date.
    fn totals(&self, as_of: NaiveDate) -> Rc<DateTotals> {
        self.part_totals(as_of, Part::Yearly)
    }

    fn part_totals(&self, as_of: NaiveDate, part: Part) -> Rc<DateTotals> {
        if let Some((_, _, totals)) = self
            .totals
            .borrow()
            .iter()
            .find(|(date, p, _)| *date == as_of && *p == part)
        {
            return Rc::clone(totals);
        }
        let totals = Rc::new(
            self.index()
                .date_totals(&self.ws.plan, self.ws, as_of, part),
        );
        self.totals
            .borrow_mut()
            .push((as_of, part, Rc::clone(&totals)));
        totals
    }

    /// Collective value added of `year`, seen as of `as_of` — the units'
    /// value added plus the city-level figure — or `None` when nothing is
    /// known.
    fn collective_value_added(&self, as_of: NaiveDate, year: i32) -> Option<f64> {
        let totals = self.totals(as_of);
        let units = totals
            .yearly
            .get(&year)
            .filter(|t| t.value_added_reports > 0);
        let extra = city_extra_value_added(self.ws, year);
        if units.is_none() && extra.is_none() {
            return None;
        }
        let units = units.map_or(0.0, |t| t.tally(Indicator::GrdpShare).numerator);
        Some(units + extra.unwrap_or(0.0))
    }

    /// The growth rate of collective value added in `year` over `year − 1`.
    fn growth_rate(&self, as_of: NaiveDate, year: i32) -> Option<f64> {
        let current = self.collective_value_added(as_of, year)?;
        let previous = self
            // Checked: a stored record's year may be any i32.
            .collective_value_added(as_of, year.checked_sub(1)?)
            .filter(|v| *v > 0.0)?;
        Some(current / previous - 1.0)
    }

    /// T9 in one year: this year's growth rate and last year's.
    fn growth_in(&self, as_of: NaiveDate, year: i32) -> Measurement {
        match (
            self.growth_rate(as_of, year),
            year.checked_sub(1).and_then(|y| self.growth_rate(as_of, y)),
        ) {
            (Some(current), Some(previous)) => Measurement {
                value: Some(current),
                observation: Some(Observation::Growth {
                    year,
                    current,
                    previous,
                }),
                data_year: Some(year),
            },
            _ => Measurement::NO_DATA,
        }
    }

    /// A yearly indicator in exactly `year`.
    fn measure_in_year(&self, indicator: Indicator, as_of: NaiveDate, year: i32) -> Measurement {
        match indicator {
            Indicator::GrdpShare => match (
                self.collective_value_added(as_of, year),
                grdp(self.ws, year),
            ) {
                (Some(value_added), Some(grdp)) => {
                    Measurement::share(Tally::of(value_added, grdp), Some(year))
                }
                _ => Measurement::NO_DATA,
            },
            Indicator::ValueAddedGrowth => self.growth_in(as_of, year),
            _ => {
                let tally = self
                    .totals(as_of)
                    .yearly
                    .get(&year)
                    .map_or(Tally::NONE, |t| t.tally(indicator));
                Measurement::share(tally, Some(year))
            }
        }
    }

    /// An indicator's value as of a date, for the whole city.
    pub fn measure(&self, indicator: Indicator, as_of: NaiveDate) -> Measurement {
        if indicator.is_yearly() {
            // The latest year with data, not after the as-of date's year.
            let mut years: Vec<i32> = self.totals(as_of).yearly.years().collect();
            years.extend(
                self.ws
                    .city_years
                    .iter()
                    .map(|c| c.year)
                    .filter(|y| *y <= as_of.year()),
            );
            crate::sorting::sort_by(&mut years, |a, b| b.cmp(a));
            years.dedup();
            return years
                .into_iter()
                .map(|year| self.measure_in_year(indicator, as_of, year))
                .find(|m| m.value.is_some())
                .unwrap_or(Measurement::NO_DATA);
        }
        let totals = self.part_totals(as_of, Part::Events);
        let events = &totals.events;
        let total = events.tally(indicator);
        if indicator != Indicator::ExemplaryCount {
            return Measurement::share(total, None);
        }
        // Zero recognitions among no cooperatives at all is no data, not 0.
        if events.cooperatives == 0 {
            return Measurement::NO_DATA;
        }
        let sectors = &events.sectors;
        let count = total.numerator as u32;
        let sectors = u32::try_from(sectors.len()).unwrap_or(u32::MAX);
        Measurement {
            value: Some(total.numerator),
            observation: Some(Observation::Count { count, sectors }),
            data_year: None,
        }
    }

    /// A target's value at the end of each year, from the plan's baseline
    /// year to the later of its last year and the last year with data. A
    /// yearly indicator reads exactly that year's records (no carrying an
    /// older year forward); a dated one is measured on 31 December.
    pub fn trend(&self, indicator: Indicator) -> Vec<TrendPoint> {
        let plan = &self.ws.plan;
        let (baseline_year, _, end_year) = plan.bounded_years();
        let last_data_year = self
            .index()
            .records
            .last()
            .map(|r| r.year)
            .into_iter()
            .chain(self.ws.city_years.iter().map(|c| c.year))
            .max()
            .unwrap_or(end_year);
        // A stray far-future record must not draw a century of empty years
        // (nor a plan's years taken from a file, see `Plan::bounded_years`).
        let last = end_year.max(last_data_year).min(end_year + 10);
        (baseline_year..=last)
            .map(|year| {
                let end = year_end(year);
                let measurement = if indicator.is_yearly() {
                    self.measure_in_year(indicator, end, year)
                } else {
                    self.measure(indicator, end)
                };
                TrendPoint {
                    year,
                    value: measurement.value,
                }
            })
            .collect()
    }

    /// Evaluates every target of the workspace's plan.
    pub fn evaluate_all(&self, as_of: NaiveDate) -> Vec<Evaluation> {
        self.ws
            .plan
            .targets
            .iter()
            .map(|target| self.evaluate(target, as_of))
            .collect()
    }

    /// Evaluates one target as of a date.
    ///
    /// The verdict is fixed at the deadline (DESIGN.md §2): a target met on
    /// or before it stays met, whatever the data does afterwards (the card
    /// still shows today's value and says it has slipped); one met only
    /// after it is met late. Before the deadline, a target not yet met is on
    /// track when its value is on or above the straight line to the target
    /// — strictly above it for a strict comparator, so exactly 50 % of a
    /// "trên 50 %" target is at risk on its deadline day.
    pub fn evaluate(&self, target: &Target, as_of: NaiveDate) -> Evaluation {
        let measurement = self.measure(target.indicator, as_of);
        let passes = |value: f64| target.comparator.holds(value, target.value);
        let mut expected = None;
        let mut slipped = None;
        let status = if target.comparator == Comparator::RisingEachYear {
            self.rising_status(target, as_of)
        } else if as_of > target.deadline {
            let at_deadline = self.measure(target.indicator, target.deadline).value;
            match (at_deadline, measurement.value) {
                (Some(then), now) if passes(then) => {
                    if now.is_some_and(|v| !passes(v)) {
                        slipped = Some(then);
                    }
                    Status::Met
                }
                (_, Some(now)) if passes(now) => Status::MetLate,
                (_, Some(_)) => Status::Missed,
                (_, None) => Status::NoData,
            }
        } else {
            match measurement.value {
                None => Status::NoData,
                Some(value) if passes(value) => Status::Met,
                Some(value) => {
                    let line = self.expected_on_line(target, as_of, &measurement);
                    expected = Some(line);
                    let on_line = if target.comparator == Comparator::MoreThan {
                        crate::domain::tolerance::more_than(value, line)
                    } else {
                        crate::domain::tolerance::at_least(value, line)
                    };
                    if on_line {
                        Status::OnTrack
                    } else {
                        Status::AtRisk
                    }
                }
            }
        };
        Evaluation {
            target_id: target.id.clone(),
            indicator: target.indicator,
            as_of,
            measurement,
            status,
            expected,
            slipped,
        }
    }

    /// The straight line from the baseline value to the target at the
    /// deadline, read at the point `now` has reached. A baseline without data
    /// starts the line at zero.
    fn expected_on_line(&self, target: &Target, as_of: NaiveDate, now: &Measurement) -> f64 {
        let plan = &self.ws.plan;
        let (baseline, fraction) = if target.indicator.is_yearly() {
            let baseline = self
                .measure_in_year(target.indicator, as_of, plan.baseline_year)
                .value;
            let year = now.data_year.unwrap_or(as_of.year());
            let fraction = elapsed_fraction(
                plan.baseline_year.into(),
                target.deadline.year().into(),
                year.into(),
            );
            (baseline, fraction)
        } else {
            let start = plan.baseline_date();
            let baseline = self.measure(target.indicator, start).value;
            let fraction = elapsed_fraction(
                0,
                (target.deadline - start).num_days(),
                (as_of - start).num_days(),
            );
            (baseline, fraction)
        };
        let baseline = baseline.unwrap_or(0.0);
        baseline + (target.value - baseline) * fraction
    }

    /// T9: "growth ever higher" holds when, in every year of the period, the
    /// growth rate is above the year before's.
    fn rising_status(&self, target: &Target, as_of: NaiveDate) -> Status {
        let (_, start_year, end_year) = self.ws.plan.bounded_years();
        let last_year = end_year.min(as_of.year());
        let verdicts: Vec<Option<bool>> = (start_year..=last_year)
            .map(|year| match self.growth_in(as_of, year).observation {
                Some(Observation::Growth {
                    current, previous, ..
                }) => Some(current > previous),
                _ => None,
            })
            .collect();
        let fell = verdicts.contains(&Some(false));
        let all_known = !verdicts.is_empty() && verdicts.iter().all(Option::is_some);
        if as_of > target.deadline {
            if fell {
                Status::Missed
            } else if all_known && last_year == end_year {
                Status::Met
            } else {
                Status::NoData
            }
        } else if fell {
            Status::AtRisk
        } else if verdicts.iter().any(Option::is_some) {
            Status::OnTrack
        } else {
            Status::NoData
        }
    }
}

/// An indicator's value as of a date, for the whole city.
pub fn measure(ws: &Workspace, indicator: Indicator, as_of: NaiveDate) -> Measurement {
    Engine::new(ws).measure(indicator, as_of)
}

/// The share of the way from `start` to `end` that `at` has come, in [0, 1].
fn elapsed_fraction(start: i64, end: i64, at: i64) -> f64 {
    if end <= start {
        return 1.0;
    }
    ((at - start) as f64 / (end - start) as f64).clamp(0.0, 1.0)
}

/// Evaluates one target as of a date.
pub fn evaluate(ws: &Workspace, target: &Target, as_of: NaiveDate) -> Evaluation {
    Engine::new(ws).evaluate(target, as_of)
}

/// Evaluates every target of the workspace's plan.
pub fn evaluate_all(ws: &Workspace, as_of: NaiveDate) -> Vec<Evaluation> {
    let engine = Engine::new(ws);
    ws.plan
        .targets
        .iter()
        .map(|target| engine.evaluate(target, as_of))
        .collect()
}

/// How a breakdown groups units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dimension {
    District,
    Sector,
}

impl Dimension {
    fn key(self, unit: &Unit) -> &str {
        match self {
            Dimension::District => &unit.district,
            Dimension::Sector => &unit.sector,
        }
    }
}

/// One group of a breakdown.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakdownRow {
    /// The district's name or the sector's id; empty for units without one.
    pub key: String,
    pub tally: Tally,
    /// The group's share, or its count for counts; `None` for no data.
    pub value: Option<f64>,
}

/// The key of T3's row for value added entered at city level, which belongs
/// to no district or sector.
pub const CITY_LEVEL_KEY: &str = "(city)";

/// An indicator split by district or sector, in the same data year as the
/// city figure. The rows' tallies add up to the city's. T9 (a growth rate)
/// has no breakdown. Several breakdowns of one workspace should share an
/// [`Engine`] ([`Engine::breakdown`]), which reads the units once.
pub fn breakdown(
    ws: &Workspace,
    indicator: Indicator,
    as_of: NaiveDate,
    by: Dimension,
) -> Vec<BreakdownRow> {
    Engine::new(ws).breakdown(indicator, as_of, by)
}

impl Engine<'_> {
    /// [`breakdown`], finding the data year through this engine's index.
    pub fn breakdown(
        &self,
        indicator: Indicator,
        as_of: NaiveDate,
        by: Dimension,
    ) -> Vec<BreakdownRow> {
        let ws = self.ws;

        if indicator == Indicator::ValueAddedGrowth {
            return Vec::new();
        }
        let year = if indicator.is_yearly() {
            match self.measure(indicator, as_of).data_year {
                Some(year) => year,
                None => return Vec::new(),
            }
        } else {
            as_of.year()
        };
        // Tens of districts or sectors: a list searched in order, sorted once.
        let mut groups: Vec<(&str, Tally)> = Vec::new();
        for unit in &ws.units {
            let tally = unit_tally(&ws.plan, indicator, unit, as_of, year);
            if tally.is_empty() {
                continue;
            }
            let key = by.key(unit);
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, group)) => *group += tally,
                None => groups.push((key, tally)),
            }
        }
        crate::sorting::sort_by(&mut groups, |a, b| a.0.cmp(b.0));
        let city_grdp = if indicator == Indicator::GrdpShare {
            grdp(ws, year)
        } else {
            None
        };
        let mut rows: Vec<BreakdownRow> = groups
            .into_iter()
            .map(|(key, mut tally)| {
                // A group's GRDP share is its value added over the city's GRDP;
                // only the city row carries GRDP in the total.
                if indicator == Indicator::GrdpShare {
                    tally.denominator = 0.0;
                }
                BreakdownRow {
                    key: key.to_owned(),
                    tally,
                    value: group_value(indicator, tally, city_grdp),
                }
            })
            .collect();
        if indicator == Indicator::GrdpShare {
            if let Some(extra) = city_extra_value_added(ws, year) {
                let tally = Tally::of(extra, 0);
                rows.push(BreakdownRow {
                    key: CITY_LEVEL_KEY.to_owned(),
                    tally,
                    value: group_value(indicator, tally, city_grdp),
                });
            }
        }
        rows
    }
}

fn group_value(indicator: Indicator, tally: Tally, city_grdp: Option<f64>) -> Option<f64> {
    match indicator {
        Indicator::ExemplaryCount => Some(tally.numerator),
        Indicator::GrdpShare => city_grdp.map(|g| tally.numerator / g),
        _ => (tally.denominator > 0.0).then(|| tally.numerator / tally.denominator),
    }
}

/// A unit behind an indicator's figure, for drill-down.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Contribution {
    /// Index into `Workspace::units`.
    pub unit_index: usize,
    pub tally: Tally,
}

/// The units behind an indicator's numerator and denominator, in workspace
/// order. A unit in the denominator but not the numerator is a gap: a
/// cooperative not reorganised, an inactive one not dissolved, managers
/// untrained.
pub fn contributions(ws: &Workspace, indicator: Indicator, as_of: NaiveDate) -> Vec<Contribution> {
    let year = if indicator.is_yearly() {
        measure(ws, indicator, as_of)
            .data_year
            .unwrap_or(as_of.year())
    } else {
        as_of.year()
    };
    ws.units
        .iter()
        .enumerate()
        .filter_map(|(unit_index, unit)| {
            let tally = unit_tally(&ws.plan, indicator, unit, as_of, year);
            (!tally.is_empty()).then_some(Contribution { unit_index, tally })
        })
        .collect()
}

/// Every target as a save found it, kept beside a big workspace's stored
/// head: reopening the workspace shows the dashboard from it while the
/// units are still being read. It holds only for the date it was
/// evaluated at, and only for the save it was written with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    #[serde(with = "crate::files::iso_date")]
    pub as_of: NaiveDate,
    /// How many units the workspace had.
    pub units: usize,
    pub evaluations: Vec<Evaluation>,
}
