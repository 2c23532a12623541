//! Units and yearly records as CSV files for Excel, both ways.
//!
//! Two files, one row per unit and one row per unit and year, so a district
//! officer can fill either in a spreadsheet. Every column is listed (with
//! its Vietnamese header, English alias and format) in the README's "CSV
//! files" section. Reading is all-or-nothing: a file either applies whole
//! or is refused with every problem found, each with its line and column,
//! so that one pass in Excel fixes them all.
//!
//! What one cell holds is written and read by the small `*_cell` functions
//! here; the entry forms and the merge read cells through them too, so a
//! figure is parsed the same way wherever it is typed.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use chrono::NaiveDate;

use crate::domain::decimal::Decimal;
use crate::domain::plan::Plan;
use crate::domain::unit::{
    CoopModel, GroupConditions, KeyManager, ManagerRole, OperatingStatus, Qualification,
    Recognition, StatusChange, Unit, UnitKind, YearRecord,
};
use crate::domain::validation::{field_label, Checker, Report};
use crate::domain::workspace::Workspace;
use crate::files::bytes::{Decoded, Decoding, Encoding, NotText};
use crate::files::csv::{column_letters, write_csv, Cursor, ReadError, Record, MAX_COLUMNS};
use crate::files::import::{preview_checked, ImportPreview, LineList};
use crate::i18n::format::{iso_date, parse_date};
use crate::i18n::number::{self, Convention, NumberError, Reading};
use crate::i18n::{Lang, Text};

/// The columns of the units file, in the order they are written.
pub const UNIT_COLUMNS: [&str; 15] = [
    "id",
    "name",
    "kind",
    "registration_code",
    "sector",
    "district",
    "commune",
    "founded",
    "model",
    "reorganisation_required",
    "reorganisation_completed_on",
    "status_history",
    "recognitions",
    "contract_authenticated",
    "meets_legal_conditions",
];

/// The figures of a yearly record, in the order they are written.
pub const YEAR_FIELDS: [&str; 15] = [
    "members",
    "regular_workers",
    "charter_capital",
    "total_capital",
    "indivisible_assets",
    "revenue",
    "pre_tax_profit",
    "value_added",
    "average_worker_income",
    "staff",
    "staff_trained",
    "development_fund",
    "reserve_fund",
    "non_member_supply_percent",
    "key_managers",
];

/// The columns that name the unit and year of a row of the years file.
const YEAR_KEYS: [&str; 4] = ["id", "registration_code", "name", "year"];

/// Counts, not amounts: whole numbers.
fn is_count(field: &str) -> bool {
    matches!(
        field,
        "members" | "regular_workers" | "staff" | "staff_trained"
    )
}

/// The Vietnamese header and English alias of a column.
pub fn column_label(key: &str, lang: Lang) -> &str {
    let (vi, en) = match key {
        "id" => ("Mã nội bộ", "Internal id"),
        "kind" => ("Loại hình", "Kind"),
        "model" => ("Mô hình", "Model"),
        "reorganisation_required" => ("Phải tổ chức lại", "Reorganisation required"),
        "reorganisation_completed_on" => ("Ngày hoàn thành tổ chức lại", "Reorganised on"),
        "contract_authenticated" => ("Hợp đồng hợp tác được chứng thực", "Contract authenticated"),
        "meets_legal_conditions" => ("Đủ điều kiện theo quy định", "Meets legal conditions"),
        other => return field_label(other, lang),
    };
    lang.pick(vi, en)
}

/// A problem with one cell (or one row, or the whole file), in place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvError {
    /// The line of the file the row starts on; the header is line 1.
    pub line: usize,
    /// The column's header as written in the file; empty for the whole row.
    pub column: String,
    pub message: Text,
}

impl CsvError {
    pub fn describe(&self, lang: Lang) -> String {
        let place = match (self.column.is_empty(), lang) {
            (true, Lang::Vi) => format!("Dòng {}", self.line),
            (true, Lang::En) => format!("Line {}", self.line),
            (false, Lang::Vi) => format!("Dòng {}, cột “{}”", self.line, self.column),
            (false, Lang::En) => format!("Line {}, column “{}”", self.line, self.column),
        };
        format!("{place}: {}", self.message.get(lang))
    }
}

/// Which of the two files a CSV text is, from its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvKind {
    Units,
    Years,
}

// ---------------------------------------------------------------------------
// Cells

/// A cell that does not hold what its column expects; the caller knows
/// which column, and says what it should hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unreadable;

/// "có"/"không"; read also as yes/no, true/false, 1/0, x. Empty is `None`.
pub fn parse_flag(text: &str) -> Result<Option<bool>, Unreadable> {
    match text.trim().to_lowercase().as_str() {
        "" => Ok(None),
        "có" | "co" | "c" | "yes" | "y" | "true" | "1" | "x" => Ok(Some(true)),
        "không" | "khong" | "k" | "no" | "n" | "false" | "0" => Ok(Some(false)),
        _ => Err(Unreadable),
    }
}

fn flag_cell(value: bool) -> &'static str {
    if value {
        "có"
    } else {
        "không"
    }
}

/// A whole number (a count of members or people) as `convention` writes
/// it ("4.800" is 4800 in Vietnamese), or `None` for an empty cell. A
/// fraction is an error.
pub fn parse_count(text: &str, convention: Convention) -> Result<Option<i64>, NumberError> {
    number::parse_whole(text, convention)
}

/// An amount as `convention` writes it ("1.250,5" in Vietnamese,
/// "1,250.5" in English), or `None` for an empty cell. Every digit is
/// kept; text that is not a number in the convention is an error, never a
/// guess (see [`crate::i18n::number`]).
pub fn parse_amount(text: &str, convention: Convention) -> Result<Option<Decimal>, NumberError> {
    number::parse_decimal(text, convention)
}

/// A year: plain digits ("2019"), never grouped.
fn parse_year(text: &str) -> Option<i32> {
    let text = text.trim();
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A date as dd/mm/yyyy or yyyy-mm-dd, or `None` for an empty cell.
pub fn parse_date_cell(text: &str) -> Result<Option<NaiveDate>, Unreadable> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse_date(text).map(Some).ok_or(Unreadable)
}

/// Items of a list cell, separated by ";"; a backslash keeps the next
/// character as text ("\;" is a semicolon inside an item).
fn split_list(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut item = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => item.push(chars.next().unwrap_or('\\')),
            ';' => items.push(std::mem::take(&mut item)),
            c => item.push(c),
        }
    }
    items.push(item);
    items
        .into_iter()
        .map(|item| item.trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

fn push_list_text(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, ';' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
}

fn kind_cell(text: &str) -> Option<UnitKind> {
    let text = text.trim();
    UnitKind::ALL
        .into_iter()
        .find(|kind| kind.abbreviation().eq_ignore_ascii_case(text))
}

fn model_code(model: CoopModel) -> &'static str {
    match model {
        CoopModel::ServiceSupply => "service_supply",
        CoopModel::JobCreation => "job_creation",
    }
}

fn model_cell(text: &str) -> Result<Option<CoopModel>, Unreadable> {
    match text.trim().to_lowercase().as_str() {
        "" => Ok(None),
        "service_supply" | "cung ứng dịch vụ" => Ok(Some(CoopModel::ServiceSupply)),
        "job_creation" | "tạo việc làm" => Ok(Some(CoopModel::JobCreation)),
        _ => Err(Unreadable),
    }
}

pub fn status_code(status: OperatingStatus) -> &'static str {
    match status {
        OperatingStatus::Active => "active",
        OperatingStatus::Inactive => "inactive",
        OperatingStatus::Dissolved => "dissolved",
    }
}

fn status_word(text: &str) -> Option<OperatingStatus> {
    match text.trim().to_lowercase().as_str() {
        "active" | "hoạt động" => Some(OperatingStatus::Active),
        "inactive" | "ngừng hoạt động" => Some(OperatingStatus::Inactive),
        "dissolved" | "giải thể" => Some(OperatingStatus::Dissolved),
        _ => None,
    }
}

/// "inactive 2016-03-01; dissolved 2018-09-01".
fn status_history_cell(history: &[StatusChange]) -> String {
    let mut out = String::new();
    for (i, change) in history.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(status_code(change.status));
        out.push(' ');
        out.push_str(&iso_date(change.since));
    }
    out
}

fn parse_status_history(text: &str) -> Result<Vec<StatusChange>, Unreadable> {
    split_list(text)
        .iter()
        .map(|item| {
            let (word, date) = item.rsplit_once(' ').ok_or(Unreadable)?;
            Ok(StatusChange {
                status: status_word(word).ok_or(Unreadable)?,
                since: parse_date(date).ok_or(Unreadable)?,
            })
        })
        .collect()
}

