//! Animated transitions of the chart, as pictures between two layouts: drilling in zooms the
//! chosen cell out to fill the box while its children fade in, going up does the reverse, and a
//! new layout of the same level ("only the matches") moves each cell from its old rectangle to
//! its new one. Pure geometry over plain rectangles: the chart component runs the frames, draws
//! the labels only on the finished picture, and never waits for a transition to act on input.

use crate::core::present::colour::Rgb;
use crate::core::treemap::Rect;

/// Long enough to follow, short enough never to be waited for (under 300 ms).
pub const DURATION_MS: f64 = 260.0;

/// One rectangle of a picture: the node it draws (its DOM `data-key`), where, in which colour
/// and how opaque.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub key: String,
    pub rect: Rect,
    pub fill: Rgb,
    pub alpha: f64,
}

/// How the picture changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// The same level laid out anew: cells move by key, new ones fade in, gone ones fade out.
    Morph,
    /// Into the node with this key: its cell grows to the box, its children fade in inside it.
    Into(String),
    /// Up to the level holding the node with this key: the box shrinks into its cell.
    OutOf(String),
}

#[derive(Clone, Debug)]
pub struct Transition {
    pub from: Vec<Item>,
    pub to: Vec<Item>,
    pub kind: Kind,
    /// The chart's box.
    pub frame: Rect,
}

/// Slow in, slow out.
fn ease(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

fn lerp(a: f64, b: f64, t: f64) -> f64 {
    a + (b - a) * t
}

fn lerp_rect(a: &Rect, b: &Rect, t: f64) -> Rect {
    Rect::new(
        lerp(a.x0, b.x0, t),
        lerp(a.y0, b.y0, t),
        lerp(a.x1, b.x1, t),
        lerp(a.y1, b.y1, t),
    )
}

/// `r`, a rectangle of the box `from`, at the same place in the box `to`.
fn map_into(r: &Rect, from: &Rect, to: &Rect) -> Rect {
    let sx = if from.width() > 0.0 {
        to.width() / from.width()
    } else {
        0.0
    };
    let sy = if from.height() > 0.0 {
        to.height() / from.height()
    } else {
        0.0
    };
    Rect::new(
        to.x0 + (r.x0 - from.x0) * sx,
        to.y0 + (r.y0 - from.y0) * sy,
        to.x0 + (r.x1 - from.x0) * sx,
        to.y0 + (r.y1 - from.y0) * sy,
    )
}

impl Transition {
    /// The picture at `t` (0: the start, 1: the end), back to front.
    pub fn at(&self, t: f64) -> Vec<Item> {
        let p = ease(t);
        let find = |items: &[Item], key: &str| items.iter().find(|i| i.key == key).cloned();
        let mut out = Vec::with_capacity(self.from.len() + self.to.len());
        match &self.kind {
            Kind::Morph => {
                for old in &self.from {
                    if find(&self.to, &old.key).is_none() {
                        out.push(Item {
                            alpha: old.alpha * (1.0 - p),
                            ..old.clone()
                        });
                    }
                }
                for new in &self.to {
                    out.push(match find(&self.from, &new.key) {
                        Some(old) => Item {
                            rect: lerp_rect(&old.rect, &new.rect, p),
                            alpha: lerp(old.alpha, new.alpha, p),
                            ..new.clone()
                        },
                        None => Item {
                            alpha: new.alpha * p,
                            ..new.clone()
                        },
                    });
                }
            }
            Kind::Into(key) => {
                let chosen = find(&self.from, key);
                let start = chosen.as_ref().map_or(self.frame, |c| c.rect);
                let zoom = lerp_rect(&start, &self.frame, p);
                for old in self.from.iter().filter(|i| &i.key != key) {
                    out.push(Item {
                        alpha: old.alpha * (1.0 - p),
                        ..old.clone()
                    });
                }
                if let Some(c) = chosen {
                    out.push(Item {
                        rect: zoom,
                        alpha: 1.0,
                        ..c
                    });
                }
                for new in &self.to {
                    out.push(Item {
                        rect: map_into(&new.rect, &self.frame, &zoom),
                        alpha: new.alpha * p,
                        ..new.clone()
                    });
                }
            }
            Kind::OutOf(key) => {
                let parent = find(&self.to, key);
                let end = parent.as_ref().map_or(self.frame, |c| c.rect);
                let zoom = lerp_rect(&self.frame, &end, p);
                for new in self.to.iter().filter(|i| &i.key != key) {
                    out.push(Item {
                        alpha: new.alpha * p,
                        ..new.clone()
                    });
                }
                if let Some(c) = parent {
                    out.push(Item { rect: zoom, ..c });
                }
                for old in &self.from {
                    out.push(Item {
                        rect: map_into(&old.rect, &self.frame, &zoom),
                        alpha: old.alpha * (1.0 - p),
                        ..old.clone()
                    });
                }
            }
        }
        out
    }
}
