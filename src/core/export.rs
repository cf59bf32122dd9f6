//! Writing a budget back out in the data contract's shape (the inverse of `validate::parse`).

use super::model::Budget;
use serde_json::{json, Value};

/// The budget as contract JSON, pretty-printed.
pub fn to_json(budget: &Budget) -> String {
    let m = &budget.meta;
    let value = json!({
        "meta": {
            "title": m.title, "city": m.city, "fiscal_year": m.fiscal_year, "era_year": m.era_year,
            "unit": m.unit, "as_of": m.as_of, "source": m.source, "priorities": m.priorities,
            "note": m.note,
        },
        "directions": budget.directions.iter()
            .map(|d| json!({ "id": d.id.0, "title": d.title }))
            .collect::<Vec<Value>>(),
        "initiatives": budget.initiatives.iter()
            .map(|i| json!({ "id": i.id.0, "direction": i.direction.0, "title": i.title }))
            .collect::<Vec<Value>>(),
        "projects": budget.measures.iter().map(|p| json!({
            "id": p.id.to_string(), "initiative": p.id.initiative.0, "number": p.id.number,
            "name": p.name, "departments": p.departments, "budget": p.budget,
            "key": p.marks.key, "new": p.marks.new, "covid": p.marks.covid,
            "relisted_of": p.relisted_of.map(|r| r.to_string()), "description": p.description,
        })).collect::<Vec<Value>>(),
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{embedded_budget, validate};

    #[test]
    fn embedded_budget_round_trips() {
        let b = embedded_budget().unwrap();
        assert_eq!(validate::parse(&to_json(&b)).unwrap(), b);
    }
}
