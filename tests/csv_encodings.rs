//! CSV files as Excel writes them on a Vietnamese Windows PC (the fixtures
//! of `scripts/make-fixtures.py --csv`) import with their names in NFC, and
//! CSV files the app writes cannot run a formula in a spreadsheet.

use coop_plan::domain::decimal::Decimal;
use coop_plan::domain::unit::{Unit, UnitKind, YearRecord};
use coop_plan::domain::workspace::Workspace;
use coop_plan::files::bytes::{spreadsheet_text, Encoding};
use coop_plan::files::csv::{guard_cell, parse_csv, MAX_COLUMNS};
use coop_plan::files::csv_data::{import_csv, units_csv, years_csv, CsvError, CsvImport, Phase};
use coop_plan::i18n::Lang;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Imports one file's bytes into an empty workspace: the encoding it was
/// read in and the units' names, districts and communes.
fn import_bytes(name: &str, bytes: Vec<u8>) -> (Encoding, Vec<[String; 3]>) {
    let mut import = CsvImport::from_bytes(
        &Workspace::new("w", "Thử"),
        vec![(name.into(), bytes.into())],
    );
    // The encoding is known once the bytes are decoded (UTF-8 or not is
    // only known at the end), before the import's last step.
    while import.step(1).phase == Phase::Reading && import.encodings().is_empty() {}
    let encoding = import.encodings().first().map(|(_, e)| *e);
    let ws = match import.finish() {
        Ok(ws) => ws,
        Err(errors) => panic!("{name}: {errors:?}"),
    };
    let units = ws
        .units
        .iter()
        .map(|u| [u.name.clone(), u.district.clone(), u.commune.clone()])
        .collect();
    (encoding.expect("an encoding"), units)
}

fn nfc(rows: &[[&str; 3]]) -> Vec<[String; 3]> {
    rows.iter().map(|row| row.map(str::to_owned)).collect()
}

#[test]
fn windows_1258_from_excel_reads_as_nfc() {
    let bytes = fixture("units-windows-1258.csv");
    assert!(
        bytes.windows(3).any(|w| w == b"\xF4\xCC\x6E"),
        "the fixture holds ô + combining grave (Đồng)"
    );
    let (encoding, units) = import_bytes("units-windows-1258.csv", bytes);
    assert_eq!(encoding, Encoding::Windows1258);
    assert_eq!(
        units,
        nfc(&[
            ["Hợp tác xã Đồng Thái", "An Dương", "Đồng Thái"],
            ["HTX Nông nghiệp Lưu Kiếm", "Thủy Nguyên", "Lưu Kiếm"],
            ["Tổ hợp tác rau sạch Đặng Cương", "An Dương", "Đặng Cương"],
        ])
    );
    assert_eq!("Hợp tác xã Đồng Thái".chars().count(), 20, "NFC, not NFD");
}

#[test]
fn utf16_unicode_text_reads_with_and_without_bom() {
    let (encoding, units) = import_bytes("units-utf16le.txt", fixture("units-utf16le.txt"));
    assert_eq!(encoding, Encoding::Utf16Le);
    assert_eq!(
        units,
        nfc(&[
            ["HTX Dịch vụ Tiên Thắng", "Tiên Lãng", "Tiên Thắng"],
            [
                "Quỹ tín dụng nhân dân Vĩnh Bảo",
                "Vĩnh Bảo",
                "Thị trấn Vĩnh Bảo"
            ],
        ])
    );
    let bytes = fixture("units-utf16-bom.txt");
    assert!(bytes.starts_with(b"\xFF\xFE"));
    let (encoding, units) = import_bytes("units-utf16-bom.txt", bytes);
    assert_eq!(encoding, Encoding::Utf16Le);
    assert_eq!(
        units,
        nfc(&[
            ["HTX Mây tre đan Hữu Bằng", "Kiến Thụy", "Hữu Bằng"],
            ["Liên hiệp HTX Thủy sản Cát Bà", "Cát Hải", "Cát Bà"],
        ])
    );
}

#[test]
fn the_apps_own_export_reads_as_utf8_with_bom() {
    let mut ws = Workspace::new("w", "Thử");
    ws.units
        .push(Unit::new("u1", "Hợp tác xã Đồng Thái", UnitKind::Htx));
    let (encoding, units) = import_bytes("don-vi.csv", units_csv(&ws).into_bytes());
    assert_eq!(encoding, Encoding::Utf8Bom);
    assert_eq!(units[0][0], "Hợp tác xã Đồng Thái");
}

