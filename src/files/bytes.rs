//! Files as the user picks them are bytes; this is the one place that turns
//! them into text.
//!
//! A JSON document is the app's own format: UTF-8 (a byte-order mark is
//! allowed), and a byte that is not UTF-8 is an error that names its line
//! and byte, never a silently replaced character ([`text_from_bytes`]).
//!
//! A CSV file comes from a spreadsheet, and Excel on a Vietnamese Windows PC
//! writes several encodings ([`spreadsheet_text`]): UTF-8 with or without a
//! byte-order mark ("CSV UTF-8"), UTF-16 little- or big-endian with a mark
//! or, for "Unicode text", without one (told apart by where its NUL bytes
//! are), and the ANSI code page windows-1258 ("CSV"), whose tone marks are
//! combining characters. Decoding is `encoding_rs`'s (the WHATWG Encoding
//! Standard's tables, as browsers decode); the text is brought to NFC cell
//! by cell as the CSV reader reads it ([`crate::files::csv`]), so "Đồng" written
//! with a combining grave compares equal to "Đồng" typed in a form.
//!
//! Nothing here knows the browser: the page hands over the bytes.

use std::rc::Rc;

use encoding_rs::{DecoderResult, Encoding as Charset, UTF_16BE, UTF_16LE, WINDOWS_1258};

use crate::i18n::{Lang, Text};

/// The byte-order mark of UTF-8.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// How many bytes are looked at to tell UTF-16 without a byte-order mark.
const SNIFF_BYTES: usize = 4096;

/// The encoding a spreadsheet file was read in, named in the import preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Windows-1258, the ANSI code page of Vietnamese Windows.
    Windows1258,
}

impl Encoding {
    /// Every encoding, in the order of [`Encoding::code`].
    pub const ALL: [Encoding; 5] = [
        Encoding::Utf8,
        Encoding::Utf8Bom,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Windows1258,
    ];

    /// A short name that says which encoding a file was read in where the
    /// type cannot go (the import's worker sends it to the page): one of
    /// its WHATWG labels, with "utf-8-bom" for UTF-8 that had a byte-order
    /// mark. Windows-1258 is "cp1258", not encoding_rs's name for it, so
    /// that the name found in a wasm says whether encoding_rs is linked.
    pub fn code(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1258 => "cp1258",
        }
    }

    /// The encoding of a [`Encoding::code`]; `None` for any other text.
    pub fn from_code(code: &str) -> Option<Encoding> {
        Encoding::ALL.into_iter().find(|e| e.code() == code)
    }

    /// The encoding as the preview names it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => lang.pick("UTF-8 (có BOM)", "UTF-8 (with BOM)"),
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1258 => lang.pick(
                "Windows-1258 (ANSI tiếng Việt)",
                "Windows-1258 (Vietnamese ANSI)",
            ),
        }
    }
}

/// Bytes that are not text in the encoding they were read in: the line
/// (1-based) and the byte of the file (1-based) where the first bad
/// sequence starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotText {
    pub encoding: Encoding,
    pub line: usize,
    pub byte: usize,
}

impl NotText {
    pub fn message(&self, lang: Lang) -> String {
        self.text().get(lang).to_owned()
    }

    pub fn text(&self) -> Text {
        let name = self.encoding.label(Lang::En);
        Text::new(
            format!(
                "Tệp không phải văn bản {}: dòng {}, byte thứ {} của tệp không đọc được.",
                self.encoding.label(Lang::Vi),
                self.line,
                self.byte
            ),
            format!(
                "The file is not {name} text: line {}, byte {} of the file cannot be read.",
                self.line, self.byte
            ),
        )
    }
}

/// The text of a JSON document: UTF-8, a leading byte-order mark left out.
/// Invalid UTF-8 is an error naming its line and byte.
pub fn text_from_bytes(bytes: &[u8]) -> Result<String, NotText> {
    let (encoding, body, skipped) = match bytes.strip_prefix(UTF8_BOM) {
        Some(body) => (Encoding::Utf8Bom, body, UTF8_BOM.len()),
        None => (Encoding::Utf8, bytes, 0),
    };
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_owned()),
        Err(error) => {
            let good = body.get(..error.valid_up_to()).unwrap_or_default();
            Err(NotText {
                encoding,
                line: 1 + good.iter().filter(|b| **b == b'\n').count(),
                byte: skipped + error.valid_up_to() + 1,
            })
        }
    }
}

