//! The UI's two languages, and messages written in both.
//!
//! A problem in a budget file is worded where it is found, in Japanese and English at once
//! ([`message!`]), so the words sit next to the values they quote and the UI only picks one when
//! it shows the problem (a language switch re-renders the same problems). It has no other
//! dependency, so `build.rs` can compile the validator with it.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Ja,
    En,
}

/// The same message in Japanese and in English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub ja: String,
    pub en: String,
}

impl Message {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// `message!("English {x}", "日本語{x}")`: a [`Message`], each text formatted as by `format!`
/// (with the names it quotes captured from the caller).
macro_rules! message {
    ($en:literal, $ja:literal $(,)?) => {
        Message {
            en: format!($en),
            ja: format!($ja),
        }
    };
}
pub(crate) use message;

/// Test support: `ja` is Japanese, and none of the English wording of its message leaked into it.
#[cfg(test)]
pub(crate) fn assert_japanese(ja: &str, en: &str) {
    let japanese = |c: char| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}');
    assert!(ja.chars().any(japanese), "no Japanese in {ja:?} ({en})");
    // Words of the English messages that a quoted value in these tests never contains.
    const ENGLISH: [&str; 14] = [
        "must",
        "found",
        "is not",
        "missing",
        "empty",
        "points at",
        "twice",
        "whole number",
        "column",
        "row ",
        "field",
        "file:",
        " the ",
        "; ",
    ];
    if let Some(word) = ENGLISH.iter().find(|w| ja.contains(*w)) {
        panic!("English {word:?} in the Japanese {ja:?} ({en})");
    }
}
