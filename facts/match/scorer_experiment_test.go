package match

import (
	"cmp"
	"flag"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The scorer experiment compares re-ranking scorers for the myths model by cross-fitting: each
// scorer is fitted on the fit half of the labelled set and measured on the check half, and the
// reverse, with the figures of TestMythThresholds (top1 at DefaultThreshold, wrong and false
// answers, top-3 recall at the lowest suggest threshold), on the original lines and on all lines,
// and top1 at the lowest threshold with at most 6 false answers (separation, whatever the
// calibration).
//
//	go test ./facts/match/ -run TestScorerExperiment -scorers -v [-scorer g-]
//
// Findings (2026-12-03, 29 myths): feature crosses (b, c, d) and boosted trees alone (e) or on
// the linear score (f) gained in one direction and lost in the other. The listwise loss alone
// (g: a softmax over the first five candidates and a "none of them" option) separated best both
// ways (0.965 and 0.948 against 0.949 and 0.933) but gave the first two candidates close
// confidences far more often (answers offered as ambiguous 3 -> 39 on the check half), and more
// false answers in the reverse direction (11 of 199 against 8). The listwise loss plus 0.3 times
// the pointwise one (i-mixed-a=0.3-platt0, the same as m-mixed-same) is what fitMythModel fits;
// the same loss over all twenty candidates (m-mixed-20) or with feature crosses (m-mixed-cross8,
// m-mixed-crosshint) did not gain in both directions.
var (
	scorers      = flag.Bool("scorers", false, "compare re-ranking scorers by cross-fitting")
	scorerFilter = flag.String("scorer", "", "only the scorers whose name starts with this")
)

// expQuery is one labelled line with its candidates: as the bot ranks them (the detected
// language as hint, all RerankDepth of them) and as the fit sees them (no hint, the first five).
type expQuery struct {
	line       int
	gold       []string
	eval, fit  []candidate
	goldInEval []bool
	goldInFit  []bool
}

// scorerFunc scores one candidate's features; its sigmoid is the confidence.
type scorerFunc func(f *[nFeatures]float64) float64

type expFigures struct {
	onTopic, offTopic, right, wrong, falseAns, recall int
	ambiguous                                         int // answers whose second candidate is within DefaultMargin
}

func (e expFigures) String() string {
	return fmtFigures(e)
}

func fmtFigures(e expFigures) string {
	return sprintf("top1 %.3f (%d/%d, %d wrong) false %d/%d recall@0.15 %.3f amb %d", float64(e.right)/float64(e.onTopic),
		e.right, e.onTopic, e.wrong, e.falseAns, e.offTopic, float64(e.recall)/float64(e.onTopic), e.ambiguous)
}

func measureScorer(qs []expQuery, g scorerFunc, maxLine int) expFigures {
	var e expFigures
	for _, q := range qs {
		if maxLine > 0 && q.line >= maxLine {
			continue
		}
		type sc struct {
			s    float64
			gold bool
		}
		var ss []sc
		for i := range q.eval {
			ss = append(ss, sc{g(&q.eval[i].f), q.goldInEval[i]})
		}
		slices.SortStableFunc(ss, func(a, b sc) int { return cmp.Compare(b.s, a.s) })
		ss = ss[:min(3, len(ss))]
		if len(ss) > 1 && sigmoid(ss[0].s) >= DefaultThreshold && sigmoid(ss[0].s)-sigmoid(ss[1].s) < DefaultMargin {
			e.ambiguous++
		}
		if len(q.gold) == 0 {
			e.offTopic++
			if len(ss) > 0 && sigmoid(ss[0].s) >= DefaultThreshold {
				e.falseAns++
			}
			continue
		}
		e.onTopic++
		if len(ss) > 0 && sigmoid(ss[0].s) >= DefaultThreshold {
			if ss[0].gold {
				e.right++
			} else {
				e.wrong++
			}
		}
		for _, x := range ss {
			if x.gold && sigmoid(x.s) >= suggestThresholds[0] {
				e.recall++
			}
		}
	}
	return e
}

func collectExp(tb testing.TB, ix *Index) []expQuery {
	all := loadMythQueries(tb, "all")
	var out []expQuery
	for i, q := range all {
		s := ix.getScratch()
		ev := slices.Clone(ix.rank(q.Text, DetectLanguage(q.Text), ix.opts.RerankDepth, s))
		ix.scratch.Put(s)
		fit := rankFresh(ix, q.Text, 5)
		e := expQuery{line: i, gold: q.Gold, eval: ev, fit: fit}
		for _, c := range ev {
			e.goldInEval = append(e.goldInEval, slices.Contains(q.Gold, ix.ids[c.doc]))
		}
		for _, c := range fit {
			e.goldInFit = append(e.goldInFit, slices.Contains(q.Gold, ix.ids[c.doc]))
		}
		out = append(out, e)
	}
	return out
}

func halfOf(qs []expQuery, h int) []expQuery {
	var out []expQuery
	for _, q := range qs {
		if q.line%2 == h {
			out = append(out, q)
		}
	}
	return out
}

// fitter fits a scorer on queries.
type fitter func(qs []expQuery) scorerFunc

func TestScorerExperiment(t *testing.T) {
	if !*scorers {
		t.Skip("pass -scorers to compare scorers")
	}
	ix, err := Build(loadMythDocs(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	qs := collectExp(t, ix)
	fitH, checkH := halfOf(qs, 0), halfOf(qs, 1)
	shipped := ix.model
	t.Logf("shipped: check orig %v | check all %v", measureScorer(checkH, shipped.score, originalLines), measureScorer(checkH, shipped.score, 0))
	run := func(name string, fn fitter) {
		gc := fn(fitH)
		gf := fn(checkH)
		c, f := measureScorer(checkH, gc, originalLines), measureScorer(fitH, gf, originalLines)
		ca, fa := measureScorer(checkH, gc, 0), measureScorer(fitH, gf, 0)
		t.Logf("%-28s check/orig %v || fit/orig %v", name, c, f)
		t.Logf("%-28s check/all  %v || fit/all  %v", "", ca, fa)
		a1, th1 := top1AtFalse(checkH, gc, originalLines, 6)
		a2, th2 := top1AtFalse(fitH, gf, originalLines, 6)
		t.Logf("%-28s top1 at <=6 false (orig): check %.3f (th %.2f) fit %.3f (th %.2f)", "", a1, th1, a2, th2)
	}
	for _, name := range experimentNames() {
		if !strings.HasPrefix(name, *scorerFilter) {
			continue
		}
		run(name, experiments[name])
	}
}

var experiments = map[string]fitter{}

func experimentNames() []string {
	var names []string
	for n := range experiments {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// rows returns the fit rows of queries: features and labels of the first five candidates.
func rows(qs []expQuery) ([][nFeatures]float64, []bool, []int) {
	var X [][nFeatures]float64
	var y []bool
	var group []int
	for qi, q := range qs {
		for i, c := range q.fit {
			X = append(X, c.f)
			y = append(y, q.goldInFit[i])
			group = append(group, qi)
		}
	}
	return X, y, group
}

func init() {
	for _, l2 := range []float64{0.3} {
		l2 := l2
		experiments[sprintf("a-linear-l2=%g", l2)] = func(qs []expQuery) scorerFunc {
			X, y, _ := rows(qs)
			m := &model{Weights: fitLogistic(X, y, l2)}
			return m.score
		}
	}
	_ = math.Abs
}

func sprintf(format string, a ...any) string { return fmt.Sprintf(format, a...) }

// fitLogisticN is fitLogistic for any number of features (column 0 the unpenalized bias), with
// optional row weights and a fixed offset added to each row's score.
func fitLogisticN(X [][]float64, y []bool, l2 float64, offset []float64) []float64 {
	n := len(X[0])
	w := make([]float64, n)
	for iter := 0; iter < 60; iter++ {
		grad := make([]float64, n)
		hess := make([][]float64, n)
		for j := range hess {
			hess[j] = make([]float64, n)
		}
		for i, x := range X {
			z := 0.0
			if offset != nil {
				z = offset[i]
			}
			for j := range x {
				z += w[j] * x[j]
			}
			p := sigmoid(z)
			t := 0.0
			if y[i] {
				t = 1
			}
			for j := range x {
				if x[j] == 0 {
					continue
				}
				grad[j] += (p - t) * x[j]
				for k := range x {
					hess[j][k] += p * (1 - p) * x[j] * x[k]
				}
			}
		}
		for j := 1; j < n; j++ {
			grad[j] += l2 * w[j]
			hess[j][j] += l2
		}
		hess[0][0] += 1e-9
		step := solveN(hess, grad)
		change := 0.0
		for j := range w {
			w[j] -= step[j]
			change = max(change, math.Abs(step[j]))
		}
		if change < 1e-8 {
			break
		}
	}
	return w
}

func solveN(A [][]float64, b []float64) []float64 {
	n := len(b)
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(A[r][c]) > math.Abs(A[p][c]) {
				p = r
			}
		}
		A[c], A[p] = A[p], A[c]
		b[c], b[p] = b[p], b[c]
		if A[c][c] == 0 {
			continue
		}
		for r := c + 1; r < n; r++ {
			f := A[r][c] / A[c][c]
			for k := c; k < n; k++ {
				A[r][k] -= f * A[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		if A[r][r] == 0 {
			continue
		}
		s := b[r]
		for k := r + 1; k < n; k++ {
			s -= A[r][k] * x[k]
		}
		x[r] = s / A[r][r]
	}
	return x
}

// expand maps features to an extended vector.
type expander func(f *[nFeatures]float64) []float64

func linearOn(ex expander, l2 float64) fitter {
	return func(qs []expQuery) scorerFunc {
		Xf, y, _ := rows(qs)
		var X [][]float64
		for i := range Xf {
			X = append(X, ex(&Xf[i]))
		}
		w := fitLogisticN(X, y, l2, nil)
		return func(f *[nFeatures]float64) float64 {
			x := ex(f)
			s := 0.0
			for j := range x {
				s += w[j] * x[j]
			}
			return s
		}
	}
}

// crossesOf returns an expander adding the products of the given feature pairs.
func crossesOf(pairs [][2]int) expander {
	return func(f *[nFeatures]float64) []float64 {
		x := append([]float64(nil), f[:]...)
		for _, p := range pairs {
			x = append(x, f[p[0]]*f[p[1]])
		}
		return x
	}
}

// allCrossesOf adds the products of every pair among the given features and their squares.
func allCrossesOf(fs []int) expander {
	var pairs [][2]int
	for i, a := range fs {
		for _, b := range fs[i:] {
			pairs = append(pairs, [2]int{a, b})
		}
	}
	return crossesOf(pairs)
}

func init() {
	experiments["b-cross-hint"] = linearOn(crossesOf([][2]int{{fRel, fMargin}, {fQCov, fGroup}, {fCos, fMargin}, {fDCov, fQCov}, {fTopics, fGroup}, {fCos, fQuestion}}), 0.3)
	top := []int{fRel, fMargin, fQCov, fDCov, fCos, fCore, fTopics, fRecip}
	for _, l2 := range []float64{0.3, 1, 3} {
		experiments[sprintf("c-cross-top8-l2=%g", l2)] = linearOn(allCrossesOf(top), l2)
	}
	cues := []int{fGroup, fPractical, fPersonal, fDated, fQuestion, fSweep, fUs}
	var cuePairs [][2]int
	for _, c := range cues {
		for _, a := range []int{fRel, fMargin, fQCov, fDCov, fCos, fCore} {
			cuePairs = append(cuePairs, [2]int{a, c})
		}
	}
	for _, l2 := range []float64{0.3, 1, 3} {
		experiments[sprintf("d-cross-cues-l2=%g", l2)] = linearOn(crossesOf(cuePairs), l2)
	}
}

// treeNode is a node of a regression tree: a split (feature < cut goes left) or a leaf.
type treeNode struct {
	feature     int
	cut, value  float64
	left, right int // child indexes; 0 for a leaf
}

type tree []treeNode

func (t tree) eval(f *[nFeatures]float64) float64 {
	i := 0
	for t[i].left != 0 {
		if f[t[i].feature] < t[i].cut {
			i = t[i].left
		} else {
			i = t[i].right
		}
	}
	return t[i].value
}

// boostConfig sets gradient boosting of regression trees on the logistic loss (Newton leaves).
type boostConfig struct {
	trees, depth, minLeaf int
	rate, lambda          float64
	base                  fitter // optional: boost from this scorer's score
}

func boosted(cfg boostConfig) fitter {
	return func(qs []expQuery) scorerFunc {
		X, y, _ := rows(qs)
		n := len(X)
		score := make([]float64, n)
		var base scorerFunc
		if cfg.base != nil {
			base = cfg.base(qs)
			for i := range X {
				score[i] = base(&X[i])
			}
		}
		// Candidate cuts: up to 32 quantiles of each feature.
		cuts := make([][]float64, nFeatures)
		for j := 1; j < nFeatures; j++ {
			vals := make([]float64, n)
			for i := range X {
				vals[i] = X[i][j]
			}
			slices.Sort(vals)
			vals = slices.Compact(vals)
			if len(vals) <= 32 {
				for k := 1; k < len(vals); k++ {
					cuts[j] = append(cuts[j], (vals[k-1]+vals[k])/2)
				}
				continue
			}
			for k := 1; k < 32; k++ {
				cuts[j] = append(cuts[j], vals[k*len(vals)/32])
			}
			cuts[j] = slices.Compact(cuts[j])
		}
		var prior float64
		if base == nil {
			pos := 0
			for _, v := range y {
				if v {
					pos++
				}
			}
			prior = math.Log(float64(pos) / float64(n-pos))
			for i := range score {
				score[i] = prior
			}
		}
		var forest []tree
		g, h := make([]float64, n), make([]float64, n)
		for range cfg.trees {
			for i := range X {
				p := sigmoid(score[i])
				t := 0.0
				if y[i] {
					t = 1
				}
				g[i], h[i] = p-t, max(p*(1-p), 1e-6)
			}
			idx := make([]int, n)
			for i := range idx {
				idx[i] = i
			}
			var tr tree
			var grow func(idx []int, depth int) int
			grow = func(idx []int, depth int) int {
				var G, H float64
				for _, i := range idx {
					G += g[i]
					H += h[i]
				}
				node := len(tr)
				tr = append(tr, treeNode{value: -G / (H + cfg.lambda) * cfg.rate})
				if depth == cfg.depth || len(idx) < 2*cfg.minLeaf {
					return node
				}
				parent := G * G / (H + cfg.lambda)
				bestGain, bestF, bestCut := 1e-9, -1, 0.0
				for j := 1; j < nFeatures; j++ {
					for _, c := range cuts[j] {
						var gl, hl float64
						nl := 0
						for _, i := range idx {
							if X[i][j] < c {
								gl += g[i]
								hl += h[i]
								nl++
							}
						}
						if nl < cfg.minLeaf || len(idx)-nl < cfg.minLeaf {
							continue
						}
						gr, hr := G-gl, H-hl
						gain := gl*gl/(hl+cfg.lambda) + gr*gr/(hr+cfg.lambda) - parent
						if gain > bestGain {
							bestGain, bestF, bestCut = gain, j, c
						}
					}
				}
				if bestF < 0 {
					return node
				}
				var li, ri []int
				for _, i := range idx {
					if X[i][bestF] < bestCut {
						li = append(li, i)
					} else {
						ri = append(ri, i)
					}
				}
				l := grow(li, depth+1)
				r := grow(ri, depth+1)
				tr[node] = treeNode{feature: bestF, cut: bestCut, left: l, right: r}
				return node
			}
			grow(idx, 0)
			forest = append(forest, tr)
			for i := range X {
				score[i] += tr.eval(&X[i])
			}
		}
		return func(f *[nFeatures]float64) float64 {
			s := prior
			if base != nil {
				s = base(f)
			}
			for _, t := range forest {
				s += t.eval(f)
			}
			return s
		}
	}
}

func init() {
	lin := func(qs []expQuery) scorerFunc {
		X, y, _ := rows(qs)
		m := &model{Weights: fitLogistic(X, y, mythL2)}
		return m.score
	}
	for _, c := range []boostConfig{
		{trees: 100, depth: 2, minLeaf: 20, rate: 0.1, lambda: 1},
		{trees: 200, depth: 3, minLeaf: 20, rate: 0.05, lambda: 1},
		{trees: 300, depth: 3, minLeaf: 20, rate: 0.05, lambda: 1},
	} {
		experiments[sprintf("e-gbt-%d-d%d-r%g", c.trees, c.depth, c.rate)] = boosted(c)
	}
	for _, c := range []boostConfig{
		{trees: 20, depth: 2, minLeaf: 20, rate: 0.1, lambda: 1, base: lin},
		{trees: 50, depth: 2, minLeaf: 20, rate: 0.1, lambda: 1, base: lin},
		{trees: 50, depth: 3, minLeaf: 20, rate: 0.05, lambda: 1, base: lin},
	} {
		experiments[sprintf("f-lin+gbt-%d-d%d-r%g", c.trees, c.depth, c.rate)] = boosted(c)
	}
}

// top1AtFalse is the share of on-topic lines answered right at the lowest threshold with at most
// maxFalse false answers: how well a scorer separates, whatever its calibration.
func top1AtFalse(qs []expQuery, g scorerFunc, maxLine, maxFalse int) (float64, float64) {
	type top struct {
		s        float64
		on, gold bool
	}
	var tops []top
	on := 0
	for _, q := range qs {
		if maxLine > 0 && q.line >= maxLine {
			continue
		}
		best, bi := math.Inf(-1), -1
		for i := range q.eval {
			if s := g(&q.eval[i].f); s > best {
				best, bi = s, i
			}
		}
		if len(q.gold) > 0 {
			on++
		}
		if bi >= 0 {
			tops = append(tops, top{best, len(q.gold) > 0, q.goldInEval[bi]})
		}
	}
	slices.SortFunc(tops, func(a, b top) int { return cmp.Compare(b.s, a.s) })
	right, falseN, bestRight, th := 0, 0, 0, 1.0
	for _, t := range tops {
		if !t.on {
			falseN++
			if falseN > maxFalse {
				break
			}
		} else if t.gold {
			right++
		}
		if right > bestRight {
			bestRight, th = right, sigmoid(t.s)
		}
	}
	return float64(bestRight) / float64(on), th
}

// listwise fits weights with a softmax over each query's first five candidates and an abstain
// option of score 0, by gradient descent (Adam), then Platt-scales the score on the first three.
func listwise(l2 float64, platt int) fitter { return listwiseOn(l2, platt, false, 0) }

func listwiseOn(l2 float64, platt int, all20 bool, alpha float64) fitter {
	return func(qs []expQuery) scorerFunc {
		if all20 {
			qs = slices.Clone(qs)
			for i := range qs {
				qs[i].fit, qs[i].goldInFit = qs[i].eval, qs[i].goldInEval
			}
		}
		w := make([]float64, nFeatures)
		m1, m2 := make([]float64, nFeatures), make([]float64, nFeatures)
		const lr, b1, b2 = 0.05, 0.9, 0.999
		for it := 1; it <= 1500; it++ {
			grad := make([]float64, nFeatures)
			for _, q := range qs {
				z := 1.0 // the abstain option
				ps := make([]float64, len(q.fit))
				for i := range q.fit {
					s := 0.0
					for j := range w {
						s += w[j] * q.fit[i].f[j]
					}
					ps[i] = math.Exp(min(s, 50))
					z += ps[i]
				}
				for i := range q.fit {
					t := 0.0
					if q.goldInFit[i] {
						t = 1
					}
					d := ps[i]/z - t
					if alpha > 0 { // plus alpha times the pointwise logistic loss
						d += alpha * (ps[i]/(1+ps[i]) - t)
					}
					for j := range w {
						grad[j] += d * q.fit[i].f[j]
					}
				}
			}
			for j := 1; j < nFeatures; j++ {
				grad[j] += l2 * w[j]
			}
			for j := range w {
				m1[j] = b1*m1[j] + (1-b1)*grad[j]
				m2[j] = b2*m2[j] + (1-b2)*grad[j]*grad[j]
				mh, vh := m1[j]/(1-math.Pow(b1, float64(it))), m2[j]/(1-math.Pow(b2, float64(it)))
				w[j] -= lr * mh / (math.Sqrt(vh) + 1e-8)
			}
		}
		m := &model{Weights: w}
		if platt == 0 {
			return m.score
		}
		var scores []float64
		var right []bool
		for _, q := range qs {
			type sc struct {
				s    float64
				gold bool
			}
			var ss []sc
			for i := range q.fit {
				ss = append(ss, sc{m.score(&q.fit[i].f), q.goldInFit[i]})
			}
			slices.SortStableFunc(ss, func(a, b sc) int { return cmp.Compare(b.s, a.s) })
			for _, x := range ss[:min(platt, len(ss))] {
				scores = append(scores, x.s)
				right = append(right, x.gold)
			}
		}
		p := fitPlatt(scores, right)
		return func(f *[nFeatures]float64) float64 { return p[0]*m.score(f) + p[1] }
	}
}

func init() {
	for _, p := range []int{0, 1} {
		experiments[sprintf("h-listwise20-l2=0.3-platt%d", p)] = listwiseOn(0.3, p, true, 0)
		for _, a := range []float64{0.3, 1, 3} {
			experiments[sprintf("i-mixed-a=%g-platt%d", a, p)] = listwiseOn(0.3, p, false, a)
		}
		if p == 0 {
			for _, a := range []float64{0.1, 0.2, 0.5} {
				experiments[sprintf("j-mixed-a=%g", a)] = listwiseOn(0.3, 0, false, a)
			}
			for _, l2 := range []float64{0.1, 1} {
				experiments[sprintf("k-mixed-a=0.3-l2=%g", l2)] = listwiseOn(l2, 0, false, 0.3)
			}
		}
	}
	for _, l2 := range []float64{0.1, 0.3, 1, 3} {
		for _, p := range []int{0, 1, 3} {
			experiments[sprintf("g-listwise-l2=%g-platt%d", l2, p)] = listwise(l2, p)
		}
	}
}

// mixedOn fits the listwise plus alpha times pointwise loss over features expanded by ex.
func mixedOn(ex expander, l2, alpha float64, all20 bool) fitter {
	return func(qs []expQuery) scorerFunc {
		type list struct {
			x    [][]float64
			gold []bool
		}
		var lists []list
		for _, q := range qs {
			cs, gs := q.fit, q.goldInFit
			if all20 {
				cs, gs = q.eval, q.goldInEval
			}
			var l list
			for i := range cs {
				l.x = append(l.x, ex(&cs[i].f))
			}
			l.gold = gs
			lists = append(lists, l)
		}
		n := len(lists[0].x[0])
		w := make([]float64, n)
		m1, m2 := make([]float64, n), make([]float64, n)
		const lr, b1, b2 = 0.05, 0.9, 0.999
		for it := 1; it <= 1500; it++ {
			grad := make([]float64, n)
			for _, l := range lists {
				z := 1.0
				e := make([]float64, len(l.x))
				for i, x := range l.x {
					s := 0.0
					for j := range w {
						s += w[j] * x[j]
					}
					e[i] = math.Exp(min(s, 50))
					z += e[i]
				}
				for i, x := range l.x {
					d := e[i]/z + alpha*e[i]/(1+e[i])
					if l.gold[i] {
						d -= 1 + alpha
					}
					for j := range w {
						grad[j] += d * x[j]
					}
				}
			}
			for j := 1; j < n; j++ {
				grad[j] += l2 * w[j]
			}
			for j := range w {
				m1[j] = b1*m1[j] + (1-b1)*grad[j]
				m2[j] = b2*m2[j] + (1-b2)*grad[j]*grad[j]
				mh, vh := m1[j]/(1-math.Pow(b1, float64(it))), m2[j]/(1-math.Pow(b2, float64(it)))
				w[j] -= lr * mh / (math.Sqrt(vh) + 1e-8)
			}
		}
		return func(f *[nFeatures]float64) float64 {
			x := ex(f)
			s := 0.0
			for j := range x {
				s += w[j] * x[j]
			}
			return s
		}
	}
}

func init() {
	id := func(f *[nFeatures]float64) []float64 { return f[:] }
	experiments["m-mixed-same"] = mixedOn(id, 0.3, 0.3, false)
	experiments["m-mixed-20"] = mixedOn(id, 0.3, 0.3, true)
	experiments["m-mixed-cross8"] = mixedOn(allCrossesOf([]int{fRel, fMargin, fQCov, fDCov, fCos, fCore, fTopics, fRecip}), 0.3, 0.3, false)
	experiments["m-mixed-crosshint"] = mixedOn(crossesOf([][2]int{{fRel, fMargin}, {fQCov, fGroup}, {fCos, fMargin}, {fDCov, fQCov}, {fTopics, fGroup}, {fCos, fQuestion}}), 0.3, 0.3, false)
}
