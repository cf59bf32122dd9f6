//! Text from outside (a link, a file name, a file's data) shown inside our own sentences.
//! Bidirectional controls in it could reorder our words around it ("（んせまりあが目項…）"), or
//! make it read as something else ("nosj.png" for "\u{202E}gnp.json"): the page shows each as a
//! visible mark, and the page title (plain text, no isolation) drops them. The UI also isolates
//! such text (`<bdi>`), so that even its strong right-to-left letters stay inside it.

/// The embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the marks LRM, RLM
/// and the Arabic letter mark.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// `text` with every bidi control written as a visible "⟨U+202E⟩".
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_bidi_control(c) {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` without its bidi controls (for the page title, which cannot isolate or mark them).
pub fn stripped(text: &str) -> String {
    text.chars().filter(|&c| !is_bidi_control(c)).collect()
}

/// Our words around one piece of outside text (a name from the data, a search typed or linked):
/// the UI puts `outside` in a `<bdi>` with its controls shown (`visible`); `plain` is the
/// one-string form for places that cannot hold markup (an `aria-label`, a canvas label).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Around {
    pub before: String,
    pub outside: String,
    pub after: String,
}

impl Around {
    pub fn new(before: impl Into<String>, outside: &str, after: impl Into<String>) -> Self {
        Around {
            before: before.into(),
            outside: outside.to_string(),
            after: after.into(),
        }
    }

    /// The whole text, the outside part with its bidi controls shown.
    pub fn plain(&self) -> String {
        format!("{}{}{}", self.before, visible(&self.outside), self.after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTROLS: [char; 12] = [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
    ];

    #[test]
    fn every_bidi_control_is_shown_as_a_mark() {
        assert_eq!(visible("\u{202E}gnp.json"), "⟨U+202E⟩gnp.json");
        assert_eq!(visible("a\u{061C}b\u{200F}"), "a⟨U+061C⟩b⟨U+200F⟩");
        for c in CONTROLS {
            let shown = visible(&format!("x{c}y"));
            assert!(!shown.chars().any(is_bidi_control), "{shown}");
            assert_eq!(shown, format!("x⟨U+{:04X}⟩y", c as u32));
        }
    }

    #[test]
    fn around_shows_the_controls_of_its_outside_part_only() {
        let a = Around::new("（", "\u{202E}gnp.json", "）");
        assert_eq!(a.plain(), "（⟨U+202E⟩gnp.json）");
        assert_eq!(Around::new("a", "b", "c").plain(), "abc");
    }

    #[test]
    fn the_title_form_drops_them_and_keeps_everything_else() {
        let all: String = CONTROLS.iter().collect();
        assert_eq!(stripped(&format!("観光{all}PR")), "観光PR");
        // Right-to-left letters and the joiners are text, not controls.
        for kept in ["עברית", "العربية", "a\u{200D}b", "<b>x</b>", ""] {
            assert_eq!(stripped(kept), kept);
            assert_eq!(visible(kept), kept);
        }
    }
}