/// "2019 2019-12-01 QĐ số 12; 2020 - " (a dash for no date).
fn recognitions_cell(recognitions: &[Recognition]) -> String {
    let mut out = String::new();
    for (i, recognition) in recognitions.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(&recognition.year.to_string());
        out.push(' ');
        out.push_str(&recognition.date.map_or_else(|| "-".to_owned(), iso_date));
        if !recognition.decision.is_empty() {
            out.push(' ');
            push_list_text(&mut out, &recognition.decision);
        }
    }
    out
}

fn parse_recognitions(text: &str) -> Result<Vec<Recognition>, Unreadable> {
    split_list(text)
        .iter()
        .map(|item| {
            let mut parts = item.splitn(3, ' ');
            let year = parts
                .next()
                .ok_or(Unreadable)?
                .parse()
                .map_err(|_| Unreadable)?;
            let date = match parts.next().unwrap_or("-") {
                "-" => None,
                date => Some(parse_date(date).ok_or(Unreadable)?),
            };
            Ok(Recognition {
                year,
                date,
                decision: parts.next().unwrap_or("").trim().to_owned(),
            })
        })
        .collect()
}

/// "director college có Nguyễn Văn A; accountant intermediate không".
fn managers_cell(managers: &[KeyManager]) -> String {
    let mut out = String::new();
    for (i, manager) in managers.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(manager.role.stored_key());
        out.push(' ');
        out.push_str(manager.qualification.stored_key());
        out.push(' ');
        out.push_str(flag_cell(manager.trained));
        if !manager.name.is_empty() {
            out.push(' ');
            push_list_text(&mut out, &manager.name);
        }
    }
    out
}

fn parse_managers(text: &str) -> Result<Vec<KeyManager>, Unreadable> {
    split_list(text)
        .iter()
        .map(|item| {
            let mut parts = item.splitn(4, ' ');
            let role = parts.next().unwrap_or("");
            let role = ManagerRole::ALL
                .into_iter()
                .find(|r| r.stored_key().eq_ignore_ascii_case(role))
                .ok_or(Unreadable)?;
            let qualification = parts.next().unwrap_or("");
            let qualification = Qualification::ALL
                .into_iter()
                .find(|q| q.stored_key().eq_ignore_ascii_case(qualification))
                .ok_or(Unreadable)?;
            let trained = parse_flag(parts.next().unwrap_or(""))?.ok_or(Unreadable)?;
            Ok(KeyManager {
                role,
                qualification,
                trained,
                name: parts.next().unwrap_or("").trim().to_owned(),
            })
        })
        .collect()
}

/// The text of one column of a unit's row.
pub fn unit_cell(unit: &Unit, key: &str) -> String {
    let date = |d: Option<NaiveDate>| d.map(iso_date).unwrap_or_default();
    let group_flag = |pick: fn(&GroupConditions) -> bool| {
        unit.group
            .as_ref()
            .map(|g| flag_cell(pick(g)).to_owned())
            .unwrap_or_default()
    };
    match key {
        "id" => unit.id.clone(),
        "name" => unit.name.clone(),
        "kind" => unit.kind.abbreviation().to_owned(),
        "registration_code" => unit.registration_code.clone(),
        "sector" => unit.sector.clone(),
        "district" => unit.district.clone(),
        "commune" => unit.commune.clone(),
        "founded" => date(unit.founded),
        "model" => unit.model.map(model_code).unwrap_or("").to_owned(),
        "reorganisation_required" => flag_cell(unit.reorganisation.required).to_owned(),
        "reorganisation_completed_on" => date(unit.reorganisation.completed_on),
        "status_history" => status_history_cell(&unit.status_history),
        "recognitions" => recognitions_cell(&unit.recognitions),
        "contract_authenticated" => group_flag(|g| g.contract_authenticated),
        "meets_legal_conditions" => group_flag(|g| g.meets_legal_conditions),
        _ => String::new(),
    }
}

/// The text of one figure of a yearly record.
pub fn year_cell(record: &YearRecord, field: &str) -> String {
    let count = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let amount = |a: &Option<Decimal>| {
        a.as_ref()
            .map(|a| a.as_str().to_owned())
            .unwrap_or_default()
    };
    match field {
        "year" => record.year.to_string(),
        "members" => count(record.members),
        "regular_workers" => count(record.regular_workers),
        "staff" => count(record.staff),
        "staff_trained" => count(record.staff_trained),
        "key_managers" => managers_cell(&record.key_managers),
        field => amount_slot(record, field).map_or_else(String::new, amount),
    }
}

fn amount_slot<'a>(record: &'a YearRecord, field: &str) -> Option<&'a Option<Decimal>> {
    Some(match field {
        "charter_capital" => &record.charter_capital,
        "total_capital" => &record.total_capital,
        "indivisible_assets" => &record.indivisible_assets,
        "revenue" => &record.revenue,
        "pre_tax_profit" => &record.pre_tax_profit,
        "value_added" => &record.value_added,
        "average_worker_income" => &record.average_worker_income,
        "development_fund" => &record.development_fund,
        "reserve_fund" => &record.reserve_fund,
        "non_member_supply_percent" => &record.non_member_supply_percent,
        _ => return None,
    })
}

fn amount_slot_mut<'a>(record: &'a mut YearRecord, field: &str) -> Option<&'a mut Option<Decimal>> {
    Some(match field {
        "charter_capital" => &mut record.charter_capital,
        "total_capital" => &mut record.total_capital,
        "indivisible_assets" => &mut record.indivisible_assets,
        "revenue" => &mut record.revenue,
        "pre_tax_profit" => &mut record.pre_tax_profit,
        "value_added" => &mut record.value_added,
        "average_worker_income" => &mut record.average_worker_income,
        "development_fund" => &mut record.development_fund,
        "reserve_fund" => &mut record.reserve_fund,
        "non_member_supply_percent" => &mut record.non_member_supply_percent,
        _ => return None,
    })
}

fn message(vi: &str, en: &str) -> Text {
    Text::new(vi, en)
}

/// The place and message of an error of the CSV reader.
fn read_error(error: ReadError) -> (usize, String, Text) {
    match error {
        ReadError::OpenQuote { line } => (
            line,
            String::new(),
            message(
                "Dấu ngoặc kép mở ở dòng này không được đóng.",
                "A quote opened on this line is never closed.",
            ),
        ),
        ReadError::TooManyColumns { line, column } => (
            line,
            column_letters(column),
            Text::new(
                format!("Tệp có hơn {MAX_COLUMNS} cột; tệp đơn vị và tệp số liệu năm có ít hơn 20 cột. Tệp không được đọc."),
                format!("The file has more than {MAX_COLUMNS} columns; the units and years files have fewer than 20. The file was not read."),
            ),
        ),
    }
}

/// A cell that holds something in a column without a header (past the
/// header's last cell, or under a blank one): its (0-based) column. Empty
/// cells there (a trailing separator) lose nothing.
fn cell_past_header(fields: &[String], header: &[String]) -> Option<usize> {
    fields
        .iter()
        .enumerate()
        .find(|(index, cell)| {
            !cell.trim().is_empty() && header.get(*index).is_none_or(|h| h.trim().is_empty())
        })
        .map(|(index, _)| index)
}

/// Sets one figure of a record from its text, numbers read as
/// `convention` writes them; the message says what the cell should hold.
pub fn set_year_cell(
    record: &mut YearRecord,
    field: &str,
    text: &str,
    convention: Convention,
) -> Result<(), Text> {
    if field == "key_managers" {
        record.key_managers = parse_managers(text).map_err(|Unreadable| {
            message(
                "Cần dạng “vai-trò trình-độ có/không tên”, cách nhau bằng dấu chấm phẩy, ví dụ “director college có Nguyễn Văn A”.",
                "Expected “role qualification yes/no name”, separated by semicolons, e.g. “director college có Nguyễn Văn A”.",
            )
        })?;
        return Ok(());
    }
    if field == "year" {
        let year = parse_year(text)
            .ok_or_else(|| message("Cần một năm, ví dụ 2019.", "Expected a year, e.g. 2019."))?;
        record.year = year;
        return Ok(());
    }
    if is_count(field) {
        let value = parse_count(text, convention).map_err(|e| e.message(convention))?;
        match field {
            "members" => record.members = value,
            "regular_workers" => record.regular_workers = value,
            "staff" => record.staff = value,
            _ => record.staff_trained = value,
        }
        return Ok(());
    }
    let value = parse_amount(text, convention).map_err(|e| e.message(convention))?;
    if let Some(slot) = amount_slot_mut(record, field) {
        *slot = value;
    }
    Ok(())
}

/// Whether a figure of a yearly record is a number (a count or an amount).
pub fn is_number_field(field: &str) -> bool {
    is_count(field) || amount_slot(&YearRecord::default(), field).is_some()
}

/// How a cell of a number column reads in each convention.
fn cell_reading(field: &str, text: &str) -> Reading {
    // Most cells are plain digits (counts, whole amounts): the same in
    // both, and not worth parsing twice.
    let trimmed = text.trim();
    if trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Reading::Same;
    }
    if !is_count(field) {
        return number::reading(text);
    }
    Reading::of(
        parse_count(text, Convention::Vietnamese),
        parse_count(text, Convention::English),
    )
}