/// [`text_from_bytes`] taking the bytes, so that a big file is not copied:
/// the text is the same buffer, a leading byte-order mark left out.
pub fn text_from_vec(bytes: Vec<u8>) -> Result<String, NotText> {
    let encoding = if bytes.starts_with(UTF8_BOM) {
        Encoding::Utf8Bom
    } else {
        Encoding::Utf8
    };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if encoding == Encoding::Utf8Bom {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let good = error.as_bytes().get(..valid).unwrap_or_default();
            Err(NotText {
                encoding,
                line: 1 + good.iter().filter(|b| **b == b'\n').count(),
                byte: valid + 1,
            })
        }
    }
}

/// A spreadsheet file's text and the encoding it was read in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

/// The text of a CSV file from Excel or LibreOffice, its byte-order mark
/// left out: UTF-8 or UTF-16 by their byte-order mark; UTF-16 without one
/// when the first bytes hold NULs (which no text in UTF-8 or windows-1258
/// has); else UTF-8 if the bytes are UTF-8, and windows-1258 if not. Every
/// byte has a meaning in windows-1258, so only a UTF-16 file can fail.
pub fn spreadsheet_text(bytes: &[u8]) -> Result<Decoded, NotText> {
    let mut decoding = Decoding::new(Rc::from(bytes));
    loop {
        if let Some(done) = decoding.step(usize::MAX) {
            return done;
        }
    }
}

/// [`spreadsheet_text`] a piece at a time, so that a file of many megabytes
/// never holds the page for long: each [`Decoding::step`] decodes up to the
/// bytes it is given. A file that turns out not to be UTF-8 half way is
/// decoded again from its start as windows-1258, as the whole-file rule
/// says.
pub struct Decoding {
    bytes: Rc<[u8]>,
    encoding: Encoding,
    decoder: encoding_rs::Decoder,
    /// How far the bytes are decoded (a byte-order mark counts as done).
    at: usize,
    text: String,
    /// Set once a step has given the result; later steps give nothing.
    done: bool,
}

impl Decoding {
    pub fn new(bytes: Rc<[u8]>) -> Decoding {
        let (encoding, skipped) = if bytes.starts_with(UTF8_BOM) {
            (Encoding::Utf8Bom, UTF8_BOM.len())
        } else if bytes.starts_with(b"\xFF\xFE") {
            (Encoding::Utf16Le, 2)
        } else if bytes.starts_with(b"\xFE\xFF") {
            (Encoding::Utf16Be, 2)
        } else if let Some(encoding) = utf16_without_bom(&bytes) {
            (encoding, 0)
        } else {
            (Encoding::Utf8, 0)
        };
        Decoding {
            decoder: charset(encoding).new_decoder_without_bom_handling(),
            // Room for the usual case (UTF-8 text is as long as its bytes),
            // so the text is not moved as it grows.
            text: String::with_capacity(bytes.len()),
            at: skipped,
            bytes,
            encoding,
            done: false,
        }
    }

    /// The bytes of the file, decoded or not.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// How many of the file's bytes are decoded so far.
    pub fn position(&self) -> usize {
        self.at
    }

