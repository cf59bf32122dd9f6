//! Squarified treemap layout (Bruls, Huizing and van Wijk, 2000), with the target aspect ratio
//! as a parameter (the golden ratio by default, as d3-hierarchy does).
//!
//! Pure geometry in abstract units: the chart scales the result to pixels and places a button on
//! each rectangle it draws, so what is tapped is what was drawn (the browser does the hit-testing).

/// An axis-aligned rectangle, `x0 <= x1`, `y0 <= y1`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Self {
        Rect { x0, y0, x1, y1 }
    }
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
    pub fn area(&self) -> f64 {
        self.width() * self.height()
    }
}

/// The golden ratio, the default target aspect ratio.
pub const GOLDEN: f64 = 1.618_033_988_749_895;

/// Lays `values` out in `area`, in the order given (callers sort largest first; see `layout`).
/// Returns one rectangle per value, in input order; each has an area proportional to its value.
/// Zero, negative and non-finite values get empty rectangles; an all-zero input lays out nothing.
pub fn squarify(values: &[f64], area: Rect, ratio: f64) -> Vec<Rect> {
    let v: Vec<f64> = values
        .iter()
        .map(|&x| if x.is_finite() && x > 0.0 { x } else { 0.0 })
        .collect();
    let ratio = if ratio.is_finite() && ratio >= 1.0 {
        ratio
    } else {
        1.0
    };
    let mut out = vec![Rect::new(area.x0, area.y0, area.x0, area.y0); v.len()];
    let mut remaining: f64 = v.iter().sum();
    let mut free = area;
    let mut start = 0;
    while start < v.len() && remaining > 0.0 {
        let (w, h) = (free.width(), free.height());
        // The row starts with the next non-zero value (zeros before it ride along with no area).
        let mut end = start;
        let mut sum = 0.0;
        while end < v.len() && sum == 0.0 {
            sum += v[end];
            end += 1;
        }
        if sum == 0.0 {
            break;
        }
        let (mut lo, mut hi) = (sum, sum);
        // Worst aspect ratio of a row with this sum, smallest and largest value, scaled so that
        // the comparison needs no square roots.
        let scale = (h / w).max(w / h) / (remaining * ratio);
        let worst = |sum: f64, lo: f64, hi: f64| {
            let beta = sum * sum * scale;
            (hi / beta).max(beta / lo)
        };
        let mut best = worst(sum, lo, hi);
        while end < v.len() {
            let x = v[end];
            let candidate = worst(sum + x, lo.min(x), hi.max(x));
            if candidate > best {
                break;
            }
            sum += x;
            lo = lo.min(x);
            hi = hi.max(x);
            best = candidate;
            end += 1;
        }
        // The last row takes the rest exactly, so rounding never leaves a sliver or spills over.
        let last = end == v.len() || v[end..].iter().all(|&x| x == 0.0);
        let fraction = if last { 1.0 } else { sum / remaining };
        if w < h {
            // Tall space: the row spans the width along the top.
            let y1 = if last {
                free.y1
            } else {
                free.y0 + h * fraction
            };
            place_along(
                &v[start..end],
                sum,
                free.x0,
                free.x1,
                &mut out[start..end],
                |a, b| Rect::new(a, free.y0, b, y1),
            );
            free.y0 = y1;
        } else {
            // Wide space: the row spans the height along the left.
            let x1 = if last {
                free.x1
            } else {
                free.x0 + w * fraction
            };
            place_along(
                &v[start..end],
                sum,
                free.y0,
                free.y1,
                &mut out[start..end],
                |a, b| Rect::new(free.x0, a, x1, b),
            );
            free.x0 = x1;
        }
        remaining -= sum;
        start = end;
        if last {
            break;
        }
    }
    out
}

/// Splits the span `from..to` between `values` in proportion, the last one ending exactly at `to`.
fn place_along(
    values: &[f64],
    sum: f64,
    from: f64,
    to: f64,
    out: &mut [Rect],
    make: impl Fn(f64, f64) -> Rect,
) {
    let mut at = from;
    let last_nonzero = values.iter().rposition(|&x| x > 0.0);
    for (i, &x) in values.iter().enumerate() {
        let next = if Some(i) == last_nonzero {
            to
        } else {
            at + (to - from) * x / sum
        };
        out[i] = make(at, next);
        at = next;
    }
}

