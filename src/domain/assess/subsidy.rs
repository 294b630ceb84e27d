//! Subsidies within the yearly cap (seed 001 art. 14: 5,000–50,000 yuan by
//! assessment, at most 500,000 yuan a year in all): the grade amounts, and
//! if their total exceeds the cap, scaled down to fit, each subsidy staying
//! within its minimum, to the fen, deterministic — and the same grade
//! amount always scaled to the same subsidy (art. 14: 根据考核情况), so the
//! total may stay a few fen under the cap. `allocate_within` also keeps the
//! plan inside the room the year's budget lines leave (`Room`), so what
//! `assess confirm` books fits them.

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

/// What a budget line leaves for the subsidies it covers (`covers[i]`:
/// claim `i` is booked under it); `room` may be negative (a line already
/// over its cap by an override).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Room {
    pub covers: Vec<bool>,
    pub room: i64,
}

/// What limited a plan: the cap given, or the room of `rooms[i]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Cap,
    Room(usize),
}

impl Room {
    fn total(&self, amounts: &[i64]) -> i64 {
        amounts
            .iter()
            .zip(&self.covers)
            .filter(|(_, c)| **c)
            .map(|(a, _)| *a)
            .sum()
    }
}

/// `allocate` within `cap` and within every room: the largest plan (the
/// same scaling for everyone, so equal grades keep equal amounts) whose
/// subsidies under each line fit what it leaves. A room covering every
/// claim that pays is a cap on the whole plan; one covering only some (a
/// panel's line in an office-wide run) is met by lowering the whole plan
/// until it fits. Returns the amounts and the bound that limited them;
/// a plan that cannot fit says which bound and by how much.
pub fn allocate_within(
    claims: &[Claim],
    min: i64,
    cap: i64,
    rooms: &[Room],
) -> Result<(Vec<i64>, Bound), (Shortfall, Bound)> {
    let pays = |i: usize| claims[i].fixed.unwrap_or(claims[i].base) > 0;
    let whole = |r: &Room| (0..claims.len()).all(|i| !pays(i) || r.covers[i]);
    let (mut top, mut bound) = (cap, Bound::Cap);
    for (k, r) in rooms.iter().enumerate() {
        if whole(r) && r.room < top {
            (top, bound) = (r.room.max(0), Bound::Room(k));
        }
    }
    let over = |amounts: &[i64]| {
        rooms
            .iter()
            .position(|r| !whole(r) && r.total(amounts) > r.room)
    };
    let amounts = allocate(claims, min, top).map_err(|s| (s, bound))?;
    if over(&amounts).is_none() {
        return Ok((amounts, bound));
    }
    // The largest total whose plan keeps every room: lower totals give no
    // larger subsidies, and one too low for the minimums counts as fitting
    // (it is the lower end of the search, checked below).
    let fits = |total: i64| match allocate(claims, min, total) {
        Ok(amounts) => over(&amounts).is_none(),
        Err(_) => true,
    };
    let (mut lo, mut hi) = (0, top);
    while lo < hi {
        let mid = lo + (hi - lo + 1) / 2;
        if fits(mid) { lo = mid } else { hi = mid - 1 }
    }
    let binding = allocate(claims, min, lo.saturating_add(1))
        .ok()
        .and_then(|a| over(&a))
        .map_or(bound, Bound::Room);
    match allocate(claims, min, lo) {
        Ok(amounts) if over(&amounts).is_none() => Ok((amounts, binding)),
        _ => {
            // Even the minimums (and the fixed amounts) do not fit a room.
            let floor: Vec<i64> = claims
                .iter()
                .map(|c| c.fixed.unwrap_or(if c.base > 0 { min.max(0) } else { 0 }))
                .collect();
            let (k, gap) = rooms
                .iter()
                .enumerate()
                .map(|(k, r)| (k, r.total(&floor) - r.room))
                .max_by_key(|(_, gap)| *gap)
                .unwrap_or((0, 0));
            Err((Shortfall::Minimums(gap.max(0)), Bound::Room(k)))
        }
    }
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

    fn room(covers: &[bool], yuan: i64) -> Room {
        Room {
            covers: covers.to_vec(),
            room: yuan * 100,
        }
    }

    #[test]
    fn a_line_over_every_claim_is_a_cap_on_the_plan() {
        let claims = vec![claim("A1", 30_000), claim("A2", 20_000)];
        // The rule's cap leaves 50,000; the panel's line only 35,460.
        let (amounts, bound) =
            allocate_within(&claims, 500_000, 5_000_000, &[room(&[true, true], 35_460)]).unwrap();
        assert_eq!(bound, Bound::Room(0));
        assert_eq!(amounts, allocate(&claims, 500_000, 3_546_000).unwrap());
        assert!(amounts.iter().sum::<i64>() <= 3_546_000);
        // A roomier line leaves the cap in charge.
        let (amounts, bound) =
            allocate_within(&claims, 500_000, 4_000_000, &[room(&[true, true], 60_000)]).unwrap();
        assert_eq!(
            (bound, amounts.iter().sum::<i64>() <= 4_000_000),
            (Bound::Cap, true)
        );
    }

    #[test]
    fn a_line_over_some_claims_lowers_the_whole_plan_equal_grades_equally() {
        // A1, A2 on panel 1 (a 40,000 line), A3 on panel 2: the same grade.
        let claims = vec![
            claim("A1", 30_000),
            claim("A2", 30_000),
            claim("A3", 30_000),
        ];
        let rooms = [room(&[true, true, false], 40_000)];
        let (amounts, bound) = allocate_within(&claims, 500_000, 50_000_000, &rooms).unwrap();
        assert_eq!(bound, Bound::Room(0));
        assert!(amounts[0] + amounts[1] <= 4_000_000, "{amounts:?}");
        assert!(amounts[0] + amounts[1] > 4_000_000 - 3, "{amounts:?}");
        assert!(amounts.iter().all(|a| *a == amounts[0]), "{amounts:?}");
        assert_eq!(
            allocate_within(&claims, 500_000, 50_000_000, &rooms),
            allocate_within(&claims, 500_000, 50_000_000, &rooms)
        );
    }

    #[test]
    fn minimums_that_cannot_fit_a_line_name_it() {
        let claims = vec![claim("A1", 30_000), claim("A2", 30_000), claim("B", 0)];
        let rooms = [
            room(&[false, false, true], 100),
            room(&[true, false, false], 4_000),
        ];
        assert_eq!(
            allocate_within(&claims, 500_000, 50_000_000, &rooms),
            Err((Shortfall::Minimums(100_000), Bound::Room(1)))
        );
        // A line covering only claims that pay nothing binds nothing.
        assert!(allocate_within(&claims, 500_000, 50_000_000, &rooms[..1]).is_ok());
    }
}
