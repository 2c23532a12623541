//! Writes the data page's two CSV exports of a workspace whose names look
//! like formulas, for `make test-interop` (scripts/interop.sh) to open in
//! LibreOffice:
//!
//!     cargo run -q --no-default-features --example interop_export -- DIR
//!
//! It prints each hostile name, one a line, for the script to look for.

use coop_plan::domain::decimal::Decimal;
use coop_plan::domain::unit::{Unit, UnitKind, YearRecord};
use coop_plan::domain::workspace::Workspace;
use coop_plan::files::csv_data::{units_csv, years_csv};

/// Names that Excel or LibreOffice would run as formulas if written as
/// they are (OWASP, "CSV Injection").
const HOSTILE: [&str; 7] = [
    "=HYPERLINK(\"http://x\";\"bấm\")",
    "+1+1",
    "@SUM(1)",
    "=cmd|' /C calc'!A0",
    "-2+3",
    "=1+1",
    "\t=2+2",
];

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: interop_export DIR");
        std::process::exit(2);
    };
    let mut ws = Workspace::new("interop", "Kiểm thử LibreOffice");
    for (i, name) in HOSTILE.iter().enumerate() {
        let mut unit = Unit::new(format!("u{i}"), *name, UnitKind::Htx);
        unit.district = "=A1".into();
        unit.years.push(YearRecord {
            year: 2019,
            members: Some(12),
            pre_tax_profit: Decimal::parse("-2.5").ok(),
            ..Default::default()
        });
        ws.units.push(unit);
    }
    let dir = std::path::Path::new(&dir);
    for (file, text) in [
        ("don-vi.csv", units_csv(&ws)),
        ("so-lieu-nam.csv", years_csv(&ws)),
    ] {
        if let Err(error) = std::fs::write(dir.join(file), text) {
            eprintln!("{file}: {error}");
            std::process::exit(1);
        }
    }
    for name in HOSTILE {
        println!("{}", name.replace('\t', "\\t"));
    }
}