/// Lays out values largest first (ties keep input order, so the result is deterministic) and
/// returns rectangles in input order.
pub fn layout(values: &[f64], area: Rect, ratio: f64) -> Vec<Rect> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    let key = |i: usize| {
        if values[i].is_finite() {
            values[i].max(0.0)
        } else {
            0.0
        }
    };
    order.sort_by(|&a, &b| key(b).total_cmp(&key(a)).then(a.cmp(&b)));
    let sorted: Vec<f64> = order.iter().map(|&i| values[i]).collect();
    let placed = squarify(&sorted, area, ratio);
    let mut out = vec![Rect::new(area.x0, area.y0, area.x0, area.y0); values.len()];
    for (rect, &i) in placed.into_iter().zip(&order) {
        out[i] = rect;
    }
    out
}

/// Arrow-key directions for moving between cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heading {
    Left,
    Right,
    Up,
    Down,
}

/// The cell an arrow key moves to from cell `from`: the nearest non-empty cell that lies wholly
/// on that side, preferring cells that overlap `from` across the direction of travel.
pub fn neighbour(rects: &[Rect], from: usize, heading: Heading) -> Option<usize> {
    let cur = rects.get(from)?;
    let eps = 1e-9;
    let score = |r: &Rect| -> Option<f64> {
        // Gap along the direction of travel, and how far apart they are across it.
        let (gap, lo, hi, clo, chi) = match heading {
            Heading::Right => (r.x0 - cur.x1, r.y0, r.y1, cur.y0, cur.y1),
            Heading::Left => (cur.x0 - r.x1, r.y0, r.y1, cur.y0, cur.y1),
            Heading::Down => (r.y0 - cur.y1, r.x0, r.x1, cur.x0, cur.x1),
            Heading::Up => (cur.y0 - r.y1, r.x0, r.x1, cur.x0, cur.x1),
        };
        if gap < -eps {
            return None;
        }
        let apart = (lo - chi).max(clo - hi).max(0.0);
        // Among touching cells, the one nearest the current cell's centre line.
        let centre_offset = ((lo + hi) / 2.0 - (clo + chi) / 2.0).abs();
        Some(gap.max(0.0) + 2.0 * apart + 0.001 * centre_offset)
    };
    rects
        .iter()
        .enumerate()
        .filter(|&(i, r)| i != from && r.area() > 0.0)
        .filter_map(|(i, r)| score(r).map(|s| (s, i)))
        .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
        .map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn round(r: &Rect) -> [f64; 4] {
        let f = |x: f64| (x * 100.0).round() / 100.0;
        [f(r.x0), f(r.y0), f(r.x1), f(r.y1)]
    }

    /// The example of Bruls et al. (also d3-hierarchy's squarify test), worked by hand:
    /// 6,6,4,3,2,2,1 (sum 24) in a 6×4 box. Wide box: 6,6 form a column of width 12/24·6 = 3.
    /// Left 3×4 is tall: 4,3 form a row across the top, height 7/12·4 = 2.33 (4 gets 3·4/7 = 1.71).
    /// Left 3×1.67 is wide: 2,2 form a column of width 4/5·3 = 2.4; adding 1 would make the row
    /// worse, so 1 takes the last 0.6×1.67.
    #[test]
    fn hand_checked_fixture() {
        let rects = squarify(
            &[6.0, 6.0, 4.0, 3.0, 2.0, 2.0, 1.0],
            Rect::new(0.0, 0.0, 6.0, 4.0),
            GOLDEN,
        );
        let got: Vec<[f64; 4]> = rects.iter().map(round).collect();
        assert_eq!(
            got,
            vec![
                [0.0, 0.0, 3.0, 2.0],
                [0.0, 2.0, 3.0, 4.0],
                [3.0, 0.0, 4.71, 2.33],
                [4.71, 0.0, 6.0, 2.33],
                [3.0, 2.33, 5.4, 3.17],
                [3.0, 3.17, 5.4, 4.0],
                [5.4, 2.33, 6.0, 4.0],
            ]
        );
    }

    #[test]
    fn degenerate_inputs() {
        let area = Rect::new(0.0, 0.0, 10.0, 5.0);
        assert!(squarify(&[], area, GOLDEN).is_empty());
        assert_eq!(squarify(&[7.0], area, GOLDEN), vec![area]);
        for r in squarify(&[0.0, 0.0], area, GOLDEN) {
            assert_eq!(r.area(), 0.0);
        }
        let r = squarify(&[0.0, 5.0, f64::NAN, -3.0, 5.0, 0.0], area, GOLDEN);
        assert_eq!(r.len(), 6);
        assert_eq!(
            [r[0].area(), r[2].area(), r[3].area(), r[5].area()],
            [0.0; 4]
        );
        assert!((r[1].area() - 25.0).abs() < 1e-9 && (r[4].area() - 25.0).abs() < 1e-9);
    }

    #[test]
    fn layout_sorts_but_answers_in_input_order() {
        let area = Rect::new(0.0, 0.0, 6.0, 4.0);
        let r = layout(&[1.0, 6.0, 2.0], area, GOLDEN);
        assert!((r[0].area() - 24.0 / 9.0).abs() < 1e-9);
        assert!((r[1].area() - 16.0).abs() < 1e-9);
        assert_eq!(r[1].x0, 0.0); // the largest is placed first, at the origin
    }

    #[test]
    fn arrow_keys_move_to_the_adjacent_cell() {
        // The hand-checked fixture: 0,1 stacked on the left; 2,3 top right; 4,5 stacked, 6 beside.
        let r = squarify(
            &[6.0, 6.0, 4.0, 3.0, 2.0, 2.0, 1.0],
            Rect::new(0.0, 0.0, 6.0, 4.0),
            GOLDEN,
        );
        use Heading::*;
        assert_eq!(neighbour(&r, 0, Down), Some(1));
        assert_eq!(neighbour(&r, 1, Up), Some(0));
        assert_eq!(neighbour(&r, 0, Right), Some(2));
        assert_eq!(neighbour(&r, 1, Right), Some(4)); // 2, 4 and 5 all touch; 4 is nearest the centre line
        assert_eq!(neighbour(&r, 2, Right), Some(3));
        assert_eq!(neighbour(&r, 3, Down), Some(6));
        assert_eq!(neighbour(&r, 4, Down), Some(5));
        assert_eq!(neighbour(&r, 5, Right), Some(6));
        assert_eq!(neighbour(&r, 0, Left), None);
        assert_eq!(neighbour(&r, 6, Right), None);
        assert_eq!(neighbour(&r, 9, Right), None);
    }

    fn overlap(a: &Rect, b: &Rect) -> f64 {
        let w = (a.x1.min(b.x1) - a.x0.max(b.x0)).max(0.0);
        let h = (a.y1.min(b.y1) - a.y0.max(b.y0)).max(0.0);
        w * h
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn rectangles_tile_the_area_in_proportion(
            values in prop::collection::vec(prop_oneof![Just(0.0), 0.001f64..1e6], 0..60),
            w in 1.0f64..2000.0,
            h in 1.0f64..2000.0,
            ratio in 1.0f64..3.0,
        ) {
            let area = Rect::new(10.0, 20.0, 10.0 + w, 20.0 + h);
            let rects = layout(&values, area, ratio);
            prop_assert_eq!(rects.len(), values.len());
            let total: f64 = values.iter().sum();
            let eps = 1e-9 * (w + h);
            for (i, r) in rects.iter().enumerate() {
                prop_assert!(r.x0 <= r.x1 && r.y0 <= r.y1, "inverted {:?}", r);
                prop_assert!(r.x0 >= area.x0 - eps && r.x1 <= area.x1 + eps, "outside {:?}", r);
                prop_assert!(r.y0 >= area.y0 - eps && r.y1 <= area.y1 + eps, "outside {:?}", r);
                if total > 0.0 {
                    // Area share equals value share, to 1e-6 of the whole.
                    let diff = (r.area() / area.area() - values[i] / total).abs();
                    prop_assert!(diff < 1e-6, "value {} area {:?} diff {}", values[i], r, diff);
                } else {
                    prop_assert_eq!(r.area(), 0.0);
                }
                for s in &rects[i + 1..] {
                    prop_assert!(overlap(r, s) <= 1e-9 * area.area(), "{:?} overlaps {:?}", r, s);
                }
            }
        }

        #[test]
        fn deterministic(values in prop::collection::vec(0.0f64..100.0, 0..30)) {
            let area = Rect::new(0.0, 0.0, 300.0, 200.0);
            prop_assert_eq!(layout(&values, area, GOLDEN), layout(&values, area, GOLDEN));
        }
    }
}
