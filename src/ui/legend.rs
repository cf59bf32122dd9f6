//! The chart's legend, true to the level shown: the colours of the directions its cells belong
//! to (by direction, or measures of a department group, which keep their direction's colour);
//! for the department groups, that their colour carries no meaning. Joint (共管) groups get a
//! note naming their departments.

use crate::core::aggregate::{is_joint, joint_members, NodeKey};
use crate::core::chart::{direction_of, Level, Shape};
use crate::core::model::Budget;
use crate::core::present::colour;
use crate::core::present::strings::Strings;
use crate::core::view_state::{Drill, View};
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
    let (b, s, level) = (&props.budget, props.strings, &props.level);
    // Directions that colour a cell of this level, in the budget's order.
    let directions: Vec<_> = b
        .directions
        .iter()
        .filter(|d| {
            level
                .nodes
                .iter()
                .any(|n| direction_of(b, &n.key) == Some(d.id))
        })
        .collect();
    let caption = match (directions.is_empty(), props.view) {
        (true, _) => s.legend_departments,
        (false, View::Departments) => s.legend_lines_by_direction,
        (false, _) => s.legend,
    };
    // Joint groups shown as cells, or the joint group drilled into.
    let mut joint: Vec<Vec<String>> = level
        .nodes
        .iter()
        .filter_map(|n| match &n.key {
            NodeKey::DepartmentGroup(g) if is_joint(g) => Some(g.clone()),
            _ => None,
        })
        .collect();
    if let Some(Drill::DepartmentGroup(g)) = level.crumbs.last().map(|c| &c.drill) {
        if is_joint(g) && !joint.contains(g) {
            joint.push(g.clone());
        }
    }
    let note = |g: &Vec<String>| {
        let members = joint_members(b, g);
        // Which combinations the group's lines name, when they are not all the same.
        let sets = if members.len() > 1 {
            let sets: Vec<String> = members.iter().map(|(d, _)| d.join("・")).collect();
            s.paren(&format!(
                "{}{}{}",
                s.joint_sets,
                s.colon(),
                sets.join(" / ")
            ))
        } else {
            String::new()
        };
        format!(
            "{}{}{}{sets}",
            s.joint_note,
            s.colon(),
            g.join(s.list_sep())
        )
    };
    html! {
        <figure class="legend" aria-label={caption} data-view={if props.view == View::Departments { "departments" } else { "directions" }}>
            <figcaption>{ caption }</figcaption>
            if !directions.is_empty() {
            <ul>
                { for directions.iter().map(|d| html! {
                    <li key={d.id.0} class="direction" data-direction={d.id.0.to_string()}>
                        <span class="swatch" style={format!("background:{}", colour::css_colour(colour::direction_colour(b, d.id)))}></span>
                        { format!("{} {}", d.id.0, s.title(&d.title)) }
                    </li>
                }) }
            </ul>
            }
            { for joint.iter().map(|g| html! { <p class="joint-note" key={g.join(",")}>{ note(g) }</p> }) }
        </figure>
    }
}