/// Sets one static field of a unit from its text. `plan` resolves a sector
/// given by name.
pub fn set_unit_cell(unit: &mut Unit, key: &str, text: &str, plan: &Plan) -> Result<(), Text> {
    let trimmed = text.trim();
    let bad_date = || {
        message(
            "Cần một ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd.",
            "Expected a date as dd/mm/yyyy or yyyy-mm-dd.",
        )
    };
    let bad_flag = || {
        message(
            "Cần “có” hoặc “không”.",
            "Expected “có” (yes) or “không” (no).",
        )
    };
    match key {
        "id" => unit.id = trimmed.to_owned(),
        "name" => unit.name = trimmed.to_owned(),
        "kind" => {
            unit.kind = kind_cell(trimmed).ok_or_else(|| {
                message(
                    "Cần một trong HTX, LHHTX, QTDND, THT.",
                    "Expected one of HTX, LHHTX, QTDND, THT.",
                )
            })?
        }
        "registration_code" => unit.registration_code = trimmed.to_owned(),
        "sector" => {
            let lower = trimmed.to_lowercase();
            unit.sector = plan
                .sectors
                .iter()
                .find(|s| {
                    s.id == trimmed
                        || s.name.vi.to_lowercase() == lower
                        || s.name.en.to_lowercase() == lower
                })
                .map_or_else(|| trimmed.to_owned(), |s| s.id.clone());
        }
        "district" => unit.district = trimmed.to_owned(),
        "commune" => unit.commune = trimmed.to_owned(),
        "founded" => unit.founded = parse_date_cell(trimmed).map_err(|Unreadable| bad_date())?,
        "model" => {
            unit.model = model_cell(trimmed).map_err(|Unreadable| {
                message(
                    "Cần “service_supply” (cung ứng dịch vụ) hoặc “job_creation” (tạo việc làm).",
                    "Expected “service_supply” or “job_creation”.",
                )
            })?
        }
        "reorganisation_required" => {
            unit.reorganisation.required =
                parse_flag(trimmed).map_err(|Unreadable| bad_flag())?.unwrap_or(false)
        }
        "reorganisation_completed_on" => {
            unit.reorganisation.completed_on = parse_date_cell(trimmed).map_err(|Unreadable| bad_date())?
        }
        "status_history" => {
            unit.status_history = parse_status_history(trimmed).map_err(|Unreadable| {
                message(
                    "Cần dạng “inactive 2016-03-01; dissolved 2018-09-01” (active, inactive hoặc dissolved và ngày).",
                    "Expected “inactive 2016-03-01; dissolved 2018-09-01” (active, inactive or dissolved, and a date).",
                )
            })?
        }
        "recognitions" => {
            unit.recognitions = parse_recognitions(trimmed).map_err(|Unreadable| {
                message(
                    "Cần dạng “2019 2019-12-01 Quyết định số …” (năm, ngày hoặc -, số quyết định), cách nhau bằng dấu chấm phẩy.",
                    "Expected “2019 2019-12-01 Decision no. …” (year, date or -, decision), separated by semicolons.",
                )
            })?
        }
        "contract_authenticated" | "meets_legal_conditions" => {
            if let Some(value) = parse_flag(trimmed).map_err(|Unreadable| bad_flag())? {
                let group = unit.group.get_or_insert_with(GroupConditions::default);
                if key == "contract_authenticated" {
                    group.contract_authenticated = value;
                } else {
                    group.meets_legal_conditions = value;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Files

/// The units file: one row per unit, Vietnamese headers.
pub fn units_csv(ws: &Workspace) -> String {
    let header: Vec<&str> = UNIT_COLUMNS
        .iter()
        .map(|key| column_label(key, Lang::Vi))
        .collect();
    write_csv(
        &header,
        ws.units.iter().map(|unit| {
            UNIT_COLUMNS
                .iter()
                .map(|key| unit_cell(unit, key))
                .collect::<Vec<_>>()
        }),
    )
}

/// The years file: one row per unit and year.
pub fn years_csv(ws: &Workspace) -> String {
    let header: Vec<&str> = YEAR_KEYS
        .iter()
        .chain(YEAR_FIELDS.iter())
        .map(|key| column_label(key, Lang::Vi))
        .collect();
    write_csv(
        &header,
        ws.units.iter().flat_map(|unit| {
            unit.years.iter().map(move |record| {
                let mut row = vec![
                    unit.id.clone(),
                    unit.registration_code.clone(),
                    unit.name.clone(),
                    record.year.to_string(),
                ];
                row.extend(YEAR_FIELDS.iter().map(|field| year_cell(record, field)));
                row
            })
        }),
    )
}

fn normalised(text: &str) -> String {
    text.trim().to_lowercase()
}

/// The known column a header cell names (Vietnamese header, English alias
/// or field key), if any.
fn column_key(header: &str, keys: &[&'static str]) -> Option<&'static str> {
    let header = normalised(header);
    keys.iter().copied().find(|key| {
        header == *key
            || header == normalised(column_label(key, Lang::Vi))
            || header == normalised(column_label(key, Lang::En))
            || (*key == "id" && header == "unit_id")
    })
}

/// A row's cells by column key.
struct Row<'a> {
    columns: &'a [(&'static str, usize)],
    fields: &'a [String],
}

impl Row<'_> {
    fn get(&self, key: &str) -> &str {
        self.columns
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, index)| self.fields.get(*index))
            .map_or("", |f| f.trim())
    }
}

/// Reads a CSV file of either kind and applies it to a copy of `current`:
/// units are matched by internal id, then registration code, and updated
/// (their yearly records kept) or added; yearly records replace the
/// unit's record of the same year or are added. Units the file does not
/// name are kept. Every problem is returned, with its line and column; the
/// units the file touched are also validated, and their errors returned
/// the same way.
pub fn import_csv(current: &Workspace, text: &str) -> Result<(CsvKind, Workspace), Vec<CsvError>> {
    let mut import = CsvImport::new(current, vec![(String::new(), text.to_owned())]);
    import.step(usize::MAX);
    let kind = import
        .reads
        .first()
        .map_or(CsvKind::Units, |read| read.kind);
    import
        .finish()
        .map(|ws| (kind, ws))
        .map_err(|errors| errors.into_iter().map(|(_, error)| error).collect())
}

/// Whether a CSV text is a years file (its header names a year column).
fn is_years_file(text: &str) -> bool {
    let first_line = text.lines().next().unwrap_or("");
    Cursor::new(first_line.to_owned())
        .next()
        .and_then(Result::ok)
        .is_some_and(|header| {
            header
                .fields
                .iter()
                .any(|h| column_key(h, &["year"]).is_some())
        })
}

/// Several CSV files at once (a units file and a years file, typically):
/// units files first, so that the years find their units. All or
/// nothing: every error of every file is returned, with the file's name.
/// The same as [`CsvImport`] run to the end in one go.
pub fn import_csv_files(
    current: &Workspace,
    files: &[(String, String)],
) -> Result<Workspace, Vec<(String, CsvError)>> {
    CsvImport::new(current, files.to_vec()).finish()
}

/// How many more cells must read one way only than the other for a file's
/// scan to stop before its end.
const DECISIVE_LEAD: usize = 100;

/// A step's budget of rows, in bytes decoded while the files given as
/// bytes are decoded: a step of 100 rows decodes 400 KB, about as long as
/// reading 100 rows takes.
const DECODE_BYTES_PER_ROW: usize = 4096;
/// The most bytes decoded in one go, so that a step given no limit still
/// goes through a big file in pieces (its text grows by this much a time).
const DECODE_PIECE: usize = 1 << 20;

/// A CSV file decoded: its name, and its text and encoding or where it is
/// not text.
pub type DecodedFile = (String, Result<Decoded, NotText>);

/// Decodes up to the bytes it is given of the files given as bytes, in
/// order; once all are decoded, gives each one's text or where it is not
/// text.
type DecodeStep = dyn FnMut(usize) -> Option<Vec<DecodedFile>>;

/// The [`DecodeStep`] of `files`, each decoded as a spreadsheet wrote it
/// ([`Decoding`]) a piece of at most [`DECODE_PIECE`] at a time.
fn decoder(files: Vec<(String, Rc<[u8]>)>) -> impl FnMut(usize) -> Option<Vec<DecodedFile>> {
    let mut decoding: Vec<(String, Decoding)> = files
        .into_iter()
        .map(|(name, bytes)| (name, Decoding::new(bytes)))
        .collect();
    let mut decoded = Vec::new();
    move |most| {
        let mut left = most.max(1);
        while left > 0 {
            let Some((_, file)) = decoding.get_mut(decoded.len()) else {
                break;
            };
            let piece = left.min(DECODE_PIECE);
            left -= piece;
            if let Some(result) = file.step(piece) {
                decoded.push(result);
            }
        }
        if decoded.len() < decoding.len() {
            return None;
        }
        let names = std::mem::take(&mut decoding)
            .into_iter()
            .map(|(name, _)| name);
        Some(names.zip(std::mem::take(&mut decoded)).collect())
    }
}

/// What a [`CsvImport`] is doing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Reading the files' rows into the workspace.
    #[default]
    Reading,
    /// Validating the workspace as it would be.
    Checking,
    Done,
}

