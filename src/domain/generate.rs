//! Synthetic workspaces of any size, for benchmarks and scale tests.
//!
//! Deterministic (the same size and seed give the same workspace) and
//! varied enough to exercise every indicator, but *not* the workshop demo:
//! these numbers match nothing published and are never shown to users as
//! data.

use chrono::NaiveDate;

use crate::domain::decimal::Decimal;
use crate::domain::unit::{
    GroupConditions, KeyManager, ManagerRole, OperatingStatus, Qualification, Recognition,
    StatusChange, Unit, UnitKind, YearRecord,
};
use crate::domain::workspace::{CityYear, Workspace};

/// SplitMix64: a tiny, well-known generator; plenty for synthetic data.
pub(crate) struct SplitMix(pub(crate) u64);

impl SplitMix {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub(crate) fn date(&mut self, from_year: i32, years: u64) -> NaiveDate {
        let start = NaiveDate::from_ymd_opt(from_year, 1, 1).unwrap_or(NaiveDate::MIN);
        start + chrono::Days::new(self.below(years * 365))
    }
}

/// A workspace with `units` units and records for 2016–2020.
pub fn synthetic_workspace(units: usize, seed: u64) -> Workspace {
    generate(units, seed, &|_, drawn| drawn)
}

/// The country's scale (issue 14): `cooperatives` cooperatives (hợp tác
/// xã, their unions and people's credit funds, in the usual mix) and then
/// `groups` cooperative groups (tổ hợp tác), records for 2016–2020.
/// Viet Nam has about 30,000 and 80,000.
pub fn national_workspace(cooperatives: usize, groups: usize, seed: u64) -> Workspace {
    generate(
        cooperatives + groups,
        seed,
        &|index, drawn| match (index < cooperatives, drawn) {
            (true, UnitKind::Tht) => UnitKind::Htx,
            (true, kind) => kind,
            (false, _) => UnitKind::Tht,
        },
    )
}

/// `units` units; `kind` picks each one's kind from its index and the kind
/// drawn (for `synthetic_workspace`, the kind drawn).
fn generate(units: usize, seed: u64, kind: &dyn Fn(usize, UnitKind) -> UnitKind) -> Workspace {
    let mut rng = SplitMix(seed);
    let mut workspace = Workspace::new(
        format!("synthetic-{units}-{seed}"),
        format!("Synthetic {units}"),
    );
    let districts = workspace.plan.districts.clone();
    let sectors: Vec<String> = workspace
        .plan
        .sectors
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let roles = ManagerRole::ALL;
    let qualifications = Qualification::ALL;
    let mut total_value_added = [0i64; 5];

    for index in 0..units {
        let drawn = match rng.below(100) {
            0..=54 => UnitKind::Htx,
            55 => UnitKind::Lhhtx,
            56..=62 => UnitKind::Qtdnd,
            _ => UnitKind::Tht,
        };
        let kind = kind(index, drawn);
        let mut unit = Unit::new(format!("u{index}"), format!("Đơn vị {index}"), kind);
        unit.registration_code = format!("0200{index:06}");
        unit.district = districts[rng.below(districts.len() as u64) as usize].clone();
        unit.sector = sectors[rng.below(sectors.len() as u64) as usize].clone();
        let founded = rng.date(1995, 24);
        unit.founded = Some(founded);
        if kind.is_cooperative()
            && founded < NaiveDate::from_ymd_opt(2013, 7, 1).unwrap_or(NaiveDate::MIN)
        {
            unit.reorganisation.required = true;
            if rng.chance(85) {
                unit.reorganisation.completed_on = Some(rng.date(2014, 6));
            }
        }
        if rng.chance(12) {
            // Stopped after it was founded (and after a month of work).
            let since = rng.date(2015, 4).max(founded + chrono::Days::new(30));
            unit.status_history.push(StatusChange {
                status: OperatingStatus::Inactive,
                since,
            });
            if rng.chance(60) {
                let dissolved = since + chrono::Days::new(rng.below(900) + 1);
                unit.status_history.push(StatusChange {
                    status: OperatingStatus::Dissolved,
                    since: dissolved,
                });
            }
        }
        if kind == UnitKind::Tht {
            unit.group = Some(GroupConditions {
                contract_authenticated: rng.chance(80),
                meets_legal_conditions: rng.chance(70),
            });
        } else if rng.chance(3) {
            let year = 2018 + rng.below(3) as i32;
            unit.recognitions.push(Recognition {
                year,
                decision: format!("QĐ {index}/QĐ-UBND"),
                date: None,
            });
        }
        let base_value_added = 200 + rng.below(3000) as i64;
        for (offset, year) in (2016..=2020).enumerate() {
            let growth = 100 + offset as i64 * 8 + rng.below(10) as i64;
            let value_added = base_value_added * growth / 100;
            total_value_added[offset] += value_added;
            let staff = rng.below(30) as i64;
            let managers = if kind.is_cooperative() {
                roles
                    .iter()
                    .map(|role| KeyManager {
                        role: *role,
                        qualification: qualifications[rng.below(5) as usize],
                        trained: rng.chance(35 + offset as u64 * 8),
                        name: String::new(),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            unit.years.push(YearRecord {
                year,
                members: Some(7 + rng.below(800) as i64),
                regular_workers: Some(rng.below(60) as i64),
                revenue: Some(Decimal::from_i64(value_added * 3)),
                value_added: Some(Decimal::from_i64(value_added)),
                staff: Some(staff),
                staff_trained: Some(staff - rng.below(staff as u64 + 1) as i64 / 2),
                key_managers: managers,
                ..YearRecord::default()
            });
        }
        workspace.units.push(unit);
    }
    for (offset, year) in (2016..=2020).enumerate() {
        // GRDP sized so that the collective share lands near the plan's 1 %.
        let grdp = total_value_added[offset].max(1) * 110;
        workspace.city_years.push(CityYear {
            year,
            grdp_current_prices: Some(Decimal::from_i64(grdp)),
            extra_collective_value_added: None,
        });
    }
    workspace
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Benchmarks import what they generate: it must be valid data.
    #[test]
    fn synthetic_workspaces_validate_without_errors() {
        for seed in [7, 42] {
            let workspace = synthetic_workspace(2_000, seed);
            let report = crate::domain::validation::validate_workspace(&workspace);
            let errors: Vec<_> = report.errors().take(3).collect();
            assert!(errors.is_empty(), "seed {seed}: {errors:?}");
        }
    }

    #[test]
    fn the_national_workspace_has_the_cooperatives_then_the_groups_asked_for() {
        let workspace = national_workspace(300, 800, 42);
        let groups = workspace
            .units
            .iter()
            .filter(|u| u.kind == UnitKind::Tht)
            .count();
        assert_eq!((workspace.units.len(), groups), (1_100, 800));
        assert!(workspace.units[..300]
            .iter()
            .all(|u| u.kind.is_cooperative()));
        assert!(workspace.units[300..].iter().all(|u| u.group.is_some()));
        let report = crate::domain::validation::validate_workspace(&workspace);
        let errors: Vec<_> = report.errors().take(3).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
}
