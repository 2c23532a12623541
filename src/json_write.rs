//! Writing a workspace document by hand, the counterpart of
//! [`crate::json_read`], rather than through serde's derived writers, which
//! monomorphized a serializer call per field and type. The output is
//! exactly what the derived writers produce — the same fields, order,
//! escapes and omissions (a double as `1.0`) — and a test compares the two
//! on the demo workspace, the fixtures, generated workspaces and every
//! field and escape, so they cannot drift apart: the derived writers stay
//! for that test, and are gone from the download.

use chrono::NaiveDate;

use crate::decimal::Decimal;
use crate::format::iso_date;
use crate::unit::{Unit, YearRecord};
use crate::workspace::{Workspace, SCHEMA_VERSION};

/// Appends `text` as a JSON string, escaped as serde_json escapes it.
pub fn text(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[n >> 4]));
                out.push(char::from(HEX[n & 0xf]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A JSON object being written: each field after the first is preceded by
/// a comma.
struct Object<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Object<'a> {
    fn open(out: &'a mut String) -> Self {
        out.push('{');
        Object { out, first: true }
    }

    /// Starts a field: its key and the colon.
    fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        text(self.out, key);
        self.out.push(':');
        self.out
    }

    fn text(&mut self, key: &str, value: &str) {
        text(self.key(key), value);
    }

    /// A field whose value is already JSON (a number, `true`).
    fn raw(&mut self, key: &str, value: &str) {
        self.key(key).push_str(value);
    }

    fn flag(&mut self, key: &str, value: bool) {
        self.raw(key, if value { "true" } else { "false" });
    }

    fn number(&mut self, key: &str, value: Option<i64>) {
        if let Some(value) = value {
            self.raw(key, &value.to_string());
        }
    }

    fn amount(&mut self, key: &str, value: &Option<Decimal>) {
        if let Some(value) = value {
            self.text(key, value.as_str());
        }
    }

    fn date(&mut self, key: &str, value: Option<NaiveDate>) {
        if let Some(value) = value {
            self.text(key, &iso_date(value));
        }
    }

    fn close(self) {
        self.out.push('}');
    }
}

/// Appends `[item, item, …]`, each written by `write`.
fn list<T>(out: &mut String, items: &[T], write: &dyn Fn(&mut String, &T)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(out, item);
    }
    out.push(']');
}

fn year_record(out: &mut String, r: &YearRecord) {
    let mut o = Object::open(out);
    o.raw("year", &r.year.to_string());
    o.number("members", r.members);
    o.number("regular_workers", r.regular_workers);
    for (key, value) in [
        ("charter_capital", &r.charter_capital),
        ("total_capital", &r.total_capital),
        ("indivisible_assets", &r.indivisible_assets),
        ("revenue", &r.revenue),
        ("pre_tax_profit", &r.pre_tax_profit),
        ("value_added", &r.value_added),
        ("average_worker_income", &r.average_worker_income),
    ] {
        o.amount(key, value);
    }
    o.number("staff", r.staff);
    o.number("staff_trained", r.staff_trained);
    o.amount("development_fund", &r.development_fund);
    o.amount("reserve_fund", &r.reserve_fund);
    o.amount("non_member_supply_percent", &r.non_member_supply_percent);
    list(o.key("key_managers"), &r.key_managers, &|out, m| {
        let mut o = Object::open(out);
        o.text("role", m.role.stored_key());
        o.text("qualification", m.qualification.stored_key());
        o.flag("trained", m.trained);
        if !m.name.is_empty() {
            o.text("name", &m.name);
        }
        o.close();
    });
    o.close();
}

