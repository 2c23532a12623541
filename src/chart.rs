//! SVG text helpers for the charts still written as HTML text (the
//! simulation's), each with a title and a text description. A target's
//! trend is geometry in [`crate::report::chart`], drawn by the app.

use std::fmt::Write as _;

use crate::html::escape;

/// Opens a chart: the figure and the SVG, `height` tall, with its title
/// and description (which screen readers announce for the image).
pub(crate) fn open_svg(html: &mut String, id: &str, height: f64, title: &str, description: &str) {
    // The id is escaped too: a trend chart's is made of a target's id,
    // which a stored workspace may have from an unchecked file.
    let id = escape(id);
    let _ = write!(
        html,
        r#"<figure class="chart" id="{id}"><svg viewBox="0 0 640 {height}" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(description)
    );
}

/// A line of a chart's class from (x1, y1) to (x2, y2).
pub(crate) fn line(html: &mut String, class: &str, x1: f64, y1: f64, x2: f64, y2: f64) {
    let _ = write!(
        html,
        r#"<line class="{class}" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}"></line>"#
    );
}

/// A label at (x, y), anchored `start`, `middle` or `end`.
pub(crate) fn label(html: &mut String, x: f64, y: f64, anchor: &str, text: &str) {
    let _ = write!(
        html,
        r#"<text class="chart-label" x="{x:.1}" y="{y:.1}" text-anchor="{anchor}">{}</text>"#,
        escape(text)
    );
}
