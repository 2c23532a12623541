//! The workshop's demonstration workspace: a city of cooperatives whose
//! aggregates equal what Hải Phòng published for mid-2019, and whose other
//! numbers are invented — and labelled so wherever they are shown.
//!
//! Generated deterministically: the same seed gives the same bytes, so a
//! trainer's room and a test see the same city. It exercises every target:
//! some met, some at risk, some missed, at different as-of dates.

use chrono::NaiveDate;

use crate::domain::decimal::Decimal;
use crate::domain::generate::SplitMix;
use crate::domain::unit::{
    GroupConditions, KeyManager, ManagerRole, OperatingStatus, Qualification, Recognition,
    StatusChange, Unit, UnitKind, YearRecord,
};
use crate::domain::workspace::{CityYear, Workspace};
use crate::i18n::{Lang, Text};

/// The demo's workspace id: one demo, kept apart from the user's own.
pub const DEMO_ID: &str = "demo";
/// The seed the app uses.
pub const DEMO_SEED: u64 = 135_2018;

/// Published figures the demo reproduces exactly (mid-2019, Hải Phòng).
pub mod published {
    /// Active cooperatives (HTX, the union and people's credit funds), by
    /// sector: the published breakdown sums to 341; the last one is put
    /// under "other". The published "nước sạch/VSMT" merges two of the
    /// plan's fields; its 8 are put under clean water.
    pub const BY_SECTOR: [(&str, u32); 9] = [
        ("nong-nghiep", 166),
        ("thuong-mai-dich-vu", 54),
        ("cong-nghiep", 49),
        ("tin-dung", 26),
        ("giao-thong-van-tai", 24),
        ("dich-vu-dien", 9),
        ("nuoc-sach", 8),
        ("xay-dung", 5),
        ("khac", 1),
    ];
    pub const COOPERATIVES: u32 = 342;
    pub const REQUIRED_TO_REORGANISE: u32 = 227;
    pub const REORGANISED: u32 = 208;
    pub const GROUPS: u32 = 204;
    pub const STOPPED: u32 = 49;
    pub const MEMBERS: i64 = 130_105;
    pub const REGULAR_WORKERS: i64 = 11_945;
    /// Average revenue per cooperative, millions of VND a year.
    pub const AVERAGE_REVENUE: i64 = 2_925;
    /// Average income of a regular worker, millions of VND a year.
    pub const AVERAGE_WORKER_INCOME: i64 = 60;
    /// The union (LHHTX): members, workers, revenue and income.
    pub const UNION: (i64, i64, i64, i64) = (4, 70, 1_300, 40);
    /// GRDP growth (constant prices) by year; 2018 is an estimate.
    pub const GRDP_GROWTH: [(i32, f64); 4] =
        [(2017, 0.1401), (2018, 0.16), (2019, 0.1668), (2020, 0.1122)];
}

/// One line of the demo's note: what a figure is, and whether it was
/// published or invented.
pub struct DemoFact {
    pub what: Text,
    pub published: bool,
    pub source: &'static str,
}