/// How far a [`CsvImport`] is: within its phase, `done` of `total` (bytes
/// of all the files while reading, units while checking), and the rows
/// read so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    pub done: usize,
    pub total: usize,
    pub rows: usize,
}

/// One file of an import: where its reading is, what its header says, and
/// the line each unit (units file) or unit and year (years file) it
/// touched came from, to place the validation errors found at the end.
/// The record a row of a file writes: a unit, by its place in the
/// workspace, or one of its years. Numbers, not texts, so that a file of
/// 100,000 rows makes no text per row to remember it (their frees alone
/// held the page for about 100 ms at the end of a 30,000-unit import).
type RowKey = (usize, Option<i32>);

struct FileRead {
    cursor: Cursor,
    header: Vec<String>,
    columns: Vec<(&'static str, usize)>,
    kind: CsvKind,
    /// The line each record was last read on.
    lines: HashMap<RowKey, usize>,
    /// Records already on an earlier line of this file.
    seen: HashSet<RowKey>,
    /// Units of the workspace indexed, and to index before the rows are
    /// read.
    indexed: usize,
    to_index: usize,
    /// Where this file's errors start in the import's list.
    first_error: usize,
    /// How numbers are read in this file, and why.
    numbers: FileNumbers,
    /// A first pass over the file's rows that decides its convention from
    /// the cells that read one way only, before any row is applied.
    scan: Option<Cursor>,
    votes: [usize; 2],
}

/// Why a file's numbers are read the way they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecidedBy {
    /// Most of the cells that read in one convention only read in this
    /// one (how many did).
    Cells(usize),
    /// No cell decides, and the file is one the app wrote (its headers, in
    /// its order): its plain form, `1250.5`.
    OwnExport,
    /// No cell decides: the page's language.
    PageLanguage,
    /// The user chose it in the preview.
    User,
}

/// How one file's numbers are read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileNumbers {
    pub file: String,
    pub convention: Convention,
    pub decided_by: DecidedBy,
    /// Cells that read as a different number in the other convention
    /// ("4.800").
    pub ambiguous: usize,
    /// Whether the file has a number column at all.
    pub has_numbers: bool,
}

