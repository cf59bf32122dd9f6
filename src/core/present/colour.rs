//! The chart's colours: which fill a cell gets, and which ink its label gets on that fill. The
//! app's chart and legend, and the sharing image drawn at build time, all take them from here.

use crate::core::aggregate::NodeKey;
use crate::core::chart::direction_of;
use crate::core::model::{Budget, DirectionId};

/// An sRGB colour.
pub type Rgb = (u8, u8, u8);

/// Okabe–Ito colours (safe for the common colour-vision deficiencies), one per direction, in the
/// budget's direction order (a ninth direction starts the list again).
pub const DIRECTION_COLOURS: [Rgb; 8] = [
    (230, 159, 0),   // orange
    (86, 180, 233),  // sky blue
    (0, 158, 115),   // bluish green
    (240, 228, 66),  // yellow
    (204, 121, 167), // reddish purple
    (213, 94, 0),    // vermillion
    (0, 114, 178),   // blue
    (153, 153, 153), // grey
];
/// Department groups span directions: a neutral colour.
pub const GROUP_COLOUR: Rgb = (190, 203, 216);
/// 「その他」 is neither a direction nor a group: plain grey, told apart from both.
pub const OTHERS_COLOUR: Rgb = (208, 208, 208);
/// How far neighbouring cells of one direction are mixed towards white, in turn.
pub const DIRECTION_SHADES: [f64; 3] = [0.0, 0.22, 0.4];
/// The same for department groups (their base is lighter, so the steps are wider).
pub const GROUP_SHADES: [f64; 3] = [0.0, 0.3, 0.55];
/// Dark text and outlines on the chart (a label is this or white, whichever reads on its fill).
pub const INK: Rgb = (17, 17, 17);
/// WCAG 2 AA for normal text: a label is dark only where it reaches this contrast.
pub const MIN_CONTRAST: f64 = 4.5;

/// A direction's colour, by its place in the budget.
pub fn direction_colour(budget: &Budget, d: DirectionId) -> Rgb {
    let at = budget
        .directions
        .iter()
        .position(|x| x.id == d)
        .unwrap_or(0);
    DIRECTION_COLOURS[at % DIRECTION_COLOURS.len()]
}

/// The colour of the `index`-th cell of one direction below the direction itself (its
/// initiatives or measures): the direction's colour, lightened in turn so neighbours stay apart.
pub fn direction_shade(base: Rgb, index: usize) -> Rgb {
    lighten(base, DIRECTION_SHADES[index % DIRECTION_SHADES.len()])
}

/// The fill of the `index`-th cell of a level: a direction in its colour, what lies under a
/// direction in a shade of it, a department group in a neutral shade, 「その他」 grey.
pub fn fill_for(budget: &Budget, key: &NodeKey, index: usize) -> Rgb {
    if *key == NodeKey::Others {
        return OTHERS_COLOUR;
    }
    match direction_of(budget, key) {
        Some(d) => {
            let base = direction_colour(budget, d);
            match key {
                NodeKey::Direction(_) => base,
                _ => direction_shade(base, index),
            }
        }
        None => lighten(GROUP_COLOUR, GROUP_SHADES[index % GROUP_SHADES.len()]),
    }
}

/// `rgb(r,g,b)` for a style attribute.
pub fn css_colour((r, g, b): Rgb) -> String {
    format!("rgb({r},{g},{b})")
}

/// Mixes towards white by `amount` (0: unchanged, 1: white).
pub fn lighten((r, g, b): Rgb, amount: f64) -> Rgb {
    let mix = |c: u8| (f64::from(c) + (255.0 - f64::from(c)) * amount).round() as u8;
    (mix(r), mix(g), mix(b))
}

/// WCAG relative luminance of an sRGB colour.
fn luminance((r, g, b): Rgb) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Label colour on a cell: the dark `ink` where it reaches 4.5:1 on `fill`, else white.
pub fn text_on(fill: Rgb, ink: Rgb) -> Rgb {
    if contrast(fill, ink) >= MIN_CONTRAST {
        ink
    } else {
        (255, 255, 255)
    }
}

// wave3 highlight
/// A cell that does not match the filters loses most of its colour (`DESATURATE` of the way to
/// its grey) and is mixed `DIM` of the way towards the page behind the chart: still there, its
/// hue still faintly told, but plainly set back from the coloured matches (a light shade of a
/// match stays coloured).
pub const DESATURATE: f64 = 0.6;
pub const DIM: f64 = 0.6;
/// A dimmed cell's label: quieter than `INK`, still AA on every dimmed fill of a light page.
pub const DIM_INK: Rgb = (85, 85, 85);