/// What the demo reproduces and what it invents, for the workshop page.
pub fn demo_facts() -> Vec<DemoFact> {
    let fact = |vi: &str, en: &str, published: bool, source: &'static str| DemoFact {
        what: Text::new(vi, en),
        published,
        source,
    };
    let city = "thanhphohaiphong.gov.vn (10/07/2019; ≈2019)";
    vec![
        fact("342 HTX, liên hiệp HTX và quỹ tín dụng nhân dân đang hoạt động, theo lĩnh vực (166 nông nghiệp, 54 thương mại – dịch vụ, 49 công nghiệp – TTCN gồm 1 liên hiệp, 26 quỹ tín dụng, 24 vận tải, 9 điện, 8 nước sạch – vệ sinh môi trường, công bố gộp và xếp vào \"nước sạch\", 5 xây dựng; 1 xếp vào \"khác\" vì số công bố cộng lại là 341)", "342 active cooperatives, one union and people's credit funds, by sector (166 agriculture, 54 trade and services, 49 industry and handicrafts with the union, 26 credit funds, 24 transport, 9 electricity, 8 clean water and sanitation, published together and put under \"clean water\", 5 construction; 1 under \"other\", as the published figures add up to 341)", true, city),
        fact("227 HTX phải chuyển đổi theo Luật 2012, 208 đã chuyển đổi (91,6%), 19 chưa", "227 cooperatives required to reorganise under the 2012 law, 208 done (91.6%), 19 not", true, city),
        fact("204 tổ hợp tác", "204 cooperative groups", true, "anhp.vn (31/07/2019)"),
        fact("49 HTX ngừng hoạt động (số công bố trước đó); số đã giải thể là minh họa", "49 cooperatives identified as stopped (an earlier published count); how many are dissolved is illustrative", true, "thoibaonganhang.vn"),
        fact("130.105 thành viên, 11.945 lao động thường xuyên, doanh thu bình quân 2.925 triệu đồng/HTX/năm, thu nhập bình quân 60 triệu đồng/lao động/năm (năm 2019)", "130,105 members, 11,945 regular workers, average revenue 2,925 million VND per cooperative a year, average worker income 60 million VND a year (2019)", true, city),
        fact("Tăng trưởng GRDP (giá so sánh, tăng trưởng thực) 2017 +14,01%, 2019 +16,68%, 2020 +11,22%; 2018 khoảng +16% (ước tính, chưa kiểm chứng)", "GRDP growth (constant prices, real growth) 2017 +14.01%, 2019 +16.68%, 2020 +11.22%; 2018 about +16% (an estimate, not verified)", true, "thongkehaiphong.gov.vn"),
        fact("Tên, mã số, quận huyện, ngày thành lập, cán bộ quản lý và trình độ, số liệu các năm khác 2019, giá trị gia tăng, GRDP theo giá hiện hành, giá trị gia tăng KTTT cấp thành phố, HTX điển hình: tự đặt ra để minh họa", "Names, codes, districts, founding dates, managers and their qualifications, figures of years other than 2019, value added, GRDP at current prices, city-level collective value added, exemplary cooperatives: invented for illustration", false, ""),
    ]
}

/// The day of the published figures the demo reproduces (T1 reads 208 of
/// 227 then): the demo opens at this as-of date, rather than at today's,
/// where every deadline of the plan has long passed.
pub fn published_as_of() -> NaiveDate {
    day(2019, 7, 31)
}