/// Appends `u` as the stored document writes a unit.
pub fn unit(out: &mut String, u: &Unit) {
    let mut o = Object::open(out);
    o.text("id", &u.id);
    o.text("name", &u.name);
    o.text("kind", u.kind.stored_key());
    if !u.registration_code.is_empty() {
        o.text("registration_code", &u.registration_code);
    }
    o.text("sector", &u.sector);
    o.text("district", &u.district);
    if !u.commune.is_empty() {
        o.text("commune", &u.commune);
    }
    o.date("founded", u.founded);
    if let Some(model) = u.model {
        o.text("model", model.stored_key());
    }
    let mut r = Object::open(o.key("reorganisation"));
    r.flag("required", u.reorganisation.required);
    r.date("completed_on", u.reorganisation.completed_on);
    r.close();
    if !u.status_history.is_empty() {
        list(o.key("status_history"), &u.status_history, &|out, c| {
            let mut o = Object::open(out);
            o.text("status", c.status.stored_key());
            o.date("since", Some(c.since));
            o.close();
        });
    }
    if !u.recognitions.is_empty() {
        list(o.key("recognitions"), &u.recognitions, &|out, r| {
            let mut o = Object::open(out);
            o.raw("year", &r.year.to_string());
            o.text("decision", &r.decision);
            o.date("date", r.date);
            o.close();
        });
    }
    if let Some(group) = &u.group {
        let mut g = Object::open(o.key("group"));
        g.flag("contract_authenticated", group.contract_authenticated);
        g.flag("meets_legal_conditions", group.meets_legal_conditions);
        g.close();
    }
    list(o.key("years"), &u.years, &|out, r| year_record(out, r));
    o.close();
}

fn bilingual(o: &mut Object, key: &str, value: &crate::i18n::Text) {
    let mut t = Object::open(o.key(key));
    t.text("vi", &value.vi);
    t.text("en", &value.en);
    t.close();
}

fn texts(out: &mut String, items: &[String]) {
    list(out, items, &|out, item| text(out, item));
}

/// A number as serde_json writes a double (`1.0`, `0.012`).
fn double(value: f64) -> String {
    if value.is_finite() {
        format!("{value:?}")
    } else {
        "null".to_owned()
    }
}

fn task(out: &mut String, t: &crate::task::Task) {
    use crate::task::TaskDeadline;
    let mut o = Object::open(out);
    o.text("id", &t.id);
    bilingual(&mut o, "title", &t.title);
    o.text("lead_agency", &t.lead_agency);
    texts(o.key("partner_agencies"), &t.partner_agencies);
    if let Some(deadline) = t.deadline {
        let mut d = Object::open(o.key("deadline"));
        let (kind, numbers) = match deadline {
            TaskDeadline::Date { date } => {
                d.text("kind", "date");
                d.date("date", Some(date));
                ("", [("", 0); 2])
            }
            TaskDeadline::Quarter { year, quarter } => (
                "quarter",
                [("year", i64::from(year)), ("quarter", i64::from(quarter))],
            ),
            TaskDeadline::Year { year } => ("year", [("year", i64::from(year)), ("", 0)]),
            TaskDeadline::Yearly { month, day } => (
                "yearly",
                [("month", i64::from(month)), ("day", i64::from(day))],
            ),
        };
        if !kind.is_empty() {
            d.text("kind", kind);
        }
        for (key, value) in numbers {
            if !key.is_empty() {
                d.number(key, Some(value));
            }
        }
        d.close();
    }
    o.text("status", t.status.stored_key());
    o.text("notes", &t.notes);
    if !t.progress.is_empty() {
        list(o.key("progress"), &t.progress, &|out, p| {
            let mut o = Object::open(out);
            o.date("date", Some(p.date));
            o.text("note", &p.note);
            o.close();
        });
    }
    o.text("source", &t.source);
    o.close();
}

fn plan(out: &mut String, p: &crate::plan::Plan) {
    let mut o = Object::open(out);
    let mut i = Object::open(o.key("identity"));
    let id = &p.identity;
    i.text("number", &id.number);
    bilingual(&mut i, "title", &id.title);
    i.text("issuer", &id.issuer);
    i.text("signer", &id.signer);
    i.date("issued", Some(id.issued));
    texts(i.key("implements"), &id.implements);
    i.text("source", &id.source);
    i.close();
    o.number("start_year", Some(i64::from(p.start_year)));
    o.number("end_year", Some(i64::from(p.end_year)));
    o.number("baseline_year", Some(i64::from(p.baseline_year)));
    list(o.key("targets"), &p.targets, &|out, t| {
        let mut o = Object::open(out);
        o.text("id", &t.id);
        o.text("indicator", t.indicator.stored_key());
        bilingual(&mut o, "title", &t.title);
        o.text("wording", &t.wording);
        o.text("comparator", t.comparator.stored_key());
        o.raw("value", &double(t.value));
        if let Some(upper) = t.band_upper {
            o.raw("band_upper", &double(upper));
        }
        o.date("deadline", Some(t.deadline));
        o.text("source", &t.source);
        o.close();
    });
    let mut settings = Object::open(o.key("settings"));
    settings.text(
        "qualified_reading",
        p.settings.qualified_reading.stored_key(),
    );
    settings.close();
    texts(o.key("districts"), &p.districts);
    list(o.key("sectors"), &p.sectors, &|out, s| {
        let mut o = Object::open(out);
        o.text("id", &s.id);
        bilingual(&mut o, "name", &s.name);
        o.close();
    });
    list(o.key("tasks"), &p.tasks, &|out, t| task(out, t));
    o.close();
}

