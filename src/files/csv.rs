//! CSV for Excel, through the `csv` crate: written as UTF-8 with a
//! byte-order mark (so Excel reads Vietnamese diacritics as UTF-8),
//! comma-separated, CRLF line ends, and fields quoted where they hold a
//! comma, a semicolon, a quote or a line break, or begin or end with a space.
//!
//! Reading accepts what Excel and LibreOffice write in either locale: a
//! byte-order mark or none, comma, semicolon (the Vietnamese Excel default)
//! or tab ("Unicode text") as the separator, detected from the header line,
//! CRLF, LF or CR line ends, quoted line breaks, and blank lines (left
//! out). Bytes become text in [`crate::files::bytes`]; every cell read is brought
//! to NFC here.
//!
//! **Formulas.** A text cell that begins with `=`, `+`, `-`, `@`, a tab or
//! a carriage return would be run as a formula by Excel or LibreOffice
//! (OWASP, "CSV Injection"). Such a cell is written with a single quote
//! before it, and quoted, so that spreadsheets show it as text; reading
//! removes that one quote again, so the file reads back to the same value.
//! A number (`-12.5`) is not text and is written as it is.

use std::borrow::Cow;
use std::io::Cursor as Bytes;
use std::sync::Arc;

/// A file's text, shared by the cursors over it ([`Cursor::restarted`]):
/// a second pass over 12 MB copies nothing.
#[derive(Clone, Debug)]
struct Shared(Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        self.0.as_slice()
    }
}

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The byte-order mark Excel needs to read a CSV file as UTF-8.
pub const BOM: &str = "\u{feff}";

/// The most columns a file may have: the formats have at most 19, and a
/// header much wider than that is not one of them. A wider header is
/// refused before it is read, so that a file of a million columns cannot
/// hold the page.
pub const MAX_COLUMNS: usize = 200;

/// What a formula begins with, in Excel or LibreOffice.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell, after any single quotes it begins with, begins like a
/// formula.
fn formula_after_quotes(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A number as the app writes one, in a file (`-12.5`) or formatted for
/// the page (`-1.250,5`, `-3,2 %`): a minus sign, a digit, then only
/// digits, separators, spaces and a percent sign. Nothing built of these
/// can call a function or refer to a cell, so it is written as it is and a
/// spreadsheet keeps it a number.
fn is_number_like(cell: &str) -> bool {
    let mut rest = cell.strip_prefix('-').unwrap_or(cell).chars();
    rest.next().is_some_and(|c| c.is_ascii_digit())
        && rest.all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | ' ' | '\u{a0}'))
}

/// The cell as written: a text cell that begins like a formula gets a
/// single quote before it (so does one that already begins with quotes
/// and then a formula character, so that reading back removes exactly the
/// one quote added).
pub fn guard_cell(cell: &str) -> Cow<'_, str> {
    if formula_after_quotes(cell) && !is_number_like(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell as read: the quote [`guard_cell`] added is removed.
pub fn unguard_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_after_quotes(rest) => rest,
        _ => cell,
    }
}

/// Cells that the `csv` crate would leave unquoted but that must be
/// quoted: a guarded formula (OWASP's advice), and a leading or trailing
/// space, which a spreadsheet may otherwise drop.
fn needs_forced_quotes(cell: &str) -> bool {
    cell.starts_with(['\'', ' ']) && formula_after_quotes(cell)
        || cell.starts_with(' ')
        || cell.ends_with(' ')
}

fn csv_writer(always_quote: bool, out: Vec<u8>) -> ::csv::Writer<Vec<u8>> {
    let style = if always_quote {
        ::csv::QuoteStyle::Always
    } else {
        ::csv::QuoteStyle::Necessary
    };
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .quote_style(style)
        // A semicolon separates cells in Excel with Vietnamese settings: a
        // cell holding one is quoted (the writer quotes a field holding its
        // comment character anywhere).
        .comment(Some(b';'))
        .from_writer(out)
}

/// Writes rows with the `csv` crate's quoting; a row with a cell that must
/// be quoted although the crate would not quote it (a guarded formula, a
/// space at an end) is written with every cell quoted, which reads back
/// the same. Such rows are rare, and the writer is swapped only for them.
struct RowWriter {
    writer: Option<::csv::Writer<Vec<u8>>>,
    always_quote: bool,
}

impl RowWriter {
    fn new() -> Self {
        RowWriter {
            writer: Some(csv_writer(false, BOM.as_bytes().to_vec())),
            always_quote: false,
        }
    }

