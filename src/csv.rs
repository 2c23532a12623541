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
    let mut cursor = Cursor::new(text);
    std::iter::from_fn(|| cursor.next(text)).collect()
}

/// Reads a CSV text one record at a time, so that a big file can be read
/// a slice at a time between other work (the browser's event loop). It
/// keeps only a position: the text is passed to every call.
#[derive(Clone, Debug)]
pub struct Cursor {
    /// The byte offset of the next record.
    pub pos: usize,
    line: usize,
    separator: char,
}

impl Cursor {
    pub fn new(text: &str) -> Self {
        let pos = if text.starts_with(BOM) { BOM.len() } else { 0 };
        Cursor {
            pos,
            line: 1,
            separator: detect_separator(text.get(pos..).unwrap_or("")),
        }
    }

    /// The next record of `text` (the text the cursor was made for), blank
    /// lines left out; `None` at the end, `Err` with the line a quote left
    /// open was opened on.
    pub fn next(&mut self, text: &str) -> Option<Result<Record, usize>> {
        let rest = text.get(self.pos..)?;
        let mut fields = Vec::new();
        let mut field = String::new();
        let (mut start_line, mut quote_line) = (self.line, 0usize);
        let (mut quoted, mut was_quoted) = (false, false);
        let mut chars = rest.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            let next = chars.peek().map(|&(_, c)| c);
            if quoted {
                match c {
                    '"' if next == Some('"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    _ => {
                        if c == '\n' || (c == '\r' && next != Some('\n')) {
                            self.line += 1;
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
                    quote_line = self.line;
                }
                '\r' | '\n' => {
                    if c == '\r' && next == Some('\n') {
                        chars.next();
                    }
                    fields.push(std::mem::take(&mut field));
                    self.line += 1;
                    let blank =
                        fields.len() == 1 && !was_quoted && fields.iter().all(String::is_empty);
                    if !blank {
                        self.pos += chars.peek().map_or(rest.len(), |&(i, _)| i);
                        return Some(Ok(Record {
                            line: start_line,
                            fields,
                        }));
                    }
                    fields.clear();
                    was_quoted = false;
                    start_line = self.line;
                }
                c if c == self.separator => {
                    fields.push(std::mem::take(&mut field));
                    was_quoted = false;
                }
                c => field.push(c),
            }
        }
        self.pos = text.len();
        if quoted {
            return Some(Err(quote_line));
        }
        if !field.is_empty() || !fields.is_empty() || was_quoted {
            fields.push(field);
            return Some(Ok(Record {
                line: start_line,
                fields,
            }));
        }
        None
    }
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