/// The line above the dashboard while the demo is open: the date of its
/// published figures, and the words of a button back to that date when the
/// as-of date is another.
pub fn as_of_note(as_of: NaiveDate, lang: Lang) -> (String, Option<String>) {
    let published = crate::i18n::format::format_date(published_as_of(), lang);
    if as_of == published_as_of() {
        let note = match lang {
            Lang::Vi => format!(
                "Bộ dữ liệu minh họa: ngày đánh giá là {published}, ngày của số liệu công bố."
            ),
            Lang::En => {
                format!("The demo data: as of {published}, the date of the published figures.")
            }
        };
        return (note, None);
    }
    match lang {
        Lang::Vi => (
            format!("Số liệu công bố của bộ minh họa là của ngày {published}."),
            Some(format!("Xem tại ngày {published}")),
        ),
        Lang::En => (
            format!("The demo's published figures are those of {published}."),
            Some(format!("Show as of {published}")),
        ),
    }
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// Splits `total` into whole shares in proportion to `weights`, each at
/// least `floor`: the parts add up to `total` exactly.
fn apportion(total: i64, weights: &[u64], floor: i64) -> Vec<i64> {
    let count = weights.len() as i64;
    let spare = (total - floor * count).max(0);
    let sum: u64 = weights.iter().sum::<u64>().max(1);
    let mut parts: Vec<i64> = weights
        .iter()
        .map(|w| floor + (spare as u128 * u128::from(*w) / u128::from(sum)) as i64)
        .collect();
    let mut left = total - parts.iter().sum::<i64>();
    let len = parts.len();
    let mut i = 0;
    while left > 0 && len > 0 {
        parts[i % len] += 1;
        left -= 1;
        i += 1;
    }
    parts
}

/// Weighted districts: the island district Bạch Long Vĩ has almost none.
const DISTRICT_WEIGHTS: [u64; 15] = [4, 3, 3, 4, 4, 3, 3, 12, 9, 9, 9, 10, 12, 5, 1];

const SECTOR_NAMES: [(&str, &str); 9] = [
    ("nong-nghiep", "HTX Dịch vụ nông nghiệp"),
    ("thuong-mai-dich-vu", "HTX Thương mại dịch vụ"),
    ("cong-nghiep", "HTX Công nghiệp – TTCN"),
    ("tin-dung", "Quỹ tín dụng nhân dân"),
    ("giao-thong-van-tai", "HTX Vận tải"),
    ("dich-vu-dien", "HTX Dịch vụ điện"),
    ("nuoc-sach", "HTX Nước sạch"),
    ("xay-dung", "HTX Xây dựng"),
    ("khac", "HTX"),
];

/// Years with records; 2016 gives T9 the growth of 2017 to compare with.
const YEARS: std::ops::RangeInclusive<i32> = 2016..=2020;

/// The demonstration workspace the app loads.
pub fn demo_workspace() -> Workspace {
    demo_workspace_with_seed(DEMO_SEED)
}

pub fn demo_workspace_with_seed(seed: u64) -> Workspace {
    use published::*;
    let mut rng = SplitMix(seed);
    let mut ws = Workspace::new(DEMO_ID, "Hội thảo: Hải Phòng (số liệu minh họa)");
    ws.illustrative = true;
    let districts = ws.plan.districts.clone();
    let pick_district = |rng: &mut SplitMix| {
        let total: u64 = DISTRICT_WEIGHTS.iter().sum();
        let mut roll = rng.below(total);
        for (i, weight) in DISTRICT_WEIGHTS.iter().enumerate() {
            if roll < *weight {
                return districts.get(i).cloned().unwrap_or_default();
            }
            roll -= weight;
        }
        districts.first().cloned().unwrap_or_default()
    };

    // The 342 active cooperatives, sector by sector.
    let mut cooperatives: Vec<Unit> = Vec::new();
    for (sector, count) in BY_SECTOR {
        let prefix = SECTOR_NAMES
            .iter()
            .find(|(s, _)| *s == sector)
            .map_or("HTX", |(_, p)| p);
        for i in 0..count {
            let kind = match sector {
                "tin-dung" => UnitKind::Qtdnd,
                "cong-nghiep" if i == 0 => UnitKind::Lhhtx,
                _ => UnitKind::Htx,
            };
            let number = cooperatives.len() + 1;
            let name = if kind == UnitKind::Lhhtx {
                "Liên hiệp HTX minh họa".to_owned()
            } else {
                format!("{prefix} minh họa {number:03}")
            };
            let mut unit = Unit::new(format!("demo-{number:03}"), name, kind);
            unit.registration_code = format!("DEMO-{number:04}");
            unit.sector = sector.to_owned();
            unit.district = pick_district(&mut rng);
            cooperatives.push(unit);
        }
    }

    // Which must reorganise (founded before 01/07/2013) and which did.
    let mut order: Vec<usize> = (0..cooperatives.len()).collect();
    for i in (1..order.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        order.swap(i, j);
    }
    let (old, new) = order.split_at(REQUIRED_TO_REORGANISE as usize);
    for (rank, index) in old.iter().enumerate() {
        let Some(unit) = cooperatives.get_mut(*index) else {
            continue;
        };
        unit.founded = Some(rng.date(1975, 38).min(day(2013, 6, 30)));
        unit.reorganisation.required = true;
        let done = rank < REORGANISED as usize;
        unit.reorganisation.completed_on = done.then(|| match rank {
            // 150 before the plan, 40 in its first half-year, 18 by mid-2019.
            0..150 => rng.date(2014, 4),
            150..190 => day(2018, 1, 2) + chrono::Days::new(rng.below(179)),
            _ => day(2018, 7, 2) + chrono::Days::new(rng.below(390)),
        });
    }
    for index in new {
        if let Some(unit) = cooperatives.get_mut(*index) {
            unit.founded = Some(day(2013, 7, 2) + chrono::Days::new(rng.below(2_180)));
        }
    }

    // 2019 figures, apportioned to equal the published totals exactly; the
    // union's own published figures first.
    let others: Vec<usize> = (0..cooperatives.len())
        .filter(|i| cooperatives[*i].kind != UnitKind::Lhhtx)
        .collect();
    let weights = |rng: &mut SplitMix, kind_boost: &dyn Fn(usize) -> u64| -> Vec<u64> {
        others
            .iter()
            .map(|i| 20 + rng.below(100) * kind_boost(*i))
            .collect()
    };
    let credit = |i: usize| {
        if cooperatives[i].kind == UnitKind::Qtdnd {
            8
        } else {
            1
        }
    };
    let members = apportion(MEMBERS - UNION.0, &weights(&mut rng, &credit), 7);
    let workers = apportion(REGULAR_WORKERS - UNION.1, &weights(&mut rng, &|_| 1), 2);
    let revenue = apportion(
        AVERAGE_REVENUE * i64::from(COOPERATIVES) - UNION.2,
        &weights(&mut rng, &|_| 1),
        100,
    );
    let incomes: Vec<i64> = {
        let total = AVERAGE_WORKER_INCOME * i64::from(COOPERATIVES) - UNION.3;
        let mut parts = apportion(total, &vec![1; others.len()], 0);
        for pair in parts.chunks_mut(2) {
            if let [a, b] = pair {
                let shift = rng.below(25) as i64;
                *a += shift;
                *b -= shift;
            }
        }
        parts
    };

    // Yearly records, 2016–2020, from each cooperative's founding year.
    // Members fell by a third in 2019 and revenue by 12 % (as published);
    // the other years' changes are invented.
    let member_factor = |year: i32| match year {
        2016 => 1.40,
        2017 => 1.45,
        2018 => 1.478,
        2019 => 1.0,
        _ => 0.98,
    };
    let revenue_factor = |year: i32| match year {
        2016 => 1.04,
        2017 => 1.08,
        2018 => 1.136,
        2019 => 1.0,
        _ => 1.03,
    };
    let trained_share = |year: i32| match year {
        2016 => 300,
        2017 => 380,
        2018 => 450,
        2019 => 505,
        _ => 560,
    };
    let staff_trained_share = |year: i32| match year {
        2016 => 600,
        2017 => 680,
        2018 => 760,
        2019 => 850,
        _ => 930,
    };
    let qualifications = Qualification::ALL;
    let roles = ManagerRole::ALL;
    let mut other_rank = 0;
    for unit in cooperatives.iter_mut() {
        let (m, w, r, income) = if unit.kind == UnitKind::Lhhtx {
            UNION
        } else {
            let values = (
                members[other_rank],
                workers[other_rank],
                revenue[other_rank],
                incomes[other_rank],
            );
            other_rank += 1;
            values
        };
        let founded_year = unit.founded.map_or(2016, |d| chrono::Datelike::year(&d));
        for year in YEARS.filter(|y| *y >= founded_year) {
            let scale = |value: i64, factor: f64| {
                if year == 2019 {
                    value
                } else {
                    ((value as f64) * factor).round() as i64
                }
            };
            let revenue_year = scale(r, revenue_factor(year));
            let staff = scale(w, 1.0).max(1);
            let trained = staff * staff_trained_share(year) / 1000;
            let key_managers = roles
                .iter()
                .map(|role| {
                    let trained = rng.below(1000) < trained_share(year);
                    // Trained managers more often hold a college degree.
                    let qualification = if trained && rng.chance(62) {
                        qualifications[3 + rng.below(2) as usize]
                    } else {
                        qualifications[rng.below(3) as usize]
                    };
                    KeyManager {
                        role: *role,
                        qualification,
                        trained,
                        name: String::new(),
                    }
                })
                .collect();
            unit.years.push(YearRecord {
                year,
                members: Some(scale(m, member_factor(year))),
                regular_workers: Some(staff),
                revenue: Some(Decimal::from_i64(revenue_year)),
                value_added: Some(Decimal::from_i64(revenue_year * 28 / 100)),
                average_worker_income: Some(Decimal::from_i64(if year == 2019 {
                    income
                } else {
                    income - (2019 - year) as i64
                })),
                staff: Some(staff),
                staff_trained: Some(trained),
                key_managers,
                ..YearRecord::default()
            });
        }
    }

    // Exemplary recognitions: 9 by the end of 2020, across four sectors.
    let recognised = [(2018, 3), (2019, 4), (2020, 2)];
    // Taken in turn from four sectors, so T8 reports a spread.
    let sectors = [
        "nong-nghiep",
        "thuong-mai-dich-vu",
        "giao-thong-van-tai",
        "nuoc-sach",
    ];
    let mut pools: Vec<Vec<usize>> = sectors
        .iter()
        .map(|sector| {
            order
                .iter()
                .copied()
                .filter(|i| {
                    cooperatives[*i].kind == UnitKind::Htx && cooperatives[*i].sector == *sector
                })
                .collect()
        })
        .collect();
    let mut turn = 0;
    for (year, count) in recognised {
        for given in 0..count {
            let Some(index) = pools
                .get_mut(turn % sectors.len())
                .and_then(|pool| pool.pop())
            else {
                break;
            };
            turn += 1;
            let month = if year == 2019 {
                5 + given as u32 * 2
            } else {
                11
            };
            cooperatives[index].recognitions.push(Recognition {
                year,
                decision: format!("Quyết định minh họa số {year}/{}", given + 1),
                date: Some(day(year, month, 20)),
            });
        }
    }

    // 49 stopped cooperatives: inactive since 2015–2017; 30 dissolved in
    // 2018, 11 more in 2019–2020, 8 still waiting (illustrative).
    let mut stopped: Vec<Unit> = Vec::new();
    for i in 0..STOPPED {
        let number = i + 1;
        let sector = if i % 3 == 0 {
            "thuong-mai-dich-vu"
        } else {
            "nong-nghiep"
        };
        let prefix = SECTOR_NAMES
            .iter()
            .find(|(s, _)| *s == sector)
            .map_or("HTX", |(_, p)| p);
        let mut unit = Unit::new(
            format!("demo-stopped-{number:02}"),
            format!("{prefix} ngừng hoạt động {number:02}"),
            UnitKind::Htx,
        );
        unit.registration_code = format!("DEMO-S{number:03}");
        unit.sector = sector.to_owned();
        unit.district = pick_district(&mut rng);
        unit.founded = Some(rng.date(1980, 25));
        let inactive = rng.date(2015, 3);
        unit.status_history.push(StatusChange {
            status: OperatingStatus::Inactive,
            since: inactive,
        });
        let dissolved = match i {
            0..30 => Some(day(2018, 2, 1) + chrono::Days::new(rng.below(330))),
            30..38 => Some(day(2019, 1, 10) + chrono::Days::new(rng.below(340))),
            38..41 => Some(day(2020, 3, 1) + chrono::Days::new(rng.below(250))),
            _ => None,
        };
        if let Some(since) = dissolved {
            unit.status_history.push(StatusChange {
                status: OperatingStatus::Dissolved,
                since,
            });
        }
        stopped.push(unit);
    }

    // 204 cooperative groups, 172 of them meeting the legal conditions.
    let groups: Vec<Unit> = (0..GROUPS)
        .map(|i| {
            let number = i + 1;
            let mut unit = Unit::new(
                format!("demo-tht-{number:03}"),
                format!("Tổ hợp tác minh họa {number:03}"),
                UnitKind::Tht,
            );
            unit.sector = if i % 4 == 0 {
                "thuy-san"
            } else {
                "nong-nghiep"
            }
            .to_owned();
            unit.district = pick_district(&mut rng);
            unit.founded = Some(rng.date(2010, 9));
            let lawful = i < 172;
            unit.group = Some(GroupConditions {
                contract_authenticated: lawful || i % 2 == 0,
                meets_legal_conditions: lawful,
            });
            unit
        })
        .collect();

    // City-level inputs, invented: GRDP at current prices growing at the
    // published real rates, and collective value added not captured unit
    // by unit, set so that total collective value added grows 8 %, 9 %,
    // 11 % and then 8 % (T9 fails in 2020) and stays just under 1 % of GRDP.
    let unit_value_added = |year: i32| -> i64 {
        cooperatives
            .iter()
            .filter_map(|u| {
                u.record(year)
                    .and_then(|r| r.value_added.as_ref())
                    .map(|v| v.to_f64() as i64)
            })
            .sum()
    };
    let mut grdp = 163_000_000.0_f64;
    let mut total = 1_700_000.0_f64;
    let total_growth = [(2017, 0.08), (2018, 0.09), (2019, 0.11), (2020, 0.08)];
    for year in YEARS {
        if let Some((_, g)) = GRDP_GROWTH.iter().find(|(y, _)| *y == year) {
            grdp *= 1.0 + g;
        }
        if let Some((_, g)) = total_growth.iter().find(|(y, _)| *y == year) {
            total *= 1.0 + g;
        }
        let extra = (total.round() as i64 - unit_value_added(year)).max(0);
        ws.city_years.push(CityYear {
            year,
            grdp_current_prices: Some(Decimal::from_i64(grdp.round() as i64)),
            extra_collective_value_added: Some(Decimal::from_i64(extra)),
        });
    }

    ws.units = cooperatives;
    ws.units.extend(stopped);
    ws.units.extend(groups);
    ws
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_note_names_the_published_date_and_offers_it_back() {
        let (at, button) = as_of_note(published_as_of(), Lang::Vi);
        assert!(at.contains("ngày đánh giá là 31/07/2019"), "{at}");
        assert_eq!(button, None);
        let later = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let (away, button) = as_of_note(later, Lang::En);
        assert!(away.contains("those of 31 Jul 2019"), "{away}");
        assert_eq!(button.as_deref(), Some("Show as of 31 Jul 2019"));
    }
}