    fn row<'a>(&mut self, cells: impl Iterator<Item = &'a str>) {
        let cells: Vec<Cow<str>> = cells.map(guard_cell).collect();
        let always_quote = cells.iter().any(|cell| needs_forced_quotes(cell));
        if always_quote != self.always_quote {
            let bytes = self.take_bytes();
            self.writer = Some(csv_writer(always_quote, bytes));
            self.always_quote = always_quote;
        }
        if let Some(writer) = self.writer.as_mut() {
            // Writing to memory cannot fail.
            let _ = writer.write_record(cells.iter().map(|cell| cell.as_bytes()));
        }
    }

    fn take_bytes(&mut self) -> Vec<u8> {
        // Flushing to memory cannot fail.
        self.writer
            .take()
            .and_then(|writer| writer.into_inner().ok())
            .unwrap_or_default()
    }

    fn finish(mut self) -> String {
        let bytes = self.take_bytes();
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// A whole CSV document: the header row, then the rows.
pub fn write_csv<R, F>(header: &[&str], rows: R) -> String
where
    R: IntoIterator<Item = Vec<F>>,
    F: AsRef<str>,
{
    let mut writer = RowWriter::new();
    writer.row(header.iter().copied());
    for row in rows {
        writer.row(row.iter().map(AsRef::as_ref));
    }
    writer.finish()
}

/// One record of a CSV file and the line it starts on (1-based; the header
/// is line 1 in a file whose first line is the header). Its cells are in
/// NFC, a formula's guard removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Why a CSV text cannot be read on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// A quote opened on this line is never closed.
    OpenQuote { line: usize },
    /// The header has more than [`MAX_COLUMNS`] cells; `column` (0-based)
    /// is the first one too many.
    TooManyColumns { line: usize, column: usize },
}

/// The name a spreadsheet shows for a column (0-based): A, …, Z, AA, ….
pub fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(char::from(b'A' + rest as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Walks the first record of `text` (after a byte-order mark) as the
/// reader will, outside quotes: how many cells of each separator it has,
/// up to `limit` of any one (the walk stops there), and where a quote left
/// open starts.
struct FirstRecord {
    commas: usize,
    semicolons: usize,
    tabs: usize,
}

fn first_record(text: &str, limit: usize) -> FirstRecord {
    let mut counts = FirstRecord {
        commas: 0,
        semicolons: 0,
        tabs: 0,
    };
    let (mut quoted, mut at_field_start) = (false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    quoted = false;
                }
            }
            continue;
        }
        let separator = match c {
            '"' if at_field_start => {
                quoted = true;
                None
            }
            ',' => Some(&mut counts.commas),
            ';' => Some(&mut counts.semicolons),
            '\t' => Some(&mut counts.tabs),
            '\n' | '\r' => break,
            _ => None,
        };
        at_field_start = separator.is_some();
        if let Some(count) = separator {
            *count += 1;
            if *count >= limit {
                break;
            }
        }
    }
    counts
}

/// The separator of a file: the one of comma, semicolon and tab that
/// occurs most often outside quotes in its first line (comma, then
/// semicolon, on a tie).
pub fn detect_separator(text: &str) -> char {
    separator_of(&first_record(text, MAX_COLUMNS))
}

fn separator_of(counts: &FirstRecord) -> char {
    if counts.tabs > counts.commas.max(counts.semicolons) {
        '\t'
    } else if counts.semicolons > counts.commas {
        ';'
    } else {
        ','
    }
}

/// Reads a whole CSV text into records, leaving out blank lines.
pub fn parse_csv(text: &str) -> Result<Vec<Record>, ReadError> {
    let mut cursor = Cursor::new(text.to_owned());
    std::iter::from_fn(|| cursor.next()).collect()
}

/// Reads a CSV text one record at a time, so that a big file can be read
/// a slice at a time between other work (the browser's event loop). The
/// `csv` crate's reader holds the text.
pub struct Cursor {
    reader: ::csv::Reader<Bytes<Shared>>,
    record: ::csv::StringRecord,
    separator: u8,
    len: usize,
    /// The header's width, when it is over [`MAX_COLUMNS`].
    too_wide: bool,
    done: bool,
}

impl Cursor {
    /// A cursor over `text` (a leading byte-order mark is skipped). A
    /// text with CR line ends only (old Mac files) has them read as LF,
    /// so that lines are counted.
    pub fn new(text: String) -> Self {
        let mut text = text;
        if text.starts_with(BOM) {
            text.replace_range(..BOM.len(), "");
        }
        if text.contains('\r') && !text.contains('\n') {
            text = text.replace('\r', "\n");
        }
        let counts = first_record(&text, MAX_COLUMNS + 1);
        let separator = separator_of(&counts);
        let width = 1 + match separator {
            '\t' => counts.tabs,
            ';' => counts.semicolons,
            _ => counts.commas,
        };
        Cursor::over(
            Shared(Arc::new(text.into_bytes())),
            separator as u8,
            width > MAX_COLUMNS,
        )
    }

