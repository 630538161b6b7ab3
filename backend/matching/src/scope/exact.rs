//! The exact pass: records grouped by normalised names; homonyms and
//! duplicates within a side set aside, unique identities paired across.

use super::keys::{sort_keys, tag_of};
use super::*;

impl Matcher<'_, '_> {
    /// Groups records by normalised names. Within one side, records with the
    /// same names and compatible birth dates (equal, or one missing) are
    /// homonyms or duplicates: reported, and never linked automatically
    /// (docs/domain.md §5). Across sides, a unique record with the same names and the
    /// same date (or none on both sides) is an exact pair.
    pub(super) fn exact_pass(&mut self, out: &mut Partial) {
        let mut keys = std::mem::take(&mut self.keys);
        keys.clear();
        for side in [ENT, PRONOTE] {
            for (i, f) in (0u32..).zip(&self.feats[side]) {
                if f.usable {
                    let tag = i | if side == PRONOTE { SIDE_BIT } else { 0 };
                    keys.push((f.names_hash, (u64::from(f.date_key) << 32) | u64::from(tag)));
                }
            }
        }
        // By names (their hash), date (missing first), side and index: plain
        // integers; the names are compared only to confirm a group.
        sort_keys(&mut keys, &mut self.sort_scratch, &mut self.sort_counts);
        let mut collided = std::mem::take(&mut self.collided);
        let mut start = 0;
        while start < keys.len() {
            let hash = keys[start].0;
            let len = keys[start..].iter().take_while(|k| k.0 == hash).count();
            let run = &keys[start..start + len];
            start += len;
            if len < 2 {
                continue;
            }
            let first = self.feat(tag_of(run[0]));
            if run
                .iter()
                .all(|k| self.same_names(first, self.feat(tag_of(*k))).is_eq())
            {
                self.names_group(run, out);
                continue;
            }
            // Different names with the same 64-bit hash: sorted by names
            // first, then split.
            collided.clear();
            collided.extend_from_slice(run);
            collided.sort_unstable_by(|a, b| {
                let (fa, fb) = (self.feat(tag_of(*a)), self.feat(tag_of(*b)));
                self.same_names(fa, fb).then(a.1.cmp(&b.1))
            });
            let mut i = 0;
            while i < collided.len() {
                let first = self.feat(tag_of(collided[i]));
                let n = collided[i..]
                    .iter()
                    .take_while(|k| self.same_names(first, self.feat(tag_of(**k))).is_eq())
                    .count();
                self.names_group(&collided[i..i + n], out);
                i += n;
            }
        }
        self.collided = collided;
        self.keys = keys;
    }

    /// One group of equal names, sorted by date (missing first), then side.
    pub(super) fn names_group(&mut self, group: &[(u64, u64)], out: &mut Partial) {
        if group.len() < 2 {
            return;
        }
        let n_ent = group.iter().filter(|k| tag_of(**k) & SIDE_BIT == 0).count();
        let clusters_possible = n_ent >= 2 || group.len() - n_ent >= 2;
        for side in [ENT, PRONOTE].into_iter().filter(|_| clusters_possible) {
            let is_side = |k: &u32| (k & SIDE_BIT != 0) == (side == PRONOTE);
            let members: Vec<u32> = group.iter().map(|k| tag_of(*k)).filter(is_side).collect();
            if members.len() < 2 {
                continue;
            }
            let missing = members.iter().any(|&m| self.feat(m).date.is_none());
            let mut i = 0;
            while i < members.len() {
                let date = self.feat(members[i]).date;
                let j = if missing {
                    members.len()
                } else {
                    i + members[i..]
                        .iter()
                        .take_while(|&&m| self.feat(m).date == date)
                        .count()
                };
                if j - i >= 2 {
                    let mut records = Vec::with_capacity(j - i);
                    let kept = self.copies_of_one_person(side, &members[i..j]);
                    for &m in &members[i..j] {
                        let local = (m & !SIDE_BIT) as usize;
                        match kept {
                            // Copies of one person: one of them is matched,
                            // the others stand aside (reported below).
                            Some(k) if k != m => self.copy_of[side][local] = k & !SIDE_BIT,
                            Some(_) => {}
                            None => self.ambiguous[side][local] = true,
                        }
                        records.push(self.feat(m).global);
                    }
                    records.sort_unstable();
                    out.duplicates.push(Duplicate {
                        side: if side == ENT {
                            Side::Ent
                        } else {
                            Side::Pronote
                        },
                        records,
                    });
                }
                i = j;
            }
        }
        let mut i = 0;
        let mut run = Vec::new();
        while i < group.len() {
            let date = group[i].1 >> 32;
            let len = group[i..].iter().take_while(|k| k.1 >> 32 == date).count();
            run.clear();
            run.extend(group[i..i + len].iter().copied().filter(|k| {
                let tag = tag_of(*k);
                let side = usize::from(tag & SIDE_BIT != 0);
                self.copy_of[side][(tag & !SIDE_BIT) as usize] == NONE
            }));
            if let [a, b] = run[..] {
                let (e, p) = (tag_of(a), tag_of(b));
                let sides_ok = e & SIDE_BIT == 0 && p & SIDE_BIT != 0;
                let (e, p) = (e & !SIDE_BIT, p & !SIDE_BIT);
                if sides_ok
                    && !self.ambiguous[ENT][e as usize]
                    && !self.ambiguous[PRONOTE][p as usize]
                {
                    self.exact[ENT][e as usize] = p;
                    self.exact[PRONOTE][p as usize] = e;
                }
            }
            i += len;
        }
    }