/// The workspace as one JSON document.
pub fn workspace(ws: &Workspace) -> String {
    workspace_with(ws, &|out| list(out, &ws.units, &|out, u| unit(out, u)))
}

/// One unit as the document writes it in its `units` list.
pub fn unit_text(u: &Unit) -> String {
    let mut out = String::new();
    unit(&mut out, u);
    out
}

/// The document without its units: the text before the `units` list and
/// the text after it. `before + "[" + units joined by "," + "]" + after`,
/// each unit as [`unit_text`] writes it, is exactly [`workspace`].
pub fn workspace_around_units(ws: &Workspace) -> (String, String) {
    let at = std::cell::Cell::new(0);
    let mut whole = workspace_with(ws, &|out| at.set(out.len()));
    let after = whole.split_off(at.get().min(whole.len()));
    (whole, after)
}

fn workspace_with(ws: &Workspace, units: &dyn Fn(&mut String)) -> String {
    let mut out = String::new();
    let mut o = Object::open(&mut out);
    o.raw("schema_version", &SCHEMA_VERSION.to_string());
    o.text("id", &ws.id);
    o.text("name", &ws.name);
    o.flag("illustrative", ws.illustrative);
    plan(o.key("plan"), &ws.plan);
    units(o.key("units"));
    list(o.key("city_years"), &ws.city_years, &|out, c| {
        let mut o = Object::open(out);
        o.number("year", Some(i64::from(c.year)));
        o.amount("grdp_current_prices", &c.grdp_current_prices);
        o.amount(
            "extra_collective_value_added",
            &c.extra_collective_value_added,
        );
        o.close();
    });
    if !ws.assessments.is_empty() {
        let mut entries = Vec::new();
        for a in &ws.assessments {
            entries.extend(crate::assessment::stored::entries(a));
        }
        list(o.key("assessments"), &entries, &|out, e| text(out, e));
    }
    if !ws.exemplary_criteria.is_empty() {
        list(
            o.key("exemplary_criteria"),
            &ws.exemplary_criteria,
            &|out, e| text(out, e),
        );
    }
    if !ws.scenarios.is_empty() {
        list(o.key("scenarios"), &ws.scenarios, &|out, s| {
            let mut o = Object::open(out);
            o.text("id", &s.id);
            o.text("name", &s.name);
            o.text("model", s.model.key());
            if s.per_year_growth {
                o.flag("per_year_growth", true);
            }
            if !s.overrides.is_empty() {
                let lines: Vec<String> = s.overrides.iter().map(|v| v.to_text()).collect();
                texts(o.key("overrides"), &lines);
            }
            o.close();
        });
    }
    o.close();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decimal::Decimal;
    use crate::unit::{
        CoopModel, KeyManager, ManagerRole, OperatingStatus, Qualification, Recognition,
        StatusChange, UnitKind,
    };

    fn same_as_serde(ws: &Workspace) {
        let derived = serde_json::to_string(ws).expect("serde writes it");
        assert_eq!(workspace(ws), derived);
        // The stored records put together again are the same document.
        let (before, after) = workspace_around_units(ws);
        let units: Vec<String> = ws.units.iter().map(unit_text).collect();
        assert_eq!(format!("{before}[{}]{after}", units.join(",")), derived);
    }

    #[test]
    fn the_demo_and_generated_workspaces_are_written_as_serde_writes_them() {
        same_as_serde(&crate::demo::demo_workspace());
        same_as_serde(&crate::generate::synthetic_workspace(300, 7));
        same_as_serde(&Workspace::new("e", "e"));
        for fixture in [
            include_str!("../tests/fixtures/t1-late.json"),
            include_str!("../tests/fixtures/t1-on-time.json"),
            include_str!("../tests/fixtures/v1-workspace.json"),
        ] {
            same_as_serde(&crate::document::from_json(fixture).expect("a fixture"));
        }
    }

    #[test]
    fn every_field_and_escape_is_written_as_serde_writes_it() {
        let mut ws = Workspace::new("w\"1", "Tên \\ \n\t\u{1} \u{8}\u{c}\r \u{7f} ✓");
        ws.illustrative = true;
        let d = |t: &str| Some(Decimal::parse(t).expect("decimal"));
        for kind in [
            UnitKind::Htx,
            UnitKind::Tht,
            UnitKind::Lhhtx,
            UnitKind::Qtdnd,
        ] {
            let mut u = Unit::new(format!("u-{}", kind.stored_key()), "HTX \"A\"", kind);
            u.registration_code = "0201".to_owned();
            u.commune = "Xã B".to_owned();
            u.founded = chrono::NaiveDate::from_ymd_opt(2010, 2, 3);
            u.model = Some(CoopModel::JobCreation);
            u.reorganisation.required = true;
            u.reorganisation.completed_on = chrono::NaiveDate::from_ymd_opt(2018, 6, 30);
            u.status_history.push(StatusChange {
                status: OperatingStatus::Inactive,
                since: chrono::NaiveDate::from_ymd_opt(2019, 1, 1).expect("date"),
            });
            u.recognitions.push(Recognition {
                year: 2019,
                decision: "QĐ 1".to_owned(),
                date: None,
            });
            u.years.push(YearRecord {
                year: 2019,
                members: Some(40),
                regular_workers: Some(3),
                charter_capital: d("1.5"),
                total_capital: d("2"),
                indivisible_assets: d("3"),
                revenue: d("-4"),
                pre_tax_profit: d("5"),
                value_added: d("6"),
                average_worker_income: d("7"),
                staff: Some(8),
                staff_trained: Some(9),
                development_fund: d("10"),
                reserve_fund: d("11"),
                non_member_supply_percent: d("12.5"),
                key_managers: vec![
                    KeyManager {
                        role: ManagerRole::Chair,
                        qualification: Qualification::University,
                        trained: true,
                        name: "Chị Lan".to_owned(),
                    },
                    KeyManager {
                        role: ManagerRole::Controller,
                        qualification: Qualification::None,
                        trained: false,
                        name: String::new(),
                    },
                ],
            });
            u.years.push(YearRecord {
                year: 2020,
                ..YearRecord::default()
            });
            ws.units.push(u);
        }
        let mut a = crate::assessment::Assessment::new("u-htx", 2023, chrono::NaiveDate::MIN);
        a.set("note:2012-bodies", "\"ghi chú\" = x");
        ws.assessments.push(a);
        ws.exemplary_criteria.push("previous=none".to_owned());
        ws.scenarios.push(crate::simulation::scenario::Scenario {
            id: "s1".to_owned(),
            name: "Kịch bản".to_owned(),
            ..Default::default()
        });
        let mut growth = crate::simulation::scenario::Scenario {
            id: "s2".to_owned(),
            name: "Tăng trưởng".to_owned(),
            per_year_growth: true,
            ..Default::default()
        };
        growth
            .overrides
            .push(crate::simulation::scenario::Override {
                key: "growth".to_owned(),
                low: 0.05,
                likely: 0.1,
                high: 1.0,
                pert: true,
            });
        ws.scenarios.push(growth);
        ws.city_years.push(crate::workspace::CityYear {
            year: 2019,
            grdp_current_prices: d("1000"),
            extra_collective_value_added: None,
        });
        use crate::task::{ProgressEntry, TaskDeadline};
        let template = ws.plan.tasks.first().cloned().expect("the plan's tasks");
        for (i, deadline) in [
            None,
            Some(TaskDeadline::Date {
                date: chrono::NaiveDate::from_ymd_opt(2019, 6, 30).expect("date"),
            }),
            Some(TaskDeadline::Quarter {
                year: 2018,
                quarter: 2,
            }),
            Some(TaskDeadline::Year { year: 2020 }),
            Some(TaskDeadline::Yearly { month: 12, day: 15 }),
        ]
        .into_iter()
        .enumerate()
        {
            let mut task = template.clone();
            task.id = format!("t{i}");
            task.deadline = deadline;
            task.partner_agencies = vec!["Sở \"A\"".to_owned()];
            task.progress.push(ProgressEntry {
                date: chrono::NaiveDate::from_ymd_opt(2019, 1, 2).expect("date"),
                note: "Đã họp".to_owned(),
            });
            ws.plan.tasks.push(task);
        }
        ws.plan.targets[0].band_upper = Some(0.012);
        ws.plan.targets[1].value = 1e-7;
        ws.plan.targets[2].value = 123456.5;
        same_as_serde(&ws);
    }
}
