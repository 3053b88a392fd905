package bot

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"factline/facts"
	"factline/facts/match"
)

// QuestionGroup is a set of similar unanswered questions: one entry of the curator's to-do list.
type QuestionGroup struct {
	Count int `json:"count"`
	// Keywords are the matcher's terms that most questions of the group share (stems, and
	// "~concept" terms that span languages), most shared first.
	Keywords []string       `json:"keywords"`
	Langs    map[string]int `json:"langs"`
	// Examples are up to MaxExamples distinct questions of the group, newest first.
	Examples []string `json:"examples"`
}

// MaxExamples caps the example questions shown per group.
const MaxExamples = 3

// groupThreshold is how much two questions must share to be grouped: the weight of their
// common terms over the weight of the smaller question's terms.
const groupThreshold = 0.5

// conceptWeight makes a shared cross-language concept ("~housing" for rent, loyers, alquiler)
// count as much as two shared words: a concept names a topic, a word may be incidental.
const conceptWeight = 2

// scrubMarks are what Scrub leaves in place of personal data: they say nothing of the topic.
var scrubMarks = regexp.MustCompile(`\[(?:link|email|mention|phone)\]`)

// GroupQuestions groups questions (newest first) that share most of their meaningful terms,
// biggest group first. Terms found in most myths of base ("immigrant", "Canada", "true") are
// ignored: in this domain nearly every question has them, so they would put every question in
// one group. base may be nil.
func GroupQuestions(qs []UnansweredQuestion, base *facts.Base) []QuestionGroup {
	background := backgroundTerms(base)
	terms := make([]map[string]float64, len(qs))
	postings := map[string][]int{}
	for i, q := range qs {
		terms[i] = map[string]float64{}
		for _, k := range match.Keywords(scrubMarks.ReplaceAllString(q.Text, " "), q.Lang) {
			if background[k] {
				continue
			}
			w := 1.0
			if strings.HasPrefix(k, "~") {
				w = conceptWeight
			}
			if _, ok := terms[i][k]; !ok {
				postings[k] = append(postings[k], i)
			}
			terms[i][k] = w
		}
	}
	parent := make([]int, len(qs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	totals := make([]float64, len(qs))
	for i, ts := range terms {
		for _, w := range ts {
			totals[i] += w
		}
	}
	seen := make([]int, len(qs)) // seen[j] == i+1: j was compared with i
	for i := range qs {
		for k := range terms[i] {
			for _, j := range postings[k] {
				// Questions already in one group need no comparing: with a popular word this
				// skips most pairs.
				if j <= i || seen[j] == i+1 || find(i) == find(j) {
					continue
				}
				seen[j] = i + 1
				if shared(terms[i], terms[j]) >= groupThreshold*min(totals[i], totals[j]) {
					parent[find(j)] = find(i)
				}
			}
		}
	}
	members := map[int][]int{}
	var roots []int
	for i := range qs {
		r := find(i)
		if members[r] == nil {
			roots = append(roots, r)
		}
		members[r] = append(members[r], i)
	}
	groups := make([]QuestionGroup, 0, len(roots))
	for _, r := range roots {
		groups = append(groups, newGroup(qs, terms, members[r]))
	}
	slices.SortStableFunc(groups, func(a, b QuestionGroup) int { return cmp.Compare(b.Count, a.Count) })
	return groups
}

// shared is the weight of the terms a and b have in common.
func shared(a, b map[string]float64) float64 {
	if len(b) < len(a) {
		a, b = b, a
	}
	var w float64
	for k, wk := range a {
		if _, ok := b[k]; ok {
			w += wk
		}
	}
	return w
}

func newGroup(qs []UnansweredQuestion, terms []map[string]float64, idx []int) QuestionGroup {
	g := QuestionGroup{Count: len(idx), Langs: map[string]int{}, Keywords: []string{}, Examples: []string{}}
	freq := map[string]int{}
	seen := map[string]bool{}
	for _, i := range idx {
		g.Langs[qs[i].Lang]++
		for k := range terms[i] {
			freq[k]++
		}
		key := strings.ToLower(strings.TrimSpace(qs[i].Text))
		if len(g.Examples) < MaxExamples && !seen[key] {
			seen[key] = true
			g.Examples = append(g.Examples, qs[i].Text)
		}
	}
	for k, n := range freq {
		if len(idx) == 1 || n*2 > len(idx) {
			g.Keywords = append(g.Keywords, k)
		}
	}
	slices.SortFunc(g.Keywords, func(a, b string) int {
		return cmp.Or(cmp.Compare(freq[b], freq[a]), cmp.Compare(a, b))
	})
	if len(g.Keywords) > 5 {
		g.Keywords = g.Keywords[:5]
	}
	return g
}

// backgroundTerms returns the terms found in the titles or claims of more than half the myths of
// base ("immigrants", "Canada"): words every question shares say nothing about its topic. Only
// titles and claims count: phrasings wander into neighbouring topics ("asylum seekers get free
// housing" is a welfare phrasing), and counting them would make "rent" background too.
func backgroundTerms(base *facts.Base) map[string]bool {
	out := map[string]bool{}
	if base == nil || len(base.Myths) == 0 {
		return out
	}
	df := map[string]int{}
	for _, m := range base.Myths {
		set := map[string]bool{}
		for _, t := range m.Texts {
			for _, s := range []string{t.Title, t.Claim} {
				for _, k := range match.Keywords(s, t.Lang) {
					set[k] = true
				}
			}
		}
		for k := range set {
			df[k]++
		}
	}
	for k, n := range df {
		if n*2 > len(base.Myths) {
			out[k] = true
		}
	}
	return out
}