    /// Whether records of one side with the same names and birth date
    /// (`members`, tagged, two or more) are copies of one person rather
    /// than homonyms, and then the one to match (issue 19: a person
    /// written twice on one side is linked once, through the record its
    /// family uses; the other is reported as its duplicate and reviewed).
    /// Only pupils and guardians, and only when their relations say so:
    /// - the same birth date (or none) and the same relations, some at
    ///   least: a pupil's guardians, a guardian's pupils (twins never share
    ///   a first name; a namesake of another family has other guardians,
    ///   or none);
    /// - the relations list exactly one of them, always the same (the
    ///   record the family is attached to; two parents of one child both
    ///   called `Dominique MARTIN` are both listed by the child).
    ///
    /// Staff have no relations to tell a copy from a namesake, nor which
    /// record is used: they stay homonyms.
    fn copies_of_one_person(&self, side: usize, members: &[u32]) -> Option<u32> {
        let first = self.feat(*members.first()?);
        let alone = |m: u32| self.copy_of[side][(m & !SIDE_BIT) as usize] == NONE;
        if !members
            .iter()
            .all(|&m| self.feat(m).date_key == first.date_key && alone(m))
        {
            return None;
        }
        let globals: Vec<u32> = members.iter().map(|&m| self.feat(m).global).collect();
        let kept = crate::kept_copy(self.records[side], &globals)?;
        members
            .iter()
            .copied()
            .find(|&m| self.feat(m).global == kept)
    }

    /// Staff with the same names in two populations of one side (a
    /// PERSONNEL and a PROFESSEUR both called `VIDAL Christelle`) are
    /// homonyms as well: the other side may have filed either one in the
    /// other population (issue 19).
    pub(super) fn flag_staff_homonyms(&mut self) {
        for side in [ENT, PRONOTE] {
            let mut staff = std::mem::take(&mut self.keys);
            staff.clear();
            for (i, f) in (0u64..).zip(&self.feats[side]) {
                if f.group == 2 && f.usable {
                    staff.push((f.last_hash ^ f.first_hash.rotate_left(17), i));
                }
            }
            staff.sort_unstable();
            for run in staff.chunk_by(|a, b| a.0 == b.0) {
                let Some(&(_, first)) = run.first() else {
                    continue;
                };
                let f = self.feats[side][first as usize];
                let mixed = run.iter().any(|&(_, i)| {
                    let g = &self.feats[side][i as usize];
                    g.population != f.population && self.same_names_in_group(&f, g)
                });
                if mixed {
                    for &(_, i) in run {
                        self.ambiguous[side][i as usize] = true;
                    }
                }
            }
            self.keys = staff;
        }
    }

    fn same_names_in_group(&self, a: &Feat, b: &Feat) -> bool {
        self.str(a.last_key) == self.str(b.last_key)
            && self.str(a.first_key) == self.str(b.first_key)
    }
}