fn hostile_workspace() -> (Workspace, [&'static str; 6]) {
    let names = [
        "=HYPERLINK(\"http://x\")",
        "+1+1",
        "@SUM(1)",
        "=cmd|' /C calc'!A0",
        "-2+3",
        "'=already quoted",
    ];
    let mut ws = Workspace::new("w", "Thử");
    for (i, name) in names.iter().enumerate() {
        let mut unit = Unit::new(format!("u{i}"), *name, UnitKind::Htx);
        unit.commune = "-xã".into();
        unit.years.push(YearRecord {
            year: 2019,
            members: Some(12),
            pre_tax_profit: Decimal::parse("-2.5").ok(),
            ..Default::default()
        });
        ws.units.push(unit);
    }
    (ws, names)
}

#[test]
fn formula_looking_names_are_written_as_text() {
    let (ws, _) = hostile_workspace();
    let units = units_csv(&ws);
    for written in [
        "\"'=HYPERLINK(\"\"http://x\"\")\"",
        "\"'+1+1\"",
        "\"'@SUM(1)\"",
        "\"'=cmd|' /C calc'!A0\"",
        "\"'-2+3\"",
        "\"''=already quoted\"",
        "\"'-xã\"",
    ] {
        assert!(units.contains(written), "{written} in {units}");
    }
    // No cell of any line starts a formula, quoted or not.
    for line in units.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '+', '@']), "{cell} in {line}");
        }
    }
    let mut plain = Unit::new("plain", "HTX Đồng Thái", UnitKind::Htx);
    plain.years = ws.units[0].years.clone();
    let mut ws = ws;
    ws.units.push(plain);
    let years = years_csv(&ws);
    // A number the app writes stays a number: never guarded, and plain
    // where its row has nothing to quote (a row with a guarded cell is
    // quoted whole, which a spreadsheet reads the same).
    assert!(years.contains(",-2.5,"), "{years}");
    assert!(years.contains(",\"-2.5\","), "{years}");
    assert!(!years.contains("'-2.5"), "{years}");
    assert!(years.contains("\"'=HYPERLINK(\"\"http://x\"\")\""));
}

#[test]
fn formula_looking_names_read_back_the_same() {
    let (ws, names) = hostile_workspace();
    let empty = Workspace::new("w", "Thử");
    let (_, with_units) = import_csv(&empty, &units_csv(&ws)).expect("units");
    let (_, back) = import_csv(&with_units, &years_csv(&ws)).expect("years");
    let read: Vec<&str> = back.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(read, names);
    assert_eq!(back.units, ws.units);
    assert_eq!(guard_cell("1250.5"), "1250.5");
}

fn errors_of(text: &str) -> Vec<CsvError> {
    import_csv(&Workspace::new("w", "Thử"), text).expect_err("refused")
}

#[test]
fn a_million_columns_are_refused_at_once_with_their_place() {
    let start = std::time::Instant::now();
    let header = format!("Tên đơn vị,Loại hình{}\nA,HTX\n", ",x".repeat(1_000_000));
    let errors = errors_of(&header);
    assert!(start.elapsed().as_secs_f64() < 1.0, "{:?}", start.elapsed());
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].line, errors[0].column.as_str()), (1, "GS"));
    assert!(errors[0]
        .describe(Lang::En)
        .contains(&format!("more than {MAX_COLUMNS} columns")));
    let at_limit = format!("Tên đơn vị,Loại hình{}", ",".repeat(MAX_COLUMNS - 2));
    assert!(parse_csv(&at_limit).is_ok());
}

