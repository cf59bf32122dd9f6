//! Amounts as people read them. The data is in thousand yen (千円); at a glance people read
//! 億円 and 万円 (1億円 = 100,000千円, 1万円 = 10千円), while details keep the exact 千円 figure.

/// "3,739,426" — digits grouped by three, as the source prints them.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Exact figure in the source's unit: "24,200千円".
pub fn exact(thousand_yen: u64) -> String {
    format!("{}千円", grouped(thousand_yen))
}

/// A rounded, readable amount: "37.4億円", "2,420万円", "42.4万円", "5,000円".
pub fn readable(thousand_yen: u64) -> String {
    const OKU: u64 = 100_000; // 1億円 in thousand yen
                              // From 99,995千円 the 万円 figure would round to 10,000万円: say 1億円 instead.
    if thousand_yen >= OKU - 5 {
        // One decimal below 100億, none above; integer arithmetic so that rounding is exact.
        // u128: no amount, however absurd, overflows here.
        let tenths = ((thousand_yen as u128 * 10 + OKU as u128 / 2) / OKU as u128) as u64;
        if tenths >= 1000 {
            format!("{}億円", grouped(tenths / 10))
        } else if tenths.is_multiple_of(10) {
            format!("{}億円", tenths / 10)
        } else {
            format!("{}.{}億円", tenths / 10, tenths % 10)
        }
    } else if thousand_yen >= 1_000 {
        // 1,000千円 = 100万円 and up: whole 万円.
        format!(
            "{}万円",
            grouped(thousand_yen / 10 + u64::from(thousand_yen % 10 >= 5))
        )
    } else if thousand_yen >= 10 {
        let tenths = thousand_yen; // thousand yen = tenths of 万円
        if tenths.is_multiple_of(10) {
            format!("{}万円", tenths / 10)
        } else {
            format!("{}.{}万円", tenths / 10, tenths % 10)
        }
    } else {
        format!("{}円", grouped(thousand_yen.saturating_mul(1000)))
    }
}

/// The same rounded amount for English readers: "¥3.74 billion", "¥24.2 million",
/// "¥424 thousand".
pub fn readable_en(thousand_yen: u64) -> String {
    // Thousand yen → yen at three significant digits, with the unit a reader expects.
    let yen = thousand_yen as u128 * 1000;
    let scaled = |unit: u128, name: &str| {
        let hundredths = (yen * 100 + unit / 2) / unit;
        let (whole, frac) = (hundredths / 100, hundredths % 100);
        let digits = if whole >= 100 {
            0
        } else if whole >= 10 {
            1
        } else {
            2
        };
        let text = match digits {
            0 => grouped(((yen * 10 / unit + 5) / 10) as u64),
            1 => {
                let tenths = (yen * 10 + unit / 2) / unit;
                trim_zero(format!("{}.{}", tenths / 10, tenths % 10))
            }
            _ => trim_zero(format!("{whole}.{frac:02}")),
        };
        format!("¥{text} {name}")
    };
    if yen >= 1_000_000_000 {
        scaled(1_000_000_000, "billion")
    } else if yen >= 1_000_000 {
        scaled(1_000_000, "million")
    } else {
        format!("¥{} thousand", grouped(thousand_yen))
    }
}

fn trim_zero(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// Exact figure for English readers: "¥24,200 thousand".
pub fn exact_en(thousand_yen: u64) -> String {
    format!("¥{} thousand", grouped(thousand_yen))
}

/// A share as a percentage with one decimal ("12.5%"); tiny shares say so instead of "0.0%".
pub fn share(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "–".into();
    }
    let tenths = (part as u128 * 1000 + whole as u128 / 2) / whole as u128;
    if tenths == 0 && part > 0 {
        "0.1%未満".into()
    } else {
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

/// An amount typed by a person: digits (全角 too), commas and spaces ignored. Anything else,
/// or an empty field, is no amount.
pub fn parse_input(text: &str) -> Option<u64> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let plain =
        !digits.is_empty() && digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit());
    plain.then(|| digits.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_amounts() {
        assert_eq!(parse_input("1,000"), Some(1000));
        assert_eq!(parse_input("１２３"), Some(123));
        assert_eq!(parse_input(" 5 "), Some(5));
        for bad in ["", "-5", "1e3", "12万", "9999999999999999"] {
            assert_eq!(parse_input(bad), None, "{bad}");
        }
    }

    #[test]
    fn grouping() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(3_739_426), "3,739,426");
        assert_eq!(exact(24_200), "24,200千円");
    }

    #[test]
    fn readable_amounts() {
        assert_eq!(readable(3_739_426), "37.4億円");
        assert_eq!(readable(1_450_000), "14.5億円");
        assert_eq!(readable(100_000), "1億円");
        assert_eq!(readable(99_995), "1億円");
        assert_eq!(readable(99_994), "9,999万円");
        assert_eq!(readable(99_999_999), "1,000億円");
        assert_eq!(readable(24_200), "2,420万円");
        assert_eq!(readable(1_000), "100万円");
        assert_eq!(readable(424), "42.4万円");
        assert_eq!(readable(80), "8万円");
        assert_eq!(readable(5), "5,000円");
        assert_eq!(readable(0), "0円");
        assert_eq!(readable(u64::MAX), "184,467,440,737,095億円");
    }

    #[test]
    fn readable_in_english() {
        assert_eq!(readable_en(3_739_426), "¥3.74 billion");
        assert_eq!(readable_en(466_103), "¥466 million");
        assert_eq!(readable_en(24_200), "¥24.2 million");
        assert_eq!(readable_en(1_000), "¥1 million");
        assert_eq!(readable_en(424), "¥424 thousand");
        assert_eq!(readable_en(0), "¥0 thousand");
        assert_eq!(exact_en(24_200), "¥24,200 thousand");
    }

    #[test]
    fn shares() {
        assert_eq!(share(1, 2), "50.0%");
        assert_eq!(share(508_532, 3_739_426), "13.6%");
        assert_eq!(share(80, 3_739_426), "0.1%未満");
        assert_eq!(share(0, 10), "0.0%");
        assert_eq!(share(5, 0), "–");
    }
}
