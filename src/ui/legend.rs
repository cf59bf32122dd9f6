//! The chart's legend, true to the level shown (its content is `core::present::legend`'s, which
//! the chart picture's frame shows too).

use crate::core::chart::{Level, Shape};
use crate::core::model::Budget;
use crate::core::present::strings::Strings;
use crate::core::present::{colour, legend};
use crate::core::view_state::View;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct LegendProps {
    pub budget: Rc<Budget>,
    pub level: Rc<Level>,
    pub view: View,
    pub strings: &'static Strings,
}

/// The legend shows the level's cells and where it is, not what matches: a search leaves it be.
impl PartialEq for LegendProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.budget, &other.budget)
            && self.view == other.view
            && std::ptr::eq(self.strings, other.strings)
            && self.level.crumbs == other.level.crumbs
            && Shape(self.level.clone()) == Shape(other.level.clone())
    }
}

#[function_component]
pub fn Legend(props: &LegendProps) -> Html {
    let l = legend::legend(&props.budget, &props.level, props.view, props.strings);
    let caption = l.caption;
    html! {
        <figure class="legend" aria-label={caption} data-view={if props.view == View::Departments { "departments" } else { "directions" }}>
            <figcaption>{ caption }</figcaption>
            if !l.swatches.is_empty() {
            <ul>
                { for l.swatches.iter().map(|d| html! {
                    <li key={d.direction.0} class="direction" data-direction={d.direction.0.to_string()}>
                        <span class="swatch" style={format!("background:{}", colour::css_colour(d.colour))}></span>
                        { &d.text }
                    </li>
                }) }
            </ul>
            }
            { for l.joint_notes.iter().map(|n| html! { <p class="joint-note" key={n.clone()}>{ n }</p> }) }
        </figure>
    }
}
