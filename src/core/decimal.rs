//! Decimal text of a float (coordinates, font sizes, percentages) by integer arithmetic, so that
//! the app's module links none of the standard library's float formatting (about 9 KB of wasm:
//! Grisu and Dragon with their tables). [`fixed`] writes exactly what `format!("{:.N}", v)`
//! writes (tested against it), rounding the exact binary value half to even as it does.

/// The largest number of decimals written: more than any picture needs.
pub const MAX_PLACES: u32 = 6;

/// `v` with `places` decimals (at most [`MAX_PLACES`]), as `format!("{v:.places$}")` writes it:
/// "12.0", "-0.5", "3". Magnitudes from 2^100 up (never a coordinate or a share) are written as
/// "inf"; NaN as "NaN".
pub fn fixed(v: f64, places: u32) -> String {
    let places = places.min(MAX_PLACES);
    if v.is_nan() {
        return "NaN".into();
    }
    let negative = v.is_sign_negative();
    let sign = if negative { "-" } else { "" };
    let magnitude = v.abs();
    if magnitude >= 1.267_650_600_228_229_4e30 {
        return format!("{sign}inf");
    }
    // |v| = m × 2^e exactly.
    let bits = magnitude.to_bits();
    let (exponent, fraction) = ((bits >> 52) as i32, bits & ((1 << 52) - 1));
    let (m, e) = if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, exponent - 1075)
    };
    // |v| × 10^places, rounded half to even: below 2^53 × 10^6 × 2^47 < 2^128.
    let n = u128::from(m) * 10u128.pow(places);
    let scaled = if e >= 0 {
        n << e
    } else if -e >= 127 {
        0
    } else {
        let k = -e as u32;
        let (q, r) = (n >> k, n & ((1u128 << k) - 1));
        let half = 1u128 << (k - 1);
        if r > half || (r == half && q & 1 == 1) {
            q + 1
        } else {
            q
        }
    };
    let digits = scaled.to_string();
    let places = places as usize;
    if places == 0 {
        return format!("{sign}{digits}");
    }
    let digits = format!("{digits:0>width$}", width = places + 1);
    let (whole, decimals) = digits.split_at(digits.len() - places);
    format!("{sign}{whole}.{decimals}")
}

/// `v` to `places` decimals without trailing zeros: "12", "12.5", "0.125". For positions and
/// sizes in CSS and SVG, where a thousandth of a pixel is below what shows.
pub fn short(v: f64, places: u32) -> String {
    let text = fixed(v + 0.0, places);
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// A CSS computed length such as `14px` or `13.75px`, in px (0 for anything else). By hand: `str::parse`
/// for `f64` brings the float parser into the wasm, 17 KB of gzip for this one use.
pub fn px_length(value: &str) -> f64 {
    let Some(number) = value.trim().strip_suffix("px") else {
        return 0.0;
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) {
        return 0.0;
    }
    let mut px = 0.0;
    for b in whole.bytes() {
        px = px * 10.0 + f64::from(b - b'0');
    }
    let mut scale = 0.1;
    for b in fraction.bytes() {
        px += f64::from(b - b'0') * scale;
        scale /= 10.0;
    }
    px
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fixed_writes_what_the_float_formatter_writes() {
        let values = [
            0.0,
            -0.0,
            0.05,
            0.15,
            0.25,
            0.35,
            0.45,
            1.5,
            2.5,
            -2.5,
            0.125,
            0.375,
            12.0,
            99.95,
            99.949_999,
            100.0,
            1e-7,
            -1e-7,
            5e-324,
            1234.5678,
            1e15,
            3.0e20,
            0.1 + 0.2,
            2.675,
            1.005,
            358.0 / 3.0,
            675.0 / 7.0,
        ];
        for v in values {
            for places in 0..=MAX_PLACES {
                let p = places as usize;
                assert_eq!(fixed(v, places), format!("{v:.p$}"), "{v} to {places}");
            }
        }
        assert_eq!(fixed(f64::NAN, 1), "NaN");
        assert_eq!(fixed(f64::INFINITY, 1), "inf");
        assert_eq!(fixed(f64::NEG_INFINITY, 0), "-inf");
    }

    #[test]
    fn short_drops_trailing_zeros_only() {
        assert_eq!(short(12.0, 3), "12");
        assert_eq!(short(12.5, 3), "12.5");
        assert_eq!(short(0.1 + 0.2, 3), "0.3");
        assert_eq!(short(-0.0, 2), "0");
        assert_eq!(short(-0.0001, 2), "0");
        assert_eq!(short(-1.25, 1), "-1.2");
        assert_eq!(short(100.0, 0), "100");
        // The shortest text of a value already rounded to hundredths is these digits.
        for h in 0..=10_000 {
            let v = f64::from(h) / 100.0;
            assert_eq!(short(v, 2), format!("{v}"), "{h}");
        }
    }

    proptest! {
        #[test]
        fn fixed_agrees_with_the_formatter_everywhere_below_the_limit(
            v in -1e12f64..1e12, places in 0..=MAX_PLACES,
        ) {
            let p = places as usize;
            prop_assert_eq!(fixed(v, places), format!("{v:.p$}"));
        }

        #[test]
        fn and_on_small_and_tied_values(k in -100_000i64..100_000, shift in 0u32..12) {
            // k / 2^shift: every tie of every number of places is among these.
            let v = k as f64 / f64::from(1u32 << shift);
            for places in 0..=MAX_PLACES {
                let p = places as usize;
                prop_assert_eq!(fixed(v, places), format!("{v:.p$}"));
            }
        }
    }

    #[test]
    fn px_lengths_are_read_and_anything_else_is_zero() {
        assert_eq!(px_length("14px"), 14.0);
        assert_eq!(px_length(" 2px "), 2.0);
        assert!((px_length("13.75px") - 13.75).abs() < 1e-9);
        assert_eq!(px_length("0px"), 0.0);
        for odd in [
            "normal", "", "px", ".5px", "1e3px", "-2px", "14", "14 px", "1.2.3px", "１４px",
        ] {
            assert_eq!(px_length(odd), 0.0, "{odd:?}");
        }
    }
}