#[test]
fn cells_past_the_header_are_refused_with_their_place() {
    let errors = errors_of("Tên đơn vị;Loại hình\nA;HTX;;\nB;HTX;;lạc\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].line, errors[0].column.as_str()), (3, "D"));
    assert!(errors[0].describe(Lang::Vi).starts_with("Dòng 3, cột “D”"));
    let errors = errors_of("Tên đơn vị;;Loại hình\nA;;HTX\nB;x;HTX\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].line, errors[0].column.as_str()), (3, "B"));
}

#[test]
fn a_file_that_is_not_text_is_refused_with_its_place() {
    let mut bytes = "Tên\tLoại hình\r\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect::<Vec<u8>>();
    bytes.extend([0x00, 0xDC]); // a lone low surrogate
    let import = CsvImport::from_bytes(
        &Workspace::new("w", "Thử"),
        vec![("x.txt".into(), bytes.into())],
    );
    let errors = import.finish().expect_err("not text");
    assert_eq!(errors[0].0, "x.txt");
    assert_eq!(errors[0].1.line, 2);
    assert!(errors[0].1.describe(Lang::En).contains("byte 31"));
}

/// The page imports files its worker decoded ([`CsvImport::decoded`]): the
/// same encodings, workspace and errors, in the same order and words, as
/// the import of the files' bytes.
#[test]
fn files_decoded_elsewhere_import_as_their_bytes_do() {
    let mut not_text = "Tên\tLoại hình\r\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect::<Vec<u8>>();
    not_text.extend([0x00, 0xDC]); // a lone low surrogate
    let bad_row = "Tên đơn vị,Loại hình\nA,không là loại\n"
        .as_bytes()
        .to_vec();
    let cases: Vec<Vec<(String, Vec<u8>)>> = vec![
        vec![
            ("a.csv".into(), fixture("units-windows-1258.csv")),
            ("b.txt".into(), fixture("units-utf16le.txt")),
        ],
        vec![
            ("x.txt".into(), not_text),
            ("a.csv".into(), fixture("units-windows-1258.csv")),
            ("y.csv".into(), bad_row),
        ],
    ];
    let ws = Workspace::new("w", "Thử");
    for files in cases {
        let from_bytes = CsvImport::from_bytes(
            &ws,
            files
                .iter()
                .map(|(name, bytes)| (name.clone(), bytes.as_slice().into()))
                .collect(),
        );
        let decoded = CsvImport::decoded(
            &ws,
            files
                .iter()
                .map(|(name, bytes)| (name.clone(), spreadsheet_text(bytes)))
                .collect(),
        );
        let encodings = decoded.encodings().to_vec();
        let (mut from_bytes, decoded) = (from_bytes, decoded.finish());
        while from_bytes.encodings().is_empty() && from_bytes.step(1).phase == Phase::Reading {}
        assert_eq!(encodings, from_bytes.encodings());
        assert_eq!(decoded, from_bytes.finish());
    }
}

#[test]
fn breakdowns_written_for_excel_guard_district_names_too() {
    use chrono::NaiveDate;
    use coop_plan::domain::indicator::Dimension;
    use coop_plan::domain::plan::Indicator;
    use coop_plan::files::csv::write_csv;
    use coop_plan::report::{breakdown_rows, SortBy};
    let (mut ws, _) = hostile_workspace();
    for unit in &mut ws.units {
        unit.district = "=1+2".into();
        unit.founded = NaiveDate::from_ymd_opt(2010, 1, 1);
        unit.reorganisation.required = true;
    }
    let as_of = NaiveDate::from_ymd_opt(2019, 12, 31).unwrap_or_default();
    let rows = breakdown_rows(
        &ws,
        Indicator::ReorganisedShare,
        as_of,
        Dimension::District,
        (SortBy::Name, true),
        Lang::Vi,
    );
    assert!(!rows.is_empty());
    let csv = write_csv(&["Quận, huyện", "…"], rows);
    assert!(csv.contains("\"'=1+2\""), "{csv}");
    assert!(
        csv.split(['\n', ',']).all(|cell| !cell.starts_with('=')),
        "{csv}"
    );
}

/// A big file's bytes are decoded a piece per step, not at once: a step of
/// one row decodes a few kilobytes, so the page never waits for a whole
/// file to be decoded.
#[test]
fn a_big_file_is_decoded_a_piece_per_step() {
    let mut csv = String::from("Mã,Tên đơn vị\n");
    while csv.len() < 200_000 {
        csv.push_str("HTX-1,Hợp tác xã Đồng Thái\n");
    }
    let bytes = csv.into_bytes();
    let mut import = CsvImport::from_bytes(
        &Workspace::new("w", "Thử"),
        vec![("don-vi.csv".into(), bytes.clone().into())],
    );
    let mut steps = 0;
    while import.encodings().is_empty() && import.step(1).phase == Phase::Reading {
        steps += 1;
    }
    assert_eq!(
        import.encodings().first().map(|(_, e)| *e),
        Some(Encoding::Utf8)
    );
    assert!(
        steps >= bytes.len() / 8192,
        "{steps} steps for {} bytes",
        bytes.len()
    );
}
