//! JSON text to a tree ([`Value`]), as `serde_json::from_str` reads it but
//! refusing a key written twice in one object.
//!
//! serde_json's own `Value` silently keeps the last of two equal keys, so a
//! file saying `"value": 1.0, …, "value": 0.5` would be read as 50 % with
//! no word. Here the tree is built by a visitor that knows where it is
//! ("plan › targets 3"), and a repeated key is an error with that place,
//! its line and its column. Nesting is bounded by serde_json's recursion
//! limit (128 levels), which applies to this visitor as to its own.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Why a text is not a JSON tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TreeError {
    /// Not JSON, or broken JSON (serde_json's message).
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// `key` appears twice in the object at `path` ("plan › targets 3";
    /// empty for the document itself).
    DuplicateKey {
        line: usize,
        column: usize,
        path: String,
        key: String,
    },
}

/// The longest key or path written into a message, in characters.
const SHOWN_CHARS: usize = 80;

/// Reads `text` as one JSON value.
pub fn parse(text: &str) -> Result<Value, TreeError> {
    let found = RefCell::new(None);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let read = Seed {
        path: None,
        found: &found,
    }
    .deserialize(&mut deserializer)
    .and_then(|value| deserializer.end().map(|()| value));
    read.map_err(|e| match found.into_inner() {
        Some((path, key)) => TreeError::DuplicateKey {
            line: e.line(),
            column: e.column(),
            path,
            key,
        },
        None => TreeError::Syntax {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        },
    })
}

/// One step from the document down to a value.
#[derive(Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Where the visitor is: a chain of steps up to the document, written out
/// only when a duplicate is found.
struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    step: Step<'a>,
}

fn cut(text: &str) -> String {
    let mut out: String = text.chars().take(SHOWN_CHARS).collect();
    if text.chars().nth(SHOWN_CHARS).is_some() {
        out.push('…');
    }
    out
}

fn describe(path: Option<&Path<'_>>) -> String {
    let mut steps = Vec::new();
    let mut at = path;
    while let Some(p) = at {
        steps.push(match p.step {
            Step::Key(key) => cut(key),
            Step::Index(index) => (index + 1).to_string(),
        });
        at = p.parent;
    }
    steps.reverse();
    // "units › 3 › years › 2" reads better as "units 3 › years 2".
    let mut out = String::new();
    for step in steps {
        let is_index = step.bytes().all(|b| b.is_ascii_digit());
        if !out.is_empty() {
            out.push_str(if is_index { " " } else { " › " });
        }
        out.push_str(&step);
    }
    out
}

#[derive(Clone, Copy)]
struct Seed<'p> {
    path: Option<&'p Path<'p>>,
    /// The place and key of a duplicate, set just before the error that
    /// stops reading.
    found: &'p RefCell<Option<(String, String)>>,
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            let path = Path {
                parent: self.path,
                step: Step::Index(items.len()),
            };
            let seed = Seed {
                path: Some(&path),
                found: self.found,
            };
            match seq.next_element_seed(seed)? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.contains_key(&key) {
                *self.found.borrow_mut() = Some((describe(self.path), cut(&key)));
                return Err(A::Error::custom(format!("duplicate key `{}`", cut(&key))));
            }
            let path = Path {
                parent: self.path,
                step: Step::Key(&key),
            };
            let value = access.next_value_seed(Seed {
                path: Some(&path),
                found: self.found,
            })?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_serde_json_reads() {
        let text = r#"{"a": [1, -2, 3.5, "x", null, true, {"b": {}}], "c": 18446744073709551615}"#;
        let ours = parse(text).expect("valid");
        let theirs: Value = serde_json::from_str(text).expect("valid");
        assert_eq!(ours, theirs);
    }

    #[test]
    fn a_repeated_key_is_named_with_its_place_and_line() {
        let text = "{\"plan\": {\"targets\": [{}, {}, {\n\"value\": 1.0,\n\"value\": 0.5}]}}";
        match parse(text) {
            Err(TreeError::DuplicateKey {
                line, path, key, ..
            }) => {
                assert_eq!(
                    (line, path.as_str(), key.as_str()),
                    (3, "plan › targets 3", "value")
                );
            }
            other => panic!("expected a duplicate key, got {other:?}"),
        }
        match parse(r#"{"a": 1, "a": 1}"#) {
            Err(TreeError::DuplicateKey { path, .. }) => assert_eq!(path, ""),
            other => panic!("expected a duplicate key, got {other:?}"),
        }
    }

    /// Run by hand (`cargo test --release --no-default-features --lib
    /// json_tree -- --ignored --nocapture`): the time to read a
    /// 30,000-unit document, against serde_json's own `Value`.
    #[test]
    #[ignore]
    fn timing_against_serde_json() {
        let text = crate::files::document::to_json(&crate::domain::generate::synthetic_workspace(
            30_000, 1,
        ));
        let time = |f: &dyn Fn() -> bool| {
            let mut best = std::time::Duration::MAX;
            for _ in 0..5 {
                let started = std::time::Instant::now();
                assert!(f());
                best = best.min(started.elapsed());
            }
            best
        };
        let ours = time(&|| parse(&text).is_ok());
        let theirs = time(&|| serde_json::from_str::<Value>(&text).is_ok());
        println!(
            "{} MB: json_tree {ours:?}, serde_json {theirs:?}",
            text.len() / 1_000_000
        );
    }

    #[test]
    fn broken_and_too_deep_json_is_a_syntax_error() {
        assert!(matches!(
            parse("{\"a\": 1,}"),
            Err(TreeError::Syntax { line: 1, .. })
        ));
        assert!(matches!(parse("{} x"), Err(TreeError::Syntax { .. })));
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        match parse(&deep) {
            Err(TreeError::Syntax { message, .. }) => {
                assert!(message.contains("recursion limit"), "{message}")
            }
            other => panic!("expected the recursion limit, got {other:?}"),
        }
    }
}
