//! A table as data: what `app::components::data_table` draws. The first
//! cell of each row heads it; the columns listed in `numeric` align their
//! figures to the right (class `num`).

/// A table's caption, head, rows and numeric columns.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Table {
    /// The table's class, for the stylesheet and tests.
    pub class: Option<&'static str>,
    pub caption: Option<&'static str>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The columns (counted from 0) that hold figures.
    pub numeric: Vec<usize>,
}

impl Table {
    pub fn new(header: &[&str], rows: Vec<Vec<String>>) -> Table {
        Table {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows,
            ..Table::default()
        }
    }

    pub fn class(mut self, class: &'static str) -> Table {
        self.class = Some(class);
        self
    }

    pub fn caption(mut self, caption: &'static str) -> Table {
        self.caption = Some(caption);
        self
    }

    pub fn numeric(mut self, columns: impl IntoIterator<Item = usize>) -> Table {
        self.numeric = columns.into_iter().collect();
        self
    }

    /// Whether column `index` holds figures.
    pub fn is_numeric(&self, index: usize) -> bool {
        self.numeric.contains(&index)
    }

    /// The row headed by `first`, if any.
    pub fn row(&self, first: &str) -> Option<&[String]> {
        self.rows
            .iter()
            .find(|row| row.first().is_some_and(|cell| cell == first))
            .map(Vec::as_slice)
    }
}