    fn over(text: Shared, separator: u8, too_wide: bool) -> Self {
        let len = text.0.len();
        let reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(separator)
            .from_reader(Bytes::new(text));
        Cursor {
            reader,
            record: ::csv::StringRecord::new(),
            separator,
            len,
            too_wide,
            done: false,
        }
    }

    /// A new cursor over the same text, from its start: a second pass
    /// (the number convention's scan) while this one waits. The text is
    /// shared, not copied, and not looked at again.
    pub fn restarted(&self) -> Cursor {
        Cursor::over(
            self.reader.get_ref().get_ref().clone(),
            self.separator,
            self.too_wide,
        )
    }

    /// The bytes of the text read so far, and of the whole text.
    pub fn position(&self) -> usize {
        (self.reader.position().byte() as usize).min(self.len)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The next record, blank lines left out; `None` at the end (and
    /// after an error). A header over [`MAX_COLUMNS`] wide is refused
    /// before it is read.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<Result<Record, ReadError>> {
        if self.done {
            return None;
        }
        if self.too_wide {
            self.done = true;
            return Some(Err(ReadError::TooManyColumns {
                line: 1,
                column: MAX_COLUMNS,
            }));
        }
        let start = self.reader.position().clone();
        match self.reader.read_record(&mut self.record) {
            Ok(true) => {}
            // The text is UTF-8 and in memory: the reader cannot fail.
            Ok(false) | Err(_) => {
                self.done = true;
                return None;
            }
        }
        // The reader's position for a record is where the previous one
        // ended: before the line ends and blank lines it then skipped.
        let begin = self.record.position().unwrap_or(&start);
        let text: &[u8] = self.reader.get_ref().get_ref().as_ref();
        let raw = text.get(begin.byte() as usize..).unwrap_or_default();
        let skipped = raw
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let line =
            begin.line() as usize + raw.iter().take(skipped).filter(|b| **b == b'\n').count();
        if self.position() >= self.len {
            let raw = raw.get(skipped..).unwrap_or_default();
            if let Some(lines_in) = open_quote(raw, self.separator) {
                self.done = true;
                return Some(Err(ReadError::OpenQuote {
                    line: line + lines_in,
                }));
            }
        }
        let fields = self.record.iter().map(read_cell).collect();
        Some(Ok(Record { line, fields }))
    }
}

/// A cell as read: NFC, a formula's guard removed.
fn read_cell(cell: &str) -> String {
    let cell = unguard_cell(cell);
    match is_nfc_quick(cell.chars()) {
        IsNormalized::Yes => cell.to_owned(),
        _ => cell.nfc().collect(),
    }
}

/// In the raw bytes of the last record of a file: the line breaks before
/// the quote that is never closed, if one is. (The `csv` crate ends such a
/// field at the end of the file without a word.)
fn open_quote(raw: &[u8], separator: u8) -> Option<usize> {
    let (mut quoted, mut at_field_start) = (false, true);
    let (mut lines, mut opened_after) = (0usize, 0usize);
    let mut bytes = raw.iter().peekable();
    while let Some(&b) = bytes.next() {
        if quoted {
            if b == b'"' {
                if bytes.peek() == Some(&&b'"') {
                    bytes.next();
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && at_field_start {
            quoted = true;
            opened_after = lines;
        }
        at_field_start = !quoted && b == separator;
        if b == b'\n' {
            lines += 1;
        }
    }
    quoted.then_some(opened_after)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A second pass from the start, made while the first is half way,
    /// reads the same records, lines and ends as the first: separator,
    /// skipped byte-order mark and old Mac line ends included.
    #[test]
    fn a_restarted_cursor_reads_the_text_again_from_its_start() {
        let texts = [
            "\u{feff}Mã;Tên\r1;\"a;b\"\r\r2;c\r".to_owned(),
            "id,name\n\nu1,\"dòng\nmới\"\nu2,x\n".to_owned(),
        ];
        for text in texts {
            let mut all = Cursor::new(text.clone());
            let mut first = Vec::new();
            while let Some(record) = all.next() {
                first.push(record.map(|r| (r.line, r.fields)));
            }
            let mut cursor = Cursor::new(text);
            let _ = cursor.next();
            let _ = cursor.next();
            let mut again = cursor.restarted();
            let mut second = Vec::new();
            while let Some(record) = again.next() {
                second.push(record.map(|r| (r.line, r.fields)));
            }
            assert_eq!(second, first);
            assert_eq!(again.position(), again.len());
            // The first goes on where it was.
            assert_eq!(
                cursor.next().map(|r| r.map(|r| r.line)),
                first.get(2).cloned().map(|r| r.map(|(l, _)| l))
            );
        }
    }

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
        assert_eq!(
            parse_csv("a,b\n\"open,1\n2"),
            Err(ReadError::OpenQuote { line: 2 })
        );
        assert_eq!(
            parse_csv("a,b\nc,\"x\ny\"\nd,\"open\n\n"),
            Err(ReadError::OpenQuote { line: 4 })
        );
    }

    #[test]
    fn tabs_cr_line_ends_and_nfc() {
        let records = parse_csv("Tên\tLoại hình\r\n\r\nHo\u{300}a\tHTX\r\n").expect("tabs");
        assert_eq!(records[1].fields, ["Hòa", "HTX"]);
        assert_eq!(records[1].line, 3);
        let records = parse_csv("a;b\r1;2\r\r3;4\r").expect("CR only");
        let lines: Vec<usize> = records.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 2, 4]);
        assert_eq!(detect_separator("a,b;c;d\te"), ';');
        assert_eq!(detect_separator("\"a;b;c\",d"), ',');
    }

    #[test]
    fn a_header_too_wide_is_refused_before_it_is_read() {
        let wide = ",".repeat(1_000_000);
        let start = std::time::Instant::now();
        let mut cursor = Cursor::new(wide);
        assert_eq!(
            cursor.next(),
            Some(Err(ReadError::TooManyColumns {
                line: 1,
                column: 200
            }))
        );
        assert_eq!(cursor.next(), None);
        assert!(start.elapsed().as_millis() < 500);
        let exactly = vec!["x"; MAX_COLUMNS].join(";");
        assert!(parse_csv(&exactly).is_ok());
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(200), "GS");
    }