/// The column's header as the file wrote it.
fn column_name(columns: &[(&'static str, usize)], header: &[String], key: &str) -> String {
    columns
        .iter()
        .find(|(k, _)| *k == key)
        .and_then(|(_, index)| header.get(*index))
        .cloned()
        .unwrap_or_else(|| column_label(key, Lang::Vi).to_owned())
}

/// An import of CSV files done a slice at a time, so that a big one (30,000
/// units and three years of records: 15 MB) can run between the browser's
/// other work: [`CsvImport::step`] reads or checks a bounded number of rows
/// and says how far it is; [`CsvImport::finish`] gives what
/// [`import_csv_files`] gives. Units files are read first, so that the years
/// find their units, each applied in turn to one copy of the workspace; the
/// workspace as it would be is then validated once, and each error of a
/// unit or year the files touched is placed on the line that last did.
pub struct CsvImport {
    files: Vec<(String, String)>,
    ws: Workspace,
    errors: Vec<(String, CsvError)>,
    /// The file being read, and the state of every file begun.
    file: usize,
    reads: Vec<FileRead>,
    /// Bytes of the files read to their end, and of all.
    bytes: usize,
    total: usize,
    rows: usize,
    by_id: HashMap<String, usize>,
    by_code: HashMap<String, usize>,
    next_id: usize,
    checker: Checker,
    /// The workspace's validation, once done.
    report: Option<Report>,
    /// The encoding each file was read in, when it was given as bytes or
    /// decoded.
    encodings: Vec<(String, Encoding)>,
    /// Files given as bytes, still being decoded (all of them are decoded
    /// before the first is read, so errors come in the files' order).
    /// Behind a pointer to a closure that only [`CsvImport::from_bytes`]
    /// makes, so that a program that never calls it (the app's page, whose
    /// files the import's worker decodes) links no decoder.
    decoding: Option<Box<DecodeStep>>,
    /// The convention of a file no cell decides: the page's.
    page_numbers: Convention,
    /// Conventions the user chose, by file name.
    chosen_numbers: Vec<(String, Convention)>,
}

impl CsvImport {
    pub fn new(current: &Workspace, files: Vec<(String, String)>) -> Self {
        let mut import = CsvImport {
            total: 0,
            files: Vec::new(),
            ws: current.clone(),
            errors: Vec::new(),
            file: 0,
            reads: Vec::new(),
            bytes: 0,
            rows: 0,
            by_id: HashMap::new(),
            by_code: HashMap::new(),
            next_id: 1,
            checker: Checker::default(),
            report: None,
            encodings: Vec::new(),
            decoding: None,
            page_numbers: Convention::Vietnamese,
            chosen_numbers: Vec::new(),
        };
        import.take_files(files);
        import
    }

    /// The files to read, the units' files before the yearly records'.
    fn take_files(&mut self, files: Vec<(String, String)>) {
        let (mut ordered, mut years) = (Vec::new(), Vec::new());
        for file in files {
            self.total += file.1.len();
            if is_years_file(&file.1) {
                years.push(file);
            } else {
                ordered.push(file);
            }
        }
        ordered.append(&mut years);
        self.files = ordered;
    }

    /// An import of files as the user picked them: each one's bytes are
    /// decoded as a spreadsheet wrote them ([`spreadsheet_text`]), a piece
    /// per step, and the encoding is kept for the preview. A file that is
    /// not text is refused with the place of its first bad byte.
    pub fn from_bytes(current: &Workspace, files: Vec<(String, Rc<[u8]>)>) -> Self {
        let mut import = CsvImport::new(current, Vec::new());
        import.decoding = Some(Box::new(decoder(files)));
        import
    }

    /// An import of files already decoded elsewhere, each by
    /// [`spreadsheet_text`] (the page has the import's worker decode them,
    /// so that encoding_rs stays out of the page's download): the same
    /// import, errors and encodings as [`CsvImport::from_bytes`] of the
    /// files' bytes.
    pub fn decoded(current: &Workspace, files: Vec<DecodedFile>) -> Self {
        let mut import = CsvImport::new(current, Vec::new());
        import.take_decoded(files);
        import
    }

    /// Files decoded, each to its text or to where it is not text, in the
    /// order the user gave them: the texts are the files to read, the
    /// encodings are kept for the preview, and a file that is not text is
    /// refused with the place of its first bad byte.
    fn take_decoded(&mut self, files: Vec<DecodedFile>) {
        let mut texts = Vec::new();
        for (name, result) in files {
            match result {
                Ok(decoded) => {
                    self.encodings.push((name.clone(), decoded.encoding));
                    texts.push((name, decoded.text));
                }
                Err(not_text) => self.errors.push((
                    name,
                    CsvError {
                        line: not_text.line,
                        column: String::new(),
                        message: not_text.text(),
                    },
                )),
            }
        }
        self.take_files(texts);
    }

    /// The encoding each file given as bytes (or decoded) was read in, by
    /// file name.
    pub fn encodings(&self) -> &[(String, Encoding)] {
        &self.encodings
    }

    /// Reads numbers as `page` writes them in a file no cell decides, and
    /// as the user chose in the files named in `chosen`. Call before the
    /// first step.
    pub fn with_numbers(mut self, page: Convention, chosen: Vec<(String, Convention)>) -> Self {
        self.page_numbers = page;
        self.chosen_numbers = chosen;
        self
    }

    /// How each file's numbers are read (files begun so far; every file
    /// once the import is done).
    pub fn numbers(&self) -> Vec<FileNumbers> {
        self.reads.iter().map(|read| read.numbers.clone()).collect()
    }

    /// Reads or checks up to `rows` more rows (a unit indexed or checked
    /// counts as one).
    pub fn step(&mut self, rows: usize) -> Progress {
        if let Some(decode) = self.decoding.as_mut() {
            if let Some(files) = decode(rows.max(1).saturating_mul(DECODE_BYTES_PER_ROW)) {
                self.decoding = None;
                self.take_decoded(files);
            }
            return self.progress();
        }
        let mut budget = rows.max(1);
        while budget > 0 && self.report.is_none() {
            if self.file < self.files.len() {
                budget -= 1;
                self.read_one();
            } else {
                let before = self.checker.done;
                let finished = self.checker.step(&self.ws, budget);
                budget = budget.saturating_sub(self.checker.done - before);
                if finished {
                    let report = std::mem::take(&mut self.checker).finish(&self.ws);
                    self.place(&report);
                    self.report = Some(report);
                }
            }
        }
        self.progress()
    }

    pub fn progress(&self) -> Progress {
        let units = self.ws.units.len();
        let (phase, done, total) = if self.decoding.is_some() {
            (Phase::Reading, 0, 0)
        } else if self.report.is_some() {
            (Phase::Done, units, units)
        } else if self.file >= self.files.len() {
            (Phase::Checking, self.checker.done / 2, units)
        } else {
            // A file scanned for its convention is read twice: each pass
            // counts as half of it.
            let pos = self.reads.get(self.file).map_or(0, |read| {
                let len = read.cursor.len();
                match (&read.scan, read.numbers.decided_by) {
                    (Some(scan), _) => scan.position() / 2,
                    (
                        None,
                        DecidedBy::Cells(_) | DecidedBy::OwnExport | DecidedBy::PageLanguage,
                    ) if read.numbers.has_numbers => (len + read.cursor.position()) / 2,
                    _ => read.cursor.position(),
                }
            });
            (Phase::Reading, self.bytes + pos, self.total)
        };
        Progress {
            phase,
            done,
            total,
            rows: self.rows,
        }
    }

    /// The workspace with every file applied, or every error of every file
    /// with the file's name (the import is run to its end first).
    pub fn finish(self) -> Result<Workspace, Vec<(String, CsvError)>> {
        self.finish_checked().map(|(ws, _)| ws)
    }

    /// [`CsvImport::finish`] with the workspace's validation, which a
    /// preview needs too.
    pub fn finish_checked(mut self) -> Result<(Workspace, Report), Vec<(String, CsvError)>> {
        while self.report.is_none() {
            self.step(usize::MAX);
        }
        if self.errors.is_empty() {
            Ok((self.ws, self.report.unwrap_or_default()))
        } else {
            Err(self.errors)
        }
    }

    /// What the finished import would change in `current` (the workspace it
    /// was made from), without validating the result a second time.
    pub fn preview(self, current: &Workspace) -> Result<ImportPreview, Vec<(String, CsvError)>> {
        self.finish_checked()
            .map(|(ws, report)| preview_checked(current, ws, report))
    }

    fn error(&mut self, line: usize, column: String, message: Text) {
        let name = self
            .files
            .get(self.file)
            .map(|(name, _)| name.clone())
            .unwrap_or_default();
        self.errors.push((
            name,
            CsvError {
                line,
                column,
                message,
            },
        ));
    }

    fn next_file(&mut self) {
        self.bytes += self
            .reads
            .get(self.file)
            .map_or(0, |read| read.cursor.len());
        self.file += 1;
    }

    /// Reads the header, indexes one unit or applies one row of the file
    /// being read.
    fn read_one(&mut self) {
        let Some(read) = self.reads.get_mut(self.file) else {
            // The cursor keeps the file's text from here on.
            let text = self
                .files
                .get_mut(self.file)
                .map(|(_, text)| std::mem::take(text))
                .unwrap_or_default();
            let mut cursor = Cursor::new(text);
            let header = cursor.next();
            return self.begin(cursor, header);
        };
        if let Some(scan) = read.scan.as_mut() {
            let [vi, en] = read.votes;
            // A lead this wide is decisive: the rest of the file is not
            // read twice (a file that mixes both ways is refused either way).
            let next = if vi.abs_diff(en) >= DECISIVE_LEAD {
                None
            } else {
                scan.next()
            };
            match next {
                Some(Ok(record)) => {
                    for (key, index) in &read.columns {
                        if !is_number_field(key) {
                            continue;
                        }
                        let cell = record.fields.get(*index).map_or("", String::as_str);
                        match cell_reading(key, cell) {
                            Reading::Only(Convention::Vietnamese) => read.votes[0] += 1,
                            Reading::Only(Convention::English) => read.votes[1] += 1,
                            Reading::Ambiguous => read.numbers.ambiguous += 1,
                            Reading::Same | Reading::Neither => {}
                        }
                    }
                }
                // The reading proper reports a quote left open.
                Some(Err(_)) | None => {
                    read.scan = None;
                    let [vi, en] = read.votes;
                    if vi != en {
                        let (convention, cells) = if vi > en {
                            (Convention::Vietnamese, vi)
                        } else {
                            (Convention::English, en)
                        };
                        read.numbers.convention = convention;
                        read.numbers.decided_by = DecidedBy::Cells(cells);
                    }
                }
            }
            return;
        }
        let indexed = read.indexed;
        if let Some(unit) = self
            .ws
            .units
            .get(indexed)
            .filter(|_| indexed < read.to_index)
        {
            read.indexed += 1;
            self.by_id.insert(unit.id.clone(), indexed);
            let code = normalised(&unit.registration_code);
            if !code.is_empty() {
                self.by_code.entry(code).or_insert(indexed);
            }
            return;
        }
        match read.cursor.next() {
            Some(Ok(record)) => {
                self.rows += 1;
                self.apply(record)
            }
            Some(Err(error)) => {
                // A quote never closed swallows the rest of the file: that
                // is its only error.
                read.lines.clear();
                self.errors.truncate(read.first_error);
                let (line, column, message) = read_error(error);
                self.error(line, column, message);
                self.next_file();
            }
            None => self.next_file(),
        }
    }

    /// Starts a file with its header: which column is which, and whether
    /// every column needed is there (if not, the file is not read).
    fn begin(&mut self, cursor: Cursor, header: Option<Result<Record, ReadError>>) {
        let first_error = self.errors.len();
        let mut columns: Vec<(&'static str, usize)> = Vec::new();
        let (line, fields) = match header {
            Some(Ok(Record { line, fields })) => (line, fields),
            Some(Err(error)) => {
                let (line, column, message) = read_error(error);
                self.error(line, column, message);
                (line, Vec::new())
            }
            None => {
                self.error(
                    1,
                    String::new(),
                    message("Tệp trống.", "The file is empty."),
                );
                (1, Vec::new())
            }
        };
        let all_keys: Vec<&'static str> = UNIT_COLUMNS
            .iter()
            .chain(YEAR_KEYS.iter())
            .chain(YEAR_FIELDS.iter())
            .copied()
            .collect();
        for (index, name) in fields.iter().enumerate() {
            match column_key(name, &all_keys) {
                Some(key) if columns.iter().any(|(k, _)| *k == key) => self.error(
                    line,
                    name.clone(),
                    message("Cột này xuất hiện hai lần.", "This column appears twice."),
                ),
                Some(key) => columns.push((key, index)),
                None if name.trim().is_empty() => {}
                None => self.error(
                    line,
                    name.clone(),
                    message(
                        "Không rõ cột này (xem danh sách cột trong README).",
                        "Unknown column (see the list of columns in the README).",
                    ),
                ),
            }
        }
        let has = |key: &str| columns.iter().any(|(k, _)| *k == key);
        let (kind, required): (_, &[&str]) = if has("year") {
            (CsvKind::Years, &["year"])
        } else {
            (CsvKind::Units, &["name", "kind"])
        };
        for key in required
            .iter()
            .filter(|key| !has(key) && !fields.is_empty())
        {
            self.error(
                line,
                column_label(key, Lang::Vi).to_owned(),
                message(
                    "Thiếu cột bắt buộc này.",
                    "This required column is missing.",
                ),
            );
        }
        if kind == CsvKind::Years && !has("id") && !has("registration_code") {
            self.error(
                line,
                column_label("id", Lang::Vi).to_owned(),
                message(
                    "Cần cột “Mã nội bộ” hoặc “Mã số HTX” để biết số liệu của đơn vị nào.",
                    "A column “Mã nội bộ” (id) or “Mã số HTX” (registration code) is needed to know whose figures these are.",
                ),
            );
        }
        let name = self
            .files
            .get(self.file)
            .map(|(name, _)| name.clone())
            .unwrap_or_default();
        let has_numbers = columns.iter().any(|(key, _)| is_number_field(key));
        let chosen = self
            .chosen_numbers
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, convention)| *convention);
        let own_export = fields.iter().map(|f| f.trim()).eq(YEAR_KEYS
            .iter()
            .chain(YEAR_FIELDS.iter())
            .map(|key| column_label(key, Lang::Vi)));
        let (convention, decided_by) = match chosen {
            Some(convention) => (convention, DecidedBy::User),
            None if own_export => (Convention::PLAIN, DecidedBy::OwnExport),
            None => (self.page_numbers, DecidedBy::PageLanguage),
        };
        let scan = (chosen.is_none() && has_numbers).then(|| {
            let mut scan = cursor.restarted();
            // The header.
            let _ = scan.next();
            scan
        });
        self.reads.push(FileRead {
            cursor,
            header: fields,
            columns,
            kind,
            lines: HashMap::new(),
            seen: HashSet::new(),
            indexed: 0,
            to_index: self.ws.units.len(),
            first_error,
            numbers: FileNumbers {
                file: name,
                convention,
                decided_by,
                ambiguous: 0,
                has_numbers,
            },
            scan,
            votes: [0, 0],
        });
        self.by_id.clear();
        self.by_code.clear();
        if self.errors.len() > first_error {
            self.next_file();
        }
    }

    /// Applies one row of the file being read.
    fn apply(&mut self, record: Record) {
        let Some(read) = self.reads.get_mut(self.file) else {
            return;
        };
        if let Some(column) = cell_past_header(&record.fields, &read.header) {
            return self.error(
                record.line,
                column_letters(column),
                message(
                    "Ô này nằm ở cột không có tiêu đề; hãy đặt tiêu đề cho cột hoặc xoá ô.",
                    "This cell is in a column without a header; give the column a header or clear the cell.",
                ),
            );
        }
        let ws = &mut self.ws;
        let (errors, (columns, header)) = (&mut self.errors, (&read.columns, &read.header));
        let name = self.files.get(self.file).map_or("", |(name, _)| name);
        let mut problem = |key: &str, message: Text| {
            errors.push((
                name.to_owned(),
                CsvError {
                    line: record.line,
                    column: column_name(columns, header, key),
                    message,
                },
            ))
        };
        let row = Row {
            columns: &read.columns,
            fields: &record.fields,
        };
        let id = row.get("id");
        let code = normalised(row.get("registration_code"));
        let existing = self
            .by_id
            .get(id)
            .filter(|_| !id.is_empty())
            .or_else(|| self.by_code.get(&code).filter(|_| !code.is_empty()))
            .copied();
        let whose = if id.is_empty() {
            "registration_code"
        } else {
            "id"
        };
        match read.kind {
            CsvKind::Units => {
                let mut unit = match existing.and_then(|i| ws.units.get(i)) {
                    Some(unit) => unit.clone(),
                    None => Unit::new("", "", UnitKind::Htx),
                };
                if existing.is_none() {
                    // A THT read from a file has group conditions only
                    // where the file gives them.
                    unit.group = None;
                }
                for (key, _) in &read.columns {
                    if UNIT_COLUMNS.contains(key) && *key != "id" {
                        if let Err(m) = set_unit_cell(&mut unit, key, row.get(key), &ws.plan) {
                            problem(key, m);
                        }
                    }
                }
                if unit.kind != UnitKind::Tht && unit.group == Some(GroupConditions::default()) {
                    unit.group = None;
                }
                // A new unit takes the next index: a later row naming it
                // again finds it and is refused as a repeat.
                let identity = existing.unwrap_or(ws.units.len());
                if !read.seen.insert((identity, None)) {
                    problem(
                        whose,
                        message(
                            "Đơn vị này đã có ở một dòng trước trong tệp.",
                            "This unit is already on an earlier line of the file.",
                        ),
                    );
                } else if let Some(slot) = existing.and_then(|index| ws.units.get_mut(index)) {
                    read.lines.insert((identity, None), record.line);
                    *slot = unit;
                } else {
                    unit.id = if !id.is_empty() {
                        id.to_owned()
                    } else {
                        loop {
                            let candidate = format!("csv-{}", self.next_id);
                            self.next_id += 1;
                            if !self.by_id.contains_key(&candidate) {
                                break candidate;
                            }
                        }
                    };
                    self.by_id.insert(unit.id.clone(), ws.units.len());
                    if !code.is_empty() {
                        self.by_code.insert(code, ws.units.len());
                    }
                    read.lines.insert((identity, None), record.line);
                    ws.units.push(unit);
                }
            }
            CsvKind::Years => {
                let mut year = YearRecord::default();
                let unit = existing.and_then(|index| Some((index, ws.units.get_mut(index)?)));
                if let Some((index, unit)) = unit {
                    let convention = read.numbers.convention;
                    if let Err(m) = set_year_cell(&mut year, "year", row.get("year"), convention) {
                        problem("year", m);
                    } else if !read.seen.insert((index, Some(year.year))) {
                        problem(
                            "year",
                            message(
                                "Năm này của đơn vị đã có ở một dòng trước trong tệp.",
                                "This unit's year is already on an earlier line of the file.",
                            ),
                        );
                    } else {
                        let slot = match unit.years.iter().position(|r| r.year == year.year) {
                            Some(position) => position,
                            None => {
                                unit.years.push(year.clone());
                                unit.years.len() - 1
                            }
                        };
                        if let Some(target) = unit.years.get_mut(slot) {
                            for (key, _) in &read.columns {
                                if YEAR_FIELDS.contains(key) {
                                    let cell = row.get(key);
                                    if let Err(m) = set_year_cell(target, key, cell, convention) {
                                        problem(key, contradiction(key, cell, convention, m));
                                    }
                                }
                            }
                        }
                        read.lines.insert((index, Some(year.year)), record.line);
                    }
                } else {
                    problem(
                        whose,
                        message(
                            "Không có đơn vị nào có mã này; hãy nhập tệp đơn vị trước.",
                            "No unit has this id or code; import the units file first.",
                        ),
                    );
                }
            }
        }
    }

    /// The validation errors of what the files touched, each on the line
    /// that last touched it: a year's on the years file's line (else its
    /// unit's), a unit's on the units file's line.
    fn place(&mut self, report: &Report) {
        // Where each unit with an error is in the workspace (its first
        // place, should an id be there twice).
        let mut places: HashMap<&str, usize> = report
            .issues
            .iter()
            .filter(|i| i.is_error())
            .filter_map(|i| i.location.unit_id.as_deref())
            .map(|id| (id, usize::MAX))
            .collect();
        for (index, unit) in self.ws.units.iter().enumerate() {
            if let Some(place) = places.get_mut(unit.id.as_str()) {
                *place = (*place).min(index);
            }
        }
        for issue in report.issues.iter().filter(|i| i.is_error()) {
            let Some(unit) = issue
                .location
                .unit_id
                .as_deref()
                .and_then(|id| places.get(id))
                .copied()
            else {
                continue;
            };
            let place = self
                .reads
                .iter()
                .enumerate()
                .rev()
                .find_map(|(file, read)| {
                    let key = match read.kind {
                        CsvKind::Units => (unit, None),
                        CsvKind::Years => (unit, Some(issue.location.year?)),
                    };
                    let line = *read.lines.get(&key)?;
                    let field = match issue.location.field {
                        "reorganisation" => "reorganisation_completed_on",
                        field => field,
                    };
                    Some((file, line, column_name(&read.columns, &read.header, field)))
                });
            if let Some((file, line, column)) = place {
                let name = self.files.get(file).map(|(name, _)| name.clone());
                self.errors.push((
                    name.unwrap_or_default(),
                    CsvError {
                        line,
                        column,
                        message: issue.message.clone(),
                    },
                ));
            }
        }
    }
}

/// The message of a number cell refused in `convention`: a cell that reads
/// in the other one says so.
fn contradiction(field: &str, cell: &str, convention: Convention, message: Text) -> Text {
    if cell_reading(field, cell) != Reading::Only(convention.other()) {
        return message;
    }
    let (this, other) = match convention {
        Convention::Vietnamese => (("Việt Nam", "Vietnamese"), ("Anh", "English")),
        Convention::English => (("Anh", "English"), ("Việt Nam", "Vietnamese")),
    };
    Text::new(
        format!(
            "Ô này viết số theo kiểu {}, trái với kiểu {} mà tệp được đọc theo. {}",
            other.0, this.0, message.vi
        ),
        format!(
            "This cell writes its number the {} way, against the {} way the file is read in. {}",
            other.1, this.1, message.en
        ),
    )
}

/// What the preview says of one file's numbers: how they are read and why,
/// a warning for the cells that read either way, and the button that reads
/// the file again the other way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumbersNote {
    pub file: String,
    /// "so-lieu.csv · Số đọc theo kiểu Việt Nam: … (theo 3 ô …)."
    pub text: String,
    /// " 1 ô như 4.800 đọc được theo cả hai kiểu: hãy kiểm tra."
    pub warning: Option<String>,
    /// The convention the button reads the file in, and its words.
    pub reread: Convention,
    pub reread_label: &'static str,
}

