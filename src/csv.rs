//! CSV for Excel: UTF-8 with a byte-order mark (so Excel reads Vietnamese
//! diacritics as UTF-8), comma-separated, CRLF line ends, and fields quoted
//! where they hold a comma, a quote or a line break.

/// The byte-order mark Excel needs to read a CSV file as UTF-8.
pub const BOM: &str = "\u{feff}";

fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r', ';']) || field.starts_with(' ') || field.ends_with(' ')
    {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// A whole CSV document: the header row, then the rows.
pub fn write_csv<R, F>(header: &[&str], rows: R) -> String
where
    R: IntoIterator<Item = Vec<F>>,
    F: AsRef<str>,
{
    let mut out = String::from(BOM);
    let mut push_row = |fields: &mut dyn Iterator<Item = &str>| {
        for (i, field) in fields.enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_field(&mut out, field);
        }
        out.push_str("\r\n");
    };
    push_row(&mut header.iter().copied());
    for row in rows {
        push_row(&mut row.iter().map(AsRef::as_ref));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_quoting_and_line_ends() {
        let csv = write_csv(
            &["Mã", "Tên"],
            vec![
                vec!["T1", "Chuyển đổi, tổ chức lại"],
                vec!["T2", "Nói \"giải thể\""],
                vec!["T3", "dòng\nmới"],
            ],
        );
        assert!(
            csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]),
            "UTF-8 BOM first"
        );
        assert_eq!(
            &csv[BOM.len()..],
            "Mã,Tên\r\nT1,\"Chuyển đổi, tổ chức lại\"\r\nT2,\"Nói \"\"giải thể\"\"\"\r\nT3,\"dòng\nmới\"\r\n"
        );
    }
}
