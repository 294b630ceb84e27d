//! Subsidies within the yearly cap (seed 001 art. 14: 5,000–50,000 yuan by
//! assessment, at most 500,000 yuan a year in all): the grade amounts, and
//! if their total exceeds the cap, scaled down to fit, each subsidy staying
//! within its minimum, to the fen, deterministic — and the same grade
//! amount always scaled to the same subsidy (art. 14: 根据考核情况), so the
//! total may stay a few fen under the cap.

/// One advisor's claim on the pot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub code: String,
    /// The grade's amount in fen (0: no subsidy).
    pub base: i64,
    /// A special-contribution amount fixed by `assess adjust` (not scaled).
    pub fixed: Option<i64>,
}

/// The plan cannot fit the cap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shortfall {
    /// The fixed (adjusted) amounts alone exceed the cap by this many fen.
    Fixed(i64),
    /// The minimums alone exceed what is left of the cap by this many fen.
    Minimums(i64),
}

/// Amounts in fen, in the order of `claims`; their sum never exceeds `cap`.
pub fn allocate(claims: &[Claim], min: i64, cap: i64) -> Result<Vec<i64>, Shortfall> {
    let fixed: i64 = claims.iter().filter_map(|c| c.fixed).sum();
    let wanted: i64 = fixed
        + claims
            .iter()
            .filter(|c| c.fixed.is_none())
            .map(|c| c.base)
            .sum::<i64>();
    let mut amounts: Vec<i64> = claims.iter().map(|c| c.fixed.unwrap_or(c.base)).collect();
    if wanted <= cap {
        return Ok(amounts);
    }
    if fixed > cap {
        return Err(Shortfall::Fixed(fixed - cap));
    }
    let mut left = cap - fixed;
    // Scaled claims still in play; those that would fall below the minimum
    // are held at it and the rest shared again (water-filling).
    let mut open: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].fixed.is_none() && claims[i].base > 0)
        .collect();
    let floor_total = open.len() as i64 * min;
    if floor_total > left {
        return Err(Shortfall::Minimums(floor_total - left));
    }
    loop {
        let total: i128 = open.iter().map(|&i| i128::from(claims[i].base)).sum();
        let below: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&i| i128::from(claims[i].base) * i128::from(left) < i128::from(min) * total)
            .collect();
        if below.is_empty() {
            break;
        }
        for i in &below {
            amounts[*i] = min;
            left -= min;
        }
        open.retain(|i| !below.contains(i));
    }
    let total: i128 = open.iter().map(|&i| i128::from(claims[i].base)).sum();
    if total == 0 {
        return Ok(amounts);
    }
    // Proportional shares rounded down; then the leftover fen, a fen to each
    // claim of one base amount at a time (largest remainder first), while
    // it suffices for all of them: equal bases keep equal subsidies.
    let mut groups: std::collections::BTreeMap<i64, (i128, Vec<usize>)> =
        std::collections::BTreeMap::new();
    let mut given: i64 = 0;
    for &i in &open {
        let exact = i128::from(claims[i].base) * i128::from(left);
        let share = (exact / total) as i64;
        amounts[i] = share;
        given += share;
        let group = groups.entry(claims[i].base).or_default();
        group.0 = exact % total;
        group.1.push(i);
    }
    let mut order: Vec<(i128, i64, Vec<usize>)> = groups
        .into_iter()
        .map(|(base, (remainder, members))| (remainder, base, members))
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.cmp(&a.1)));
    let mut spare = left - given;
    for (_, _, members) in order {
        let n = members.len() as i64;
        if n <= spare {
            for i in members {
                amounts[i] += 1;
            }
            spare -= n;
        }
    }
    Ok(amounts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(code: &str, yuan: i64) -> Claim {
        Claim {
            code: code.to_string(),
            base: yuan * 100,
            fixed: None,
        }
    }

    #[test]
    fn under_the_cap_nothing_changes() {
        let claims = vec![claim("A1", 50_000), claim("A2", 20_000), claim("A3", 0)];
        assert_eq!(
            allocate(&claims, 500_000, 50_000_000).unwrap(),
            vec![5_000_000, 2_000_000, 0]
        );
    }

    #[test]
    fn over_the_cap_scales_within_the_cap_and_the_minimum_equal_grades_equally() {
        // Twelve advisors want 12 × 50,000 = 600,000 > 500,000 plus one at the minimum.
        let mut claims: Vec<Claim> = (0..12)
            .map(|i| claim(&format!("A{i:02}"), 50_000))
            .collect();
        claims.push(claim("B", 5_000));
        let amounts = allocate(&claims, 500_000, 50_000_000).unwrap();
        let sum: i64 = amounts.iter().sum();
        assert!(sum <= 50_000_000 && sum > 50_000_000 - 12, "{sum}");
        assert!(amounts.iter().all(|a| *a >= 500_000));
        assert_eq!(amounts[12], 500_000); // held at the minimum
        assert!(
            amounts[..12].iter().all(|a| *a == amounts[0]),
            "{amounts:?}"
        );
        assert_eq!(allocate(&claims, 500_000, 50_000_000).unwrap(), amounts); // deterministic
    }

    #[test]
    fn leftover_fen_go_to_whole_grades_only() {
        // 35,000 (excellent) ×2 and 20,000 (good) ×3 against 129,999.99:
        // every excellent gets the same, every good the same.
        let claims = vec![
            claim("A1", 35_000),
            claim("A2", 20_000),
            claim("A3", 35_000),
            claim("A4", 20_000),
            claim("A5", 20_000),
        ];
        let amounts = allocate(&claims, 500_000, 12_999_999).unwrap();
        assert_eq!(amounts[0], amounts[2]);
        assert_eq!(amounts[1], amounts[3]);
        assert_eq!(amounts[3], amounts[4]);
        let sum: i64 = amounts.iter().sum();
        assert!(
            (12_999_999 - 4..=12_999_999).contains(&sum),
            "{sum} {amounts:?}"
        );
    }

    #[test]
    fn fixed_uplifts_stay_inside_the_cap() {
        let mut claims = vec![claim("A1", 50_000), claim("A2", 50_000)];
        claims[0].fixed = Some(8_000_000);
        let amounts = allocate(&claims, 500_000, 10_000_000).unwrap();
        assert_eq!(amounts, vec![8_000_000, 2_000_000]);
        assert_eq!(
            allocate(&claims, 500_000, 7_000_000),
            Err(Shortfall::Fixed(1_000_000))
        );
    }

    #[test]
    fn minimums_that_cannot_fit_are_reported_with_the_gap() {
        let claims: Vec<Claim> = (0..120)
            .map(|i| claim(&format!("A{i:03}"), 50_000))
            .collect();
        // 120 × 5,000 = 600,000 yuan of minimums against a 500,000 cap.
        assert_eq!(
            allocate(&claims, 500_000, 50_000_000),
            Err(Shortfall::Minimums(10_000_000))
        );
    }
}