/// What the preview says of each file's numbers ([`NumbersNote`]); files
/// without a number column are left out.
pub fn numbers_notes(files: &[FileNumbers], lang: Lang) -> Vec<NumbersNote> {
    files
        .iter()
        .filter(|f| f.has_numbers)
        .map(|file| {
            let how = match (file.convention, lang) {
                (Convention::English, Lang::Vi) if file.decided_by == DecidedBy::OwnExport => {
                    "Số đọc theo dạng Coop Plan xuất: 1250.5 = 1.250,5 (dấu chấm thập phân, không tách hàng nghìn)"
                }
                (Convention::English, Lang::En) if file.decided_by == DecidedBy::OwnExport => {
                    "Numbers read in the form Coop Plan exports: 1250.5 (a decimal point, no grouping)"
                }
                (Convention::Vietnamese, Lang::Vi) => {
                    "Số đọc theo kiểu Việt Nam: 4.800 = bốn nghìn tám trăm, 1.250,5 = một nghìn hai trăm năm mươi phẩy năm"
                }
                (Convention::Vietnamese, Lang::En) => {
                    "Numbers read the Vietnamese way: 4.800 = four thousand eight hundred, 1.250,5 = 1,250.5"
                }
                (Convention::English, Lang::Vi) => {
                    "Số đọc theo kiểu Anh: 4.8 = bốn phẩy tám, 1,250.5 = 1.250,5"
                }
                (Convention::English, Lang::En) => {
                    "Numbers read the English way: 4.8 = four point eight, 4,800 = four thousand eight hundred"
                }
            };
            let why = match (file.decided_by, lang) {
                (DecidedBy::Cells(n), Lang::Vi) => format!("theo {n} ô chỉ đọc được theo kiểu này"),
                (DecidedBy::Cells(n), Lang::En) => format!("from {n} cells that read this way only"),
                (DecidedBy::OwnExport, Lang::Vi) => {
                    "tệp có đúng các cột Coop Plan xuất, và không ô nào cho biết kiểu khác".to_owned()
                }
                (DecidedBy::OwnExport, Lang::En) => {
                    "the file has exactly the columns Coop Plan exports, and no cell says otherwise"
                        .to_owned()
                }
                (DecidedBy::PageLanguage, Lang::Vi) => {
                    "không ô nào cho biết kiểu số; theo ngôn ngữ của trang".to_owned()
                }
                (DecidedBy::PageLanguage, Lang::En) => {
                    "no cell tells which; the page's language".to_owned()
                }
                (DecidedBy::User, Lang::Vi) => "bạn đã chọn".to_owned(),
                (DecidedBy::User, Lang::En) => "as you chose".to_owned(),
            };
            let cells = number::write_whole(file.ambiguous as i64, Convention::of(lang));
            let warning = (file.ambiguous > 0).then(|| match lang {
                Lang::Vi => format!(" {cells} ô như 4.800 đọc được theo cả hai kiểu: hãy kiểm tra."),
                Lang::En if file.ambiguous == 1 => {
                    " 1 cell like 4.800 reads either way: check it.".to_owned()
                }
                Lang::En => format!(" {cells} cells like 4.800 read either way: check them."),
            });
            let reread = file.convention.other();
            let reread_label = match (reread, lang) {
                (Convention::Vietnamese, Lang::Vi) => "Đọc lại theo kiểu Việt Nam (4.800 = 4800)",
                (Convention::Vietnamese, Lang::En) => "Read again the Vietnamese way (4.800 = 4800)",
                (Convention::English, Lang::Vi) => "Đọc lại theo kiểu Anh (4.800 = 4,8)",
                (Convention::English, Lang::En) => "Read again the English way (4.800 = 4.8)",
            };
            NumbersNote {
                file: file.file.clone(),
                text: format!("{} · {how} ({why}).", file.file),
                warning,
                reread,
                reread_label,
            }
        })
        .collect()
}

