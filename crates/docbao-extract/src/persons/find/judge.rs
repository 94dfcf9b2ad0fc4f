//! The learned model's part in finding persons: each weak run scored, each name written only
//! in weak runs judged on all of them.

use super::*;

impl<'a> Finder<'_, 'a> {
    /// A run no rule explains: its score by the model, for [`Finder::finish`] to judge the name.
    pub(super) fn judge(&mut self, v: &View<'_, 'a>, c: &mut Cand<'a>) {
        if self.model_off {
            return;
        }
        let (k, end) = c.span;
        // A place of two words or more inside the run (`Đoàn Hàn Quốc`, `Nhất Bà Rịa`): the
        // run is not one name, whatever the model would say.
        if (k..end).any(|i| v.at(Kind::Place, i).is_some_and(|l| l >= 2 && i + l <= end)) {
            c.score = f32::NEG_INFINITY;
            return;
        }
        model::features(v, k, end, self.known, &mut self.features);
        c.score = self.model.score(&self.features);
        if let Some(t) = self.trace.as_mut() {
            t.push((c.name.to_string(), self.features.clone()));
        }
    }

    /// Names written only in weak runs: each judged once, on every run writing it (a name is a
    /// person's or not in the whole article), and taken when the model says so.
    pub(super) fn judge_names(&mut self) -> Vec<Traced> {
        // The weak runs by name (a few dozen an article): sorted, each name's runs side by side.
        let mut weak: Vec<(usize, &str, f32)> = self
            .cands
            .iter()
            .enumerate()
            .filter(|(_, c)| c.strength == Strength::Weak)
            .map(|(i, c)| (i, &*c.name, c.score))
            .collect();
        weak.sort_unstable_by(|a, b| a.1.cmp(b.1));
        let mut taken: Vec<usize> = Vec::new();
        let mut scores: Vec<(String, f32)> = Vec::new();
        let mut scratch: Vec<f32> = Vec::new();
        for group in weak.chunk_by(|a, b| a.1 == b.1) {
            scratch.clear();
            scratch.extend(group.iter().map(|g| g.2));
            let score = self.model.name_score(&scratch);
            if score > self.model.threshold {
                taken.extend(group.iter().map(|g| g.0));
            }
            if self.trace.is_some() {
                scores.push((group[0].1.to_string(), score));
            }
        }
        for i in taken {
            self.cands[i].strength = Strength::Learned;
        }
        let Some(runs) = self.trace.take() else {
            return Vec::new();
        };
        let mut traced: Vec<Traced> = Vec::new();
        for (name, features) in runs {
            match traced.iter_mut().find(|t| t.name == name) {
                Some(t) => t.runs.push(features),
                None => traced.push(Traced {
                    score: scores.iter().find(|s| s.0 == name).map_or(0.0, |s| s.1),
                    name,
                    runs: vec![features],
                }),
            }
        }
        traced
    }
}
