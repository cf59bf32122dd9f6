//! Search-text folding for Japanese: NFKC (全角/半角 letters, digits and half-width kana become
//! one form), katakana folded to hiragana, and case folded, so 「ｶﾝｺｳ」「カンコウ」「かんこう」 and
//! 「ＤＸ」「dx」 each find the same lines.
//!
//! NFKC and case folding need Unicode tables. Natively they come from the unicode-normalization
//! crate; in the browser the platform's own `String.prototype.normalize` does the same job, so the
//! shipped wasm carries no tables. The core takes the normaliser as a plain function and stays
//! free of browser types.

/// NFKC normalisation followed by lower-casing.
pub type Normalize = fn(&str) -> String;

/// The native normaliser (tests, benchmarks, tools).
#[cfg(not(target_arch = "wasm32"))]
pub fn nfkc_lower(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfkc().flat_map(char::to_lowercase).collect()
}

/// NFKC and lower-casing of text made only of characters both leave as they are (ASCII, lower-
/// cased here; kana, CJK ideographs, Japanese punctuation and brackets), else `None`: the
/// platform's tables decide the rest. Lets the browser skip the trip through JavaScript strings
/// for most Japanese text (for 50,000 lines that trip was most of the search index's time).
pub fn plain_nfkc_lower(text: &str) -> Option<String> {
    let plain = |c: char| {
        matches!(c,
            '\0'..='\u{7F}'
            | '\u{3001}'..='\u{301B}' // 、。〃 々〆〇 〈〉《》「」『』【】〒〓〔〕〖〗〘〙〚〛
            | '\u{3041}'..='\u{3096}' // ぁ…ゖ
            | '\u{309D}'..='\u{309E}' // ゝゞ
            | '\u{30A1}'..='\u{30FE}' // ァ…ヺ ・ー ヽヾ
            | '\u{4E00}'..='\u{9FFF}') // CJK unified ideographs
    };
    text.chars().all(plain).then(|| text.to_ascii_lowercase())
}

/// Folds text for matching. Query and haystack go through the same function.
pub fn fold(text: &str, normalize: Normalize) -> String {
    kana_fold(&normalize(text))
}

/// Katakana to hiragana only (enough to order names by reading-ish keys without tables).
pub fn kana_fold(text: &str) -> String {
    text.chars().map(katakana_to_hiragana).collect()
}

fn katakana_to_hiragana(c: char) -> char {
    // ァ (U+30A1) … ヶ (U+30F6) sit exactly 0x60 above ぁ … ゖ; ヽヾ likewise above ゝゞ.
    match c {
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}'..='\u{30FE}' => {
            char::from_u32(c as u32 - 0x60).unwrap_or(c)
        }
        _ => c,
    }
}

/// Splits a query into folded terms (on any whitespace, 全角 spaces included after NFKC).
pub fn terms(query: &str, normalize: Normalize) -> Vec<String> {
    fold(query, normalize)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(text: &str) -> String {
        fold(text, nfkc_lower)
    }

    #[test]
    fn width_and_kana_variants_fold_together() {
        assert_eq!(f("ｶﾝｺｳ"), "かんこう");
        assert_eq!(f("カンコウ"), "かんこう");
        assert_eq!(f("ガイド"), f("ｶﾞｲﾄﾞ"));
        assert_eq!(f("ＤＸ"), "dx");
        assert_eq!(f("ＵＩＪターン"), "uijたーん");
        assert_eq!(f("１６０万円"), "160万円");
        assert_eq!(f("観光"), "観光");
    }

    /// Every character the shortcut takes, alone and beside the others, is what the tables make
    /// of it; and what it leaves to them, it does not take.
    #[test]
    fn the_plain_shortcut_agrees_with_the_tables() {
        let taken: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| plain_nfkc_lower(&c.to_string()).is_some())
            .collect();
        assert!(taken.len() > 20_000, "{}", taken.len());
        for c in &taken {
            let one = c.to_string();
            assert_eq!(plain_nfkc_lower(&one), Some(nfkc_lower(&one)), "{c:?}");
        }
        // Pairs: kana and punctuation beside each other and beside ASCII and an ideograph
        // (nothing in the set composes with its neighbour).
        let near: Vec<char> = taken
            .iter()
            .copied()
            .filter(|c| !('\u{4E00}'..='\u{9FFF}').contains(c))
            .chain(['観', '光'])
            .collect();
        for a in &near {
            for b in &near {
                let pair: String = [*a, *b].iter().collect();
                assert_eq!(plain_nfkc_lower(&pair), Some(nfkc_lower(&pair)), "{pair:?}");
            }
        }
        for other in [
            "ＤＸ",
            "ｶﾝｺｳ",
            "\u{3000}",
            "か\u{3099}",
            "（",
            "①",
            "ﾞ",
            "ヿ",
            "ゟ",
            "Σ",
        ] {
            assert_eq!(plain_nfkc_lower(other), None, "{other:?}");
        }
    }

    #[test]
    fn terms_split_on_ideographic_space() {
        assert_eq!(terms("観光\u{3000}ＰＲ  ", nfkc_lower), vec!["観光", "pr"]);
        assert!(terms(" \u{3000} ", nfkc_lower).is_empty());
    }
}