/// Every error of the refused files (the first `shown`), each with its
/// file and place, under a heading that says nothing changed.
pub fn csv_error_list(errors: &[(String, CsvError)], shown: usize, lang: Lang) -> LineList {
    let heading = match lang {
        Lang::Vi => format!(
            "Chưa nhập được tệp: {} lỗi. Không có gì thay đổi. Hãy sửa rồi chọn lại tệp.",
            errors.len()
        ),
        Lang::En => format!(
            "The file was not imported: {} errors. Nothing changed. Fix them and choose the file again.",
            errors.len()
        ),
    };
    LineList {
        heading,
        lines: errors
            .iter()
            .take(shown)
            .map(|(file, error)| format!("{file} · {}", error.describe(lang)))
            .collect(),
        more: (errors.len() > shown).then(|| format!("… (+{})", errors.len() - shown)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit::Reorganisation;

    fn sample() -> Workspace {
        let mut ws = Workspace::new("w", "Thử");
        let mut unit = Unit::new("u1", "HTX Đông Hải, \"Cát Bà\"", UnitKind::Htx);
        unit.registration_code = "0201".into();
        unit.sector = "nong-nghiep".into();
        unit.district = "Hồng Bàng".into();
        unit.founded = NaiveDate::from_ymd_opt(2001, 2, 3);
        unit.reorganisation = Reorganisation {
            required: true,
            completed_on: NaiveDate::from_ymd_opt(2015, 1, 1),
        };
        unit.status_history = vec![StatusChange {
            status: OperatingStatus::Inactive,
            since: NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default(),
        }];
        unit.recognitions = vec![Recognition {
            year: 2019,
            decision: "QĐ số 12; ký \\ ngày".into(),
            date: None,
        }];
        unit.years.push(YearRecord {
            year: 2019,
            members: Some(12),
            revenue: Decimal::parse("1250.50").ok(),
            key_managers: vec![KeyManager {
                role: ManagerRole::Director,
                qualification: Qualification::College,
                trained: true,
                name: "Nguyễn Thị Hoa".into(),
            }],
            ..Default::default()
        });
        ws.units.push(unit);
        ws.units
            .push(Unit::new("u2", "Tổ hợp tác Rau sạch", UnitKind::Tht));
        ws
    }

    #[test]
    fn units_and_years_round_trip_through_csv() {
        let ws = sample();
        let empty = Workspace::new("w", "Thử");
        let (kind, with_units) = import_csv(&empty, &units_csv(&ws)).expect("units");
        assert_eq!(kind, CsvKind::Units);
        let (kind, back) = import_csv(&with_units, &years_csv(&ws)).expect("years");
        assert_eq!(kind, CsvKind::Years);
        assert_eq!(back.units, ws.units);
    }

    #[test]
    fn a_years_file_given_first_still_finds_its_units() {
        let ws = sample();
        let files = [
            ("so-lieu-nam.csv".to_owned(), years_csv(&ws)),
            ("don-vi.csv".to_owned(), units_csv(&ws)),
        ];
        let back = import_csv_files(&Workspace::new("w", "Thử"), &files).expect("both");
        assert_eq!(back.units, ws.units);
        let broken = [("x.csv".to_owned(), "Năm\n2019\n".to_owned())];
        let errors = import_csv_files(&ws, &broken).expect_err("no unit column");
        assert_eq!(errors[0].0, "x.csv");
    }

    #[test]
    fn bytes_are_utf8_with_bom_and_quoted() {
        let csv = units_csv(&sample());
        assert!(csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        assert!(csv.contains("\"HTX Đông Hải, \"\"Cát Bà\"\"\""));
        assert!(csv.contains("Tên đơn vị"));
        assert!("Đông".as_bytes() == [0xC4, 0x90, 0xC3, 0xB4, 0x6E, 0x67]);
    }

    #[test]
    fn semicolons_english_headers_and_decimal_commas_are_read() {
        let ws = sample();
        let text = "id;year;revenue;Số thành viên\r\nu1;2020;\"1.234,5\";30\r\nu1;2021;99,25;\r\n";
        let (_, back) = import_csv(&ws, text).expect("readable");
        let unit = back.unit("u1").expect("kept");
        assert_eq!(unit.years.len(), 3);
        assert_eq!(
            unit.record(2020)
                .and_then(|r| r.revenue.clone())
                .map(|d| d.to_string()),
            Some("1234.5".into())
        );
        assert_eq!(unit.record(2020).and_then(|r| r.members), Some(30));
        assert_eq!(
            unit.record(2021)
                .and_then(|r| r.revenue.clone())
                .map(|d| d.to_string()),
            Some("99.25".into())
        );
    }

    #[test]
    fn every_row_error_is_listed_and_nothing_applies() {
        let ws = sample();
        let text = "Mã nội bộ,Năm,Doanh thu,Số thành viên\nu1,2020,abc,5\nzz,2020,1,2\nu1,2021,1,-4\nu1,2020,1,1\n";
        let errors = import_csv(&ws, text).expect_err("refused");
        let places: Vec<(usize, &str)> =
            errors.iter().map(|e| (e.line, e.column.as_str())).collect();
        assert_eq!(
            places,
            [
                (2, "Doanh thu"),
                (3, "Mã nội bộ"),
                (5, "Năm"),
                (4, "Số thành viên")
            ]
        );
        assert!(errors[0]
            .describe(Lang::En)
            .starts_with("Line 2, column “Doanh thu”"));
        let named: Vec<(String, CsvError)> = errors
            .into_iter()
            .map(|e| ("so-lieu.csv".to_owned(), e))
            .collect();
        let list = csv_error_list(&named, 10, Lang::Vi);
        assert!(list.heading.contains("4 lỗi"), "{list:?}");
        assert!(list.lines[0].starts_with("so-lieu.csv · Dòng 2, cột “Doanh thu”"));
        assert_eq!(list.more, None);
        assert_eq!(
            csv_error_list(&named, 1, Lang::En).more.as_deref(),
            Some("… (+3)")
        );
    }

    #[test]
    fn unknown_and_missing_columns_are_named() {
        let errors = import_csv(&sample(), "Tên đơn vị,Doanh thuu\nA,1\n").expect_err("refused");
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].column, "Doanh thuu");
        assert_eq!(errors[1].column, "Loại hình");
    }

    #[test]
    fn amounts_as_people_type_them() {
        let read = |t: &str, c: Convention| parse_amount(t, c).map(|d| d.map(|d| d.to_string()));
        let (vi, en) = (Convention::Vietnamese, Convention::English);
        assert_eq!(read("1234,5", vi), Ok(Some("1234.5".into())));
        assert_eq!(read("1.234,5", vi), Ok(Some("1234.5".into())));
        assert_eq!(read("4.800", vi), Ok(Some("4800".into())));
        assert_eq!(read("1.234.567", vi), Ok(Some("1234567".into())));
        assert_eq!(read("1,234.5", en), Ok(Some("1234.5".into())));
        assert_eq!(read("4.800", en), Ok(Some("4.800".into())));
        assert_eq!(read("4.80", vi), Err(NumberError::BadGroup));
        assert_eq!(read(" ", vi), Ok(None));
        assert!(read("1e5", vi).is_err());
        assert_eq!(parse_count("4.800", vi), Ok(Some(4800)));
        assert_eq!(parse_count("4.800", en), Err(NumberError::NotWhole));
    }

    fn years_of(ws: &Workspace, year: i32) -> Option<YearRecord> {
        ws.unit("u1").and_then(|u| u.record(year)).cloned()
    }

    fn revenue(ws: &Workspace, year: i32) -> Option<String> {
        years_of(ws, year)
            .and_then(|r| r.revenue)
            .map(|d| d.to_string())
    }

    type Outcome = Result<Workspace, Vec<(String, CsvError)>>;

    fn import_with(
        text: &str,
        page: Convention,
        chosen: Vec<(String, Convention)>,
    ) -> (Vec<FileNumbers>, Outcome) {
        let mut import = CsvImport::new(&sample(), vec![("f.csv".into(), text.into())])
            .with_numbers(page, chosen);
        // Small steps, as the page takes them.
        while import.step(3).phase != Phase::Done {}
        (import.numbers(), import.finish())
    }

    #[test]
    fn a_vietnamese_file_is_read_the_vietnamese_way_whatever_the_page() {
        let text = "Mã nội bộ;Năm;Doanh thu;Số thành viên\nu1;2020;4.800;1.200\nu1;2021;1.250,5;30\nu1;2022;200.000.000;\n";
        for page in Convention::ALL {
            let (numbers, result) = import_with(text, page, Vec::new());
            let ws = result.expect("readable");
            assert_eq!(revenue(&ws, 2020), Some("4800".into()));
            assert_eq!(years_of(&ws, 2020).and_then(|r| r.members), Some(1200));
            assert_eq!(revenue(&ws, 2021), Some("1250.5".into()));
            assert_eq!(revenue(&ws, 2022), Some("200000000".into()));
            assert_eq!(numbers.len(), 1);
            assert_eq!(numbers[0].convention, Convention::Vietnamese);
            // "1.200" members (a count with a point) and "1.250,5" and
            // "200.000.000" read the Vietnamese way only; "4.800" either.
            assert_eq!(numbers[0].decided_by, DecidedBy::Cells(3));
            assert_eq!(numbers[0].ambiguous, 1);
        }
    }

    #[test]
    fn a_cell_against_the_files_convention_is_refused_with_its_place() {
        let text = "Mã nội bộ;Năm;Doanh thu\nu1;2020;1.250,5\nu1;2021;99,25\nu1;2022;12.5\n";
        let (numbers, result) = import_with(text, Convention::English, Vec::new());
        assert_eq!(numbers[0].convention, Convention::Vietnamese);
        let errors = result.expect_err("refused");
        assert_eq!(errors.len(), 1, "{errors:?}");
        let error = &errors[0].1;
        assert_eq!((error.line, error.column.as_str()), (4, "Doanh thu"));
        let vi = error.describe(Lang::Vi);
        assert!(
            vi.starts_with("Dòng 4, cột “Doanh thu”: Ô này viết số theo kiểu Anh"),
            "{vi}"
        );
        assert!(vi.contains("4.800 hoặc 1.250,5"), "{vi}");
        assert!(error.describe(Lang::En).contains("the English way"));
    }

    #[test]
    fn with_no_deciding_cell_the_page_decides_and_the_user_can_change_it() {
        let text = "Mã nội bộ,Năm,Doanh thu\nu1,2020,4.800\nu1,2021,12\n";
        let (numbers, result) = import_with(text, Convention::Vietnamese, Vec::new());
        assert_eq!(numbers[0].decided_by, DecidedBy::PageLanguage);
        assert_eq!(numbers[0].ambiguous, 1);
        assert_eq!(revenue(&result.expect("read"), 2020), Some("4800".into()));
        let (_, result) = import_with(text, Convention::English, Vec::new());
        assert_eq!(revenue(&result.expect("read"), 2020), Some("4.800".into()));
        // The user's choice wins over the cells: "1.250,5" is then refused.
        let text = "Mã nội bộ;Năm;Doanh thu\nu1;2020;4.800\nu1;2021;1.250,5\n";
        let chosen = vec![("f.csv".to_owned(), Convention::English)];
        let (numbers, result) = import_with(text, Convention::Vietnamese, chosen);
        assert_eq!(numbers[0].decided_by, DecidedBy::User);
        let errors = result.expect_err("refused");
        assert_eq!(errors[0].1.line, 3);
        let notes = numbers_notes(&numbers, Lang::Vi);
        assert!(
            notes[0].text.starts_with("f.csv · Số đọc theo kiểu Anh"),
            "{notes:?}"
        );
        assert!(notes[0].text.ends_with("(bạn đã chọn)."), "{notes:?}");
        assert_eq!(notes[0].reread, Convention::Vietnamese);
        assert_eq!(
            notes[0].reread_label,
            "Đọc lại theo kiểu Việt Nam (4.800 = 4800)"
        );
        // Read as the user chose, no cell is counted as reading either way.
        assert_eq!(notes[0].warning, None);
    }

    #[test]
    fn a_decisive_lead_ends_the_scan_and_later_cells_are_held_to_it() {
        let mut text = String::from("Mã nội bộ;Năm;Doanh thu\n");
        for year in 1900..1900 + DECISIVE_LEAD as i32 + 20 {
            text.push_str(&format!("u1;{year};1.250,5\n"));
        }
        text.push_str("u1;2099;12.5\n");
        let (numbers, result) = import_with(&text, Convention::English, Vec::new());
        assert_eq!(numbers[0].convention, Convention::Vietnamese);
        assert_eq!(numbers[0].decided_by, DecidedBy::Cells(DECISIVE_LEAD));
        let errors: Vec<(usize, String)> = result
            .expect_err("the last cell is English")
            .into_iter()
            .filter(|(_, e)| e.column == "Doanh thu")
            .map(|(_, e)| (e.line, e.describe(Lang::En)))
            .collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].0, DECISIVE_LEAD + 22);
        assert!(errors[0].1.contains("the English way"), "{errors:?}");
    }

    #[test]
    fn the_apps_own_export_reads_back_in_its_plain_form() {
        let mut ws = sample();
        if let Some(record) = ws.units[0].years.first_mut() {
            record.revenue = Decimal::parse("4.800").ok();
        }
        let (numbers, result) = {
            let mut import = CsvImport::new(&ws, vec![("y.csv".into(), years_csv(&ws))])
                .with_numbers(Convention::Vietnamese, Vec::new());
            import.step(usize::MAX);
            (import.numbers(), import.finish())
        };
        assert_eq!(numbers[0].decided_by, DecidedBy::OwnExport);
        assert_eq!(numbers[0].convention, Convention::English);
        assert_eq!(result.expect("read").units, ws.units);
        let notes = numbers_notes(&numbers, Lang::Vi);
        assert!(
            notes[0]
                .text
                .contains("Số đọc theo dạng Coop Plan xuất: 1250.5 = 1.250,5"),
            "{notes:?}"
        );
        assert!(
            notes[0].text.contains("tệp có đúng các cột Coop Plan xuất"),
            "{notes:?}"
        );
        // Its "4.800" is 4.8 here, and 4800 the Vietnamese way.
        assert_eq!(
            notes[0].warning.as_deref(),
            Some(" 1 ô như 4.800 đọc được theo cả hai kiểu: hãy kiểm tra.")
        );
        // A units file has no number to read.
        let mut import = CsvImport::new(&ws, vec![("u.csv".into(), units_csv(&ws))]);
        import.step(usize::MAX);
        assert_eq!(numbers_notes(&import.numbers(), Lang::Vi), []);
    }
}