/// A dimmed cell's label colour: the quieter ink where it reaches AA, else as on any cell.
pub fn dimmed_text_on(fill: Rgb) -> Rgb {
    if contrast(fill, DIM_INK) >= MIN_CONTRAST {
        DIM_INK
    } else {
        text_on(fill, INK)
    }
}

/// A non-matching cell's fill on a page of colour `background`.
pub fn dimmed((r, g, b): Rgb, (br, bg, bb): Rgb) -> Rgb {
    let grey = 0.3 * f64::from(r) + 0.59 * f64::from(g) + 0.11 * f64::from(b);
    let mix = |c: u8, to: u8| {
        let c = f64::from(c) + (grey - f64::from(c)) * DESATURATE;
        (c + (f64::from(to) - c) * DIM).round() as u8
    };
    (mix(r, br), mix(g, bg), mix(b, bb))
}

// wave4 compare
/// The comparison's diverging scale, in classes (PuOr, told apart with the common colour-vision
/// deficiencies): purple for less, orange for more, near-white for no change. Classes by the
/// size of the change: under 20%, 20–50%, 50–100%, 100% or more. The darkest purple is darker
/// than PuOr's so that every class carries a label at AA (white or `INK`).
pub const CHANGE_LESS: [Rgb; 4] = [
    (216, 218, 235),
    (178, 171, 210),
    (115, 100, 160),
    (84, 39, 136),
];
pub const CHANGE_NONE: Rgb = (247, 247, 247);
pub const CHANGE_MORE: [Rgb; 4] = [
    (254, 224, 182),
    (253, 184, 99),
    (224, 130, 20),
    (179, 88, 6),
];
/// Where each class starts (percent of the earlier amount).
pub const CHANGE_CLASSES: [f64; 4] = [0.0, 20.0, 50.0, 100.0];
/// A measure new in the later file: a hue apart from the scale (hatched as well in the chart).
pub const CHANGE_NEW: Rgb = (1, 102, 94);
/// A side without an amount, so no change to show: grey (hatched as well in the chart).
pub const CHANGE_UNKNOWN: Rgb = (200, 200, 200);

/// The fill for a change of `percent` of the earlier amount.
pub fn change_fill(percent: f64) -> Rgb {
    if percent == 0.0 {
        return CHANGE_NONE;
    }
    let class = CHANGE_CLASSES
        .iter()
        .rposition(|&from| percent.abs() >= from)
        .unwrap_or(0);
    if percent < 0.0 {
        CHANGE_LESS[class]
    } else {
        CHANGE_MORE[class]
    }
}

#[cfg(test)]
mod change_tests {
    use super::*;

