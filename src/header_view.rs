//! The header's workspace line, written as HTML text: the open workspace's
//! name — or, when there are several, a labelled switcher
//! (`<select name="workspace-switch">`) — and the "illustrative data" tag.

use crate::html::Html;
use crate::i18n::Lang;

pub fn workspace_line_html(
    name: &str,
    current_id: &str,
    workspaces: &[(String, String)],
    illustrative: bool,
    lang: Lang,
) -> String {
    let label = lang.pick("Không gian làm việc: ", "Workspace: ");
    let mut html = Html::new();
    if workspaces.len() > 1 {
        html.element("label", &[("for", Some("workspace-switch"))], label)
            .open(
                "select",
                &[
                    ("id", Some("workspace-switch")),
                    ("name", Some("workspace-switch")),
                ],
            );
        for (id, name) in workspaces {
            html.element(
                "option",
                &[
                    ("value", Some(id)),
                    ("selected", (id == current_id).then_some("")),
                ],
                name,
            );
        }
        html.close("select");
    } else {
        html.text(label).element("strong", &[], name);
    }
    illustrative_tag(&mut html, illustrative, lang);
    html.into_string()
}

/// The tag after the workspace's name while it is shown read-only (written
/// by a newer version of the app).
pub fn read_only_tag_html(lang: Lang) -> String {
    let mut html = Html::new();
    html.text(" ").element(
        "span",
        &[
            ("class", Some("read-only-tag")),
            (
                "title",
                Some(lang.pick(
                    "Do phiên bản mới hơn của ứng dụng ghi. Hãy tải lại trang để cập nhật.",
                    "Written by a newer version of the app. Reload the page to update.",
                )),
            ),
        ],
        lang.pick("Chỉ xem", "Read-only"),
    );
    html.into_string()
}

fn illustrative_tag(html: &mut Html, illustrative: bool, lang: Lang) {
    if illustrative {
        html.text(" ").element(
            "span",
            &[("class", Some("illustrative-tag"))],
            lang.pick("Số liệu minh họa", "Illustrative data"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_only_workspace_is_tagged_in_both_languages() {
        assert!(read_only_tag_html(Lang::Vi).contains(">Chỉ xem</span>"));
        assert!(read_only_tag_html(Lang::En).contains(">Read-only</span>"));
        let mut view = crate::workspace::Workspace::new("w", "x");
        assert!(!view.read_only());
        view.schema_version = 999;
        assert!(view.read_only());
    }

    #[test]
    fn one_workspace_is_named_several_are_switched() {
        let one = workspace_line_html(
            "HTX <A>",
            "main",
            &[("main".into(), "HTX <A>".into())],
            false,
            Lang::Vi,
        );
        assert_eq!(one, "Không gian làm việc: <strong>HTX &lt;A&gt;</strong>");
        let list = [
            ("demo".to_owned(), "Demo".to_owned()),
            ("main".to_owned(), "Mine".to_owned()),
        ];
        let several = workspace_line_html("Mine", "main", &list, true, Lang::En);
        assert!(several.contains("<label for=\"workspace-switch\">Workspace: </label>"));
        assert!(several.contains("<option value=\"main\" selected=\"\">Mine</option>"));
        assert!(several.contains("<option value=\"demo\">Demo</option>"));
        assert!(several.contains("Illustrative data"));
    }
}
