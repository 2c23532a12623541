//! CSV for Excel: UTF-8 with a byte-order mark (so Excel reads Vietnamese
//! diacritics as UTF-8), comma-separated, CRLF line ends, and fields quoted
//! where they hold a comma, a quote or a line break.
//!
//! Reading accepts what Excel and LibreOffice write in either locale: a BOM
//! or none, comma or semicolon (the Vietnamese Excel default) as the
//! separator, detected from the header line, and CRLF, LF or CR line ends.

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

/// One record of a CSV file and the line it starts on (1-based; the header
/// is line 1 in a file whose first line is the header).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// The separator of a file: the one of comma and semicolon that occurs more
/// often outside quotes in its first line (comma on a tie).
pub fn detect_separator(text: &str) -> char {
    let (mut commas, mut semicolons, mut quoted) = (0usize, 0usize, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\n' | '\r' if !quoted => break,
            _ => {}
        }
    }
    if semicolons > commas {
        ';'
    } else {
        ','
    }
}

/// Reads a whole CSV text (a leading BOM is skipped) into records, leaving
/// out blank lines. A quote left open is refused with the line it opened on.
pub fn parse_csv(text: &str) -> Result<Vec<Record>, usize> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let separator = detect_separator(text);
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let (mut line, mut start_line, mut quote_line) = (1usize, 1usize, 0usize);
    let (mut quoted, mut was_quoted) = (false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => {
                    if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
                        line += 1;
                    }
                    field.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !was_quoted => {
                quoted = true;
                was_quoted = true;
                quote_line = line;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                fields.push(std::mem::take(&mut field));
                let blank = fields.len() == 1 && !was_quoted && fields.iter().all(String::is_empty);
                if !blank {
                    records.push(Record {
                        line: start_line,
                        fields: std::mem::take(&mut fields),
                    });
                }
                fields.clear();
                was_quoted = false;
                line += 1;
                start_line = line;
            }
            c if c == separator => {
                fields.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            c => field.push(c),
        }
    }
    if quoted {
        return Err(quote_line);
    }
    if !field.is_empty() || !fields.is_empty() || was_quoted {
        fields.push(field);
        records.push(Record {
            line: start_line,
            fields,
        });
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_writes_and_what_excel_writes() {
        let rows = vec![
            vec!["T1", "Chuyển đổi, tổ chức lại"],
            vec!["T2", "Nói \"giải thể\""],
            vec!["T3", "dòng\nmới"],
            vec!["", " cách "],
        ];
        let csv = write_csv(&["Mã", "Tên"], rows.clone());
        let records = parse_csv(&csv).expect("readable");
        assert_eq!(records.len(), 5);
        assert_eq!(records[4].line, 6, "the quoted line break counts");
        for (record, row) in records[1..].iter().zip(&rows) {
            assert_eq!(record.fields, *row);
        }
        let semicolons = "Mã;Doanh thu\n\nA;1,5\r\nB;\"x;y\"";
        let records = parse_csv(semicolons).expect("readable");
        assert_eq!(records.len(), 3);
        assert_eq!(records[1].fields, ["A", "1,5"]);
        assert_eq!(records[2].line, 4);
        assert_eq!(records[2].fields, ["B", "x;y"]);
        assert_eq!(parse_csv("a,b\n\"open,1\n2"), Err(2));
    }

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
