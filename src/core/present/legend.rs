//! What the chart's legend says for a level, in one place for the legend under the chart and the
//! chart picture's frame: the colours of the directions its cells belong to (by direction, or
//! measures of a department group, which keep their direction's colour); for the department
//! groups, that their colour carries no meaning; a note per joint (共管) group naming its
//! departments.

use super::colour::{self, Rgb};
use super::strings::Strings;
use crate::core::aggregate::{is_joint, joint_members, NodeKey};
use crate::core::chart::{direction_of, Level};
use crate::core::model::{Budget, DirectionId};
use crate::core::view_state::{Drill, View};

/// One direction's colour and its name: "2 地域経済の…".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Swatch {
    pub direction: DirectionId,
    pub colour: Rgb,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Legend {
    /// What the colours mean (or that they mean nothing).
    pub caption: &'static str,
    /// The directions that colour a cell of the level, in the budget's order.
    pub swatches: Vec<Swatch>,
    /// One note per joint group shown as a cell, or drilled into.
    pub joint_notes: Vec<String>,
}

/// The legend of `level` as shown in `view`.
pub fn legend(budget: &Budget, level: &Level, view: View, s: &Strings) -> Legend {
    let swatches: Vec<Swatch> = budget
        .directions
        .iter()
        .filter(|d| {
            level
                .nodes
                .iter()
                .any(|n| direction_of(budget, &n.key) == Some(d.id))
        })
        .map(|d| Swatch {
            direction: d.id,
            colour: colour::direction_colour(budget, d.id),
            text: format!("{} {}", d.id.0, s.title(&d.title)),
        })
        .collect();
    let caption = match (swatches.is_empty(), view) {
        (true, _) => s.legend_departments,
        (false, View::Departments) => s.legend_lines_by_direction,
        (false, _) => s.legend,
    };
    let mut joint: Vec<&Vec<String>> = level
        .nodes
        .iter()
        .filter_map(|n| match &n.key {
            NodeKey::DepartmentGroup(g) if is_joint(g) => Some(g),
            _ => None,
        })
        .collect();
    if let Some(Drill::DepartmentGroup(g)) = level.crumbs.last().map(|c| &c.drill) {
        if is_joint(g) && !joint.contains(&g) {
            joint.push(g);
        }
    }
    let joint_notes = joint.iter().map(|g| joint_note(budget, g, s)).collect();
    Legend {
        caption,
        swatches,
        joint_notes,
    }
}

/// 「共管（複数の課が共同で担当）：A・B（担当の組み合わせ：A・B / A・B・C）」: the combinations
/// only when the group's lines do not all name the same departments.
fn joint_note(budget: &Budget, group: &[String], s: &Strings) -> String {
    let members = joint_members(budget, group);
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
        group.join(s.list_sep())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::chart::level;
    use crate::core::embedded_budget;
    use crate::core::filter::Selection;
    use crate::core::model::InitiativeId;
    use crate::core::present::strings::{EN, JA};

    #[test]
    fn directions_at_the_top_one_direction_drilled_none_for_department_groups() {
        let b = embedded_budget().unwrap();
        let all = Selection::all(&b);
        let top = level(&b, &all, false, View::Directions, &Drill::Top, 0, "");
        let l = legend(&b, &top, View::Directions, &JA);
        assert_eq!(l.caption, JA.legend);
        assert_eq!(l.swatches.len(), b.directions.len());
        assert!(l.swatches[0].text.starts_with("1 "), "{:?}", l.swatches[0]);
        assert!(l.joint_notes.is_empty());
        let en = legend(&b, &top, View::Directions, &EN);
        assert_eq!(
            en.swatches[0].text,
            format!("1 {}", EN.title(&b.directions[0].title))
        );
        assert_ne!(en.swatches[0].text, l.swatches[0].text, "titles in English");

        let i4 = level(
            &b,
            &all,
            false,
            View::Directions,
            &Drill::Initiative(InitiativeId(4)),
            0,
            "",
        );
        let l = legend(&b, &i4, View::Directions, &JA);
        let d = b.initiative(InitiativeId(4)).unwrap().direction;
        assert_eq!(
            l.swatches.iter().map(|s| s.direction).collect::<Vec<_>>(),
            [d]
        );
        assert_eq!(l.swatches[0].colour, colour::direction_colour(&b, d));

        let groups = level(&b, &all, false, View::Departments, &Drill::Top, 0, "");
        let l = legend(&b, &groups, View::Departments, &JA);
        assert_eq!(l.caption, JA.legend_departments);
        assert!(l.swatches.is_empty());
        // The real data has joint groups at the top of the department view, each noted.
        let joint = groups
            .nodes
            .iter()
            .filter(|n| matches!(&n.key, NodeKey::DepartmentGroup(g) if is_joint(g)))
            .count();
        assert!(joint > 0);
        assert_eq!(l.joint_notes.len(), joint);
        assert!(l.joint_notes.iter().all(|n| n.starts_with(JA.joint_note)));
    }
}