    /// Decodes up to `most` more bytes (at least one); the text, or where
    /// it is not text, once the end is reached.
    pub fn step(&mut self, most: usize) -> Option<Result<Decoded, NotText>> {
        if self.done {
            return None;
        }
        let end = self.at.saturating_add(most.max(1)).min(self.bytes.len());
        let last = end == self.bytes.len();
        let chunk = self.bytes.get(self.at..end).unwrap_or_default();
        let room = self
            .decoder
            .max_utf8_buffer_length_without_replacement(chunk.len())
            .unwrap_or(chunk.len());
        self.text.reserve(room);
        let (result, read) =
            self.decoder
                .decode_to_string_without_replacement(chunk, &mut self.text, last);
        let bad_at = match result {
            DecoderResult::InputEmpty => {
                self.at = end;
                if !last {
                    return None;
                }
                self.done = true;
                return Some(Ok(Decoded {
                    text: std::mem::take(&mut self.text),
                    encoding: self.encoding,
                }));
            }
            DecoderResult::Malformed(length, after) => {
                (self.at + read).saturating_sub(usize::from(length) + after as usize)
            }
            // Not reached: the room was reserved.
            DecoderResult::OutputFull => self.at + read,
        };
        if self.encoding == Encoding::Utf8 {
            // Not UTF-8: the ANSI code page, from the start.
            self.encoding = Encoding::Windows1258;
            self.decoder = WINDOWS_1258.new_decoder_without_bom_handling();
            self.text.clear();
            self.at = 0;
            return None;
        }
        self.done = true;
        Some(Err(NotText {
            encoding: self.encoding,
            line: 1 + self.text.matches('\n').count(),
            byte: bad_at + 1,
        }))
    }
}