    #[test]
    fn the_change_scale_diverges_and_labels_read_on_it() {
        assert_eq!(change_fill(0.0), CHANGE_NONE);
        assert_eq!(change_fill(-3.0), CHANGE_LESS[0]);
        assert_eq!(change_fill(19.9), CHANGE_MORE[0]);
        assert_eq!(change_fill(20.0), CHANGE_MORE[1]);
        assert_eq!(change_fill(-100.0), CHANGE_LESS[3]);
        assert_eq!(change_fill(250.0), CHANGE_MORE[3]);
        // Darker the larger the change, on both sides.
        for side in [CHANGE_LESS, CHANGE_MORE] {
            assert!(luminance(CHANGE_NONE) > luminance(side[0]));
            assert!(side.windows(2).all(|w| luminance(w[0]) > luminance(w[1])));
        }
        let mut fills = vec![CHANGE_NONE, CHANGE_NEW, CHANGE_UNKNOWN];
        fills.extend(CHANGE_LESS.iter().chain(&CHANGE_MORE));
        for fill in fills {
            assert!(
                contrast(fill, text_on(fill, INK)) >= MIN_CONTRAST,
                "{fill:?}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::aggregate::NodeKey;
    use crate::core::embedded_budget;
    use crate::core::model::{InitiativeId, LineId};

    const WHITE: Rgb = (255, 255, 255);

    #[test]
    fn contrast_is_the_wcag_ratio() {
        assert!((contrast((0, 0, 0), WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(INK, INK) - 1.0).abs() < 1e-9);
        assert_eq!(contrast(INK, WHITE), contrast(WHITE, INK));
        // #767676 on white is the well-known lightest grey that passes AA (4.54:1).
        let grey = contrast((118, 118, 118), WHITE);
        assert!((4.5..4.6).contains(&grey), "{grey}");
    }

    #[test]
    fn labels_keep_contrast_on_every_fill() {
        assert_eq!(text_on((240, 228, 66), INK), INK); // yellow
        assert_eq!(text_on((0, 158, 115), INK), INK); // bluish green, 6:1
        assert_eq!(text_on((0, 114, 178), INK), WHITE); // blue: 3.6:1 with ink
                                                        // Every fill the chart can give reaches AA with the label colour chosen for it, or else
                                                        // white is at least the better of the two.
        let mut fills: Vec<Rgb> = vec![OTHERS_COLOUR];
        for c in DIRECTION_COLOURS {
            fills.extend(DIRECTION_SHADES.iter().map(|&a| lighten(c, a)));
        }
        fills.extend(GROUP_SHADES.iter().map(|&a| lighten(GROUP_COLOUR, a)));
        for fill in fills {
            let label = text_on(fill, INK);
            let other = if label == INK { WHITE } else { INK };
            assert!(
                contrast(fill, label) >= MIN_CONTRAST
                    || contrast(fill, label) > contrast(fill, other),
                "{fill:?}"
            );
        }
    }

    #[test]
    fn lighten_mixes_towards_white() {
        assert_eq!(lighten((0, 114, 178), 0.0), (0, 114, 178));
        assert_eq!(lighten((0, 114, 178), 1.0), WHITE);
        // 0 + 255 × 0.4 = 102; 114 + 141 × 0.4 = 170.4; 178 + 77 × 0.4 = 208.8.
        assert_eq!(lighten((0, 114, 178), 0.4), (102, 170, 209));
        assert_eq!(direction_shade((0, 114, 178), 5), (102, 170, 209));
        assert_eq!(direction_shade((0, 114, 178), 3), (0, 114, 178));
    }

    #[test]
    fn the_palette_is_distinct_and_follows_the_directions() {
        let distinct: std::collections::BTreeSet<Rgb> = DIRECTION_COLOURS
            .iter()
            .flat_map(|&c| DIRECTION_SHADES.iter().map(move |&a| lighten(c, a)))
            .chain([OTHERS_COLOUR])
            .chain(GROUP_SHADES.iter().map(|&a| lighten(GROUP_COLOUR, a)))
            .collect();
        assert_eq!(distinct.len(), 8 * 3 + 1 + 3);

        let b = embedded_budget().unwrap();
        for (at, d) in b.directions.iter().enumerate() {
            assert_eq!(direction_colour(&b, d.id), DIRECTION_COLOURS[at]);
            assert_eq!(
                fill_for(&b, &NodeKey::Direction(d.id), 4),
                DIRECTION_COLOURS[at]
            );
        }
        // An initiative and a measure of 方向性2 (the second direction) in shades of its colour.
        let sky = DIRECTION_COLOURS[1];
        assert_eq!(
            fill_for(&b, &NodeKey::Initiative(InitiativeId(4)), 1),
            lighten(sky, 0.22)
        );
        let measure = NodeKey::Line(LineId::parse("4-5").unwrap());
        assert_eq!(fill_for(&b, &measure, 2), lighten(sky, 0.4));
        assert_eq!(fill_for(&b, &NodeKey::Others, 0), OTHERS_COLOUR);
        let group = NodeKey::DepartmentGroup(vec!["商業金融課".into()]);
        assert_eq!(fill_for(&b, &group, 1), lighten(GROUP_COLOUR, 0.3));
        assert_eq!(css_colour((0, 114, 178)), "rgb(0,114,178)");
    }

    // wave3 highlight
    #[test]
    fn dimmed_cells_stay_readable_and_apart_from_the_matches() {
        // Orange (230, 159, 0): grey 0.3 × 230 + 0.59 × 159 = 162.81; 60% of the way there gives
        // (189.686, 161.286, 97.686); 60% of the way to white (228.874, 217.514, 192.074), to
        // the dark page (86.674, 75.314, 49.874).
        assert_eq!(dimmed((230, 159, 0), WHITE), (229, 218, 192));
        assert_eq!(dimmed((230, 159, 0), (18, 18, 18)), (87, 75, 50));
        assert_eq!(dimmed_text_on((229, 218, 192)), DIM_INK);
        assert_eq!(dimmed_text_on((87, 75, 50)), WHITE);
        let mut fills: Vec<Rgb> = vec![OTHERS_COLOUR];
        for c in DIRECTION_COLOURS {
            fills.extend(DIRECTION_SHADES.iter().map(|&a| lighten(c, a)));
        }
        fills.extend(GROUP_SHADES.iter().map(|&a| lighten(GROUP_COLOUR, a)));
        for fill in &fills {
            for background in [WHITE, (18, 18, 18)] {
                let dim = dimmed(*fill, background);
                // Its label still reaches AA, and it is nearer the page than the fill was.
                assert!(
                    contrast(dim, dimmed_text_on(dim)) >= MIN_CONTRAST,
                    "{fill:?}"
                );
                assert!(contrast(dim, background) < contrast(*fill, background) || *fill == dim);
            }
        }
    }
}