    #[test]
    fn bom_quoting_and_line_ends() {
        let csv = write_csv(
            &["Mã", "Tên"],
            vec![
                vec!["T1", "Chuyển đổi, tổ chức lại"],
                vec!["T2", "Nói \"giải thể\""],
                vec!["T3", "dòng\nmới"],
                vec!["T4", "a; b"],
                vec!["-12.5", "1250"],
            ],
        );
        assert!(
            csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]),
            "UTF-8 BOM first"
        );
        assert_eq!(
            &csv[BOM.len()..],
            "Mã,Tên\r\nT1,\"Chuyển đổi, tổ chức lại\"\r\nT2,\"Nói \"\"giải thể\"\"\"\r\nT3,\"dòng\nmới\"\r\nT4,\"a; b\"\r\n-12.5,1250\r\n"
        );
    }

    #[test]
    fn formulas_are_written_as_text_and_read_back() {
        let hostile = [
            "=HYPERLINK(\"http://x\")",
            "+1+1",
            "@SUM(1)",
            "=cmd|' /C calc'!A0",
            "-2+3",
            "\tTab",
            "\rCR",
            "'=already quoted",
            "''+two",
        ];
        let rows: Vec<Vec<&str>> = hostile.iter().map(|name| vec!["u", *name]).collect();
        let csv = write_csv(&["id", "name"], rows);
        let body = &csv[BOM.len()..];
        for expected in [
            "\"u\",\"'=HYPERLINK(\"\"http://x\"\")\"\r\n",
            "\"u\",\"'+1+1\"\r\n",
            "\"u\",\"'@SUM(1)\"\r\n",
            "\"u\",\"'=cmd|' /C calc'!A0\"\r\n",
            "\"u\",\"'-2+3\"\r\n",
            "\"u\",\"'\tTab\"\r\n",
            "\"u\",\"'\rCR\"\r\n",
            "\"u\",\"''=already quoted\"\r\n",
        ] {
            assert!(body.contains(expected), "{expected:?} in {body:?}");
        }
        assert!(body.starts_with("id,name\r\n"), "plain rows stay unquoted");
        let mut lines = body.split("\r\n");
        assert!(lines.all(|line| !line.contains(",=") && !line.contains(",+")));
        let records = parse_csv(&csv).expect("readable");
        let back: Vec<&str> = records[1..].iter().map(|r| r.fields[1].as_str()).collect();
        assert_eq!(back, hostile);
        assert_eq!(guard_cell("-12.5"), "-12.5", "a number stays a number");
        assert_eq!(guard_cell("-1.250,5"), "-1.250,5");
        assert_eq!(guard_cell("-3,2 %"), "-3,2 %");
        assert_eq!(guard_cell("-"), "'-");
        assert_eq!(guard_cell("-1-1"), "'-1-1");
        assert_eq!(guard_cell("-1E5"), "'-1E5");
        assert_eq!(guard_cell("'abc"), "'abc");
        assert_eq!(unguard_cell("'abc"), "'abc");
    }
}