/// UTF-16 without a byte-order mark, from its NUL bytes: text that is
/// mostly Latin letters, digits and separators has a NUL in the high byte
/// of most units, the second byte of each pair in little-endian and the
/// first in big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let sample = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    let (mut even, mut odd) = (0usize, 0usize);
    for (index, byte) in sample.iter().enumerate() {
        if *byte == 0 {
            if index % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    match (even, odd) {
        (0, 0) => None,
        (even, odd) if odd >= even => Some(Encoding::Utf16Le),
        _ => Some(Encoding::Utf16Be),
    }
}

fn charset(encoding: Encoding) -> &'static Charset {
    match encoding {
        Encoding::Utf16Le => UTF_16LE,
        Encoding::Utf16Be => UTF_16BE,
        Encoding::Windows1258 => WINDOWS_1258,
        Encoding::Utf8 | Encoding::Utf8Bom => encoding_rs::UTF_8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    #[test]
    fn json_text_is_utf8_and_a_bad_byte_is_placed() {
        assert_eq!(
            text_from_bytes("{\"a\": \"Đồng\"}".as_bytes()).as_deref(),
            Ok("{\"a\": \"Đồng\"}")
        );
        assert_eq!(text_from_bytes(b"\xEF\xBB\xBF{}").as_deref(), Ok("{}"));
        let error = text_from_bytes(b"{\n\"a\": \"\xFF\"\n}").expect_err("not UTF-8");
        assert_eq!((error.line, error.byte), (2, 9));
        assert!(error.message(Lang::En).contains("line 2, byte 9"));
        let error = text_from_bytes(b"\xEF\xBB\xBF\xC3").expect_err("cut short");
        assert_eq!((error.line, error.byte), (1, 4));
        // Taking the bytes reads the same, and places a bad byte the same.
        for bytes in [
            &b"{\n\"a\": \"\xFF\"\n}"[..],
            b"\xEF\xBB\xBF\xC3",
            b"\xEF\xBB\xBF{}",
            "{\"a\": \"\u{110}\u{1ed3}ng\"}".as_bytes(),
        ] {
            assert_eq!(text_from_vec(bytes.to_vec()), text_from_bytes(bytes));
        }
    }

    #[test]
    fn every_excel_encoding_is_recognised() {
        let text = "Tên đơn vị;Loại hình\r\nHợp tác xã Đồng Thái;HTX\r\n";
        let read = |bytes: &[u8]| spreadsheet_text(bytes).map(|d| (d.encoding, d.text));
        assert_eq!(read(text.as_bytes()), Ok((Encoding::Utf8, text.into())));
        let with_bom = [UTF8_BOM, text.as_bytes()].concat();
        assert_eq!(read(&with_bom), Ok((Encoding::Utf8Bom, text.into())));
        let le = utf16le(text);
        assert_eq!(read(&le), Ok((Encoding::Utf16Le, text.into())));
        assert_eq!(
            read(&[b"\xFF\xFE", &le[..]].concat()),
            Ok((Encoding::Utf16Le, text.into()))
        );
        let be = utf16be(text);
        assert_eq!(read(&be), Ok((Encoding::Utf16Be, text.into())));
        assert_eq!(
            read(&[b"\xFE\xFF", &be[..]].concat()),
            Ok((Encoding::Utf16Be, text.into()))
        );
        // "Đồng" in windows-1258: Đ (D0), o, combining grave (CC), n, g.
        let ansi = b"T\xEAn\nH\xD0o\xCCng";
        let (encoding, decoded) = read(ansi).expect("windows-1258");
        assert_eq!(encoding, Encoding::Windows1258);
        assert_eq!(decoded, "Tên\nHĐo\u{300}ng");
    }

    #[test]
    fn broken_utf16_is_placed() {
        let mut bytes = utf16le("a\nb");
        bytes.extend([0x00, 0xD8, b'c', 0]); // a lone high surrogate
        let error = spreadsheet_text(&bytes).expect_err("unpaired surrogate");
        assert_eq!(error.encoding, Encoding::Utf16Le);
        assert_eq!((error.line, error.byte), (2, 7));
    }

    #[test]
    fn codes_name_each_encoding_once() {
        for encoding in Encoding::ALL {
            assert_eq!(Encoding::from_code(encoding.code()), Some(encoding));
        }
        assert_eq!(Encoding::from_code("latin1"), None);
    }

    #[test]
    fn labels_name_the_encoding() {
        assert_eq!(
            Encoding::Windows1258.label(Lang::Vi),
            "Windows-1258 (ANSI tiếng Việt)"
        );
        assert_eq!(Encoding::Utf16Le.label(Lang::En), "UTF-16 LE");
    }

    /// Decoding a piece at a time gives what decoding at once gives, the
    /// place of a bad byte included, whatever the size of the pieces.
    fn in_pieces(bytes: &[u8], piece: usize) -> Result<Decoded, NotText> {
        let mut decoding = Decoding::new(Rc::from(bytes));
        let mut steps = 0;
        loop {
            steps += 1;
            assert!(steps <= 2 * bytes.len() + 4, "a step always moves on");
            if let Some(done) = decoding.step(piece) {
                assert!(decoding.step(piece).is_none(), "the result comes once");
                return done;
            }
        }
    }

    #[test]
    fn pieces_decode_as_the_whole_file_does() {
        let text = "Tên đơn vị;Loại hình\r\nHợp tác xã Đồng Thái;HTX\r\n";
        let mut late_ansi = text.repeat(3).into_bytes();
        late_ansi.extend(b"H\xD0o\xCCng\n"); // UTF-8 until here
        let mut bad16 = utf16le("a\nb");
        bad16.extend([0x00, 0xD8, b'c', 0]);
        let cases: Vec<Vec<u8>> = vec![
            text.as_bytes().to_vec(),
            [UTF8_BOM, text.as_bytes()].concat(),
            [UTF8_BOM, b"ab\n\xC3"].concat(),
            utf16le(text),
            [&b"\xFE\xFF"[..], &utf16be(text)].concat(),
            late_ansi,
            bad16,
            Vec::new(),
        ];
        for bytes in &cases {
            let whole = spreadsheet_text(bytes);
            for piece in 1..=9 {
                assert_eq!(
                    in_pieces(bytes, piece),
                    whole,
                    "{bytes:?} in pieces of {piece}"
                );
            }
        }
        let late = spreadsheet_text(&cases[5]).expect("windows-1258");
        assert_eq!(late.encoding, Encoding::Windows1258);
        let cut = spreadsheet_text(&cases[2]).expect_err("cut short");
        assert_eq!((cut.line, cut.byte), (2, 7));
    }

    // proptest is not a dependency of the browser tests.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_bytes_decode_the_same_in_pieces(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64),
            piece in 1usize..16,
        ) {
            proptest::prop_assert_eq!(in_pieces(&bytes, piece), spreadsheet_text(&bytes));
        }
    }
}
