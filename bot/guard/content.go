package guard

import "strings"

// quantityGroups are the quantity words of English, French and Spanish, grouped by meaning: a
// quantity word in a model's text must be one the reviewed texts use, or a translation of one
// (a word of the same group). "Most", "twice" or "all" change a fact as surely as a number does,
// and a model can invent them without writing a digit. Several words in a row ("deux fois") are
// written with a space; words are compared folded (see scanWords).
var quantityGroups = map[string][]string{
	"double":   {"twice", "double", "doubled", "doubles", "doubling", "deux fois", "doubler", "doublent", "doublé", "doublés", "doble", "duplica", "duplicado", "duplicaron", "duplicó", "dos veces"},
	"triple":   {"thrice", "triple", "tripled", "three times", "trois fois", "triplé", "tripler", "triplica", "triplicado", "triplicó", "tres veces"},
	"half":     {"half", "halved", "halves", "moitié", "moitiés", "mitad", "mitades"},
	"quarter":  {"quarter", "quarters", "quart", "quarts"},
	"most":     {"most", "majority", "majorities", "plupart", "majorité", "majoritairement", "mayoría", "mayorías", "mayoritariamente"},
	"minority": {"minority", "minorité", "minoría"},
	"all":      {"all", "everyone", "everybody", "tous", "toutes", "todos", "todas"},
	"none":     {"none", "nobody", "no one", "aucun", "aucune", "nul", "nulle", "ninguno", "ninguna", "nadie"},
	"never":    {"never", "jamais", "nunca", "jamás"},
	"always":   {"always", "toujours", "siempre"},
}

// quantities maps the first folded word of each quantity word to its group and all its words.
var quantities = buildQuantities()

type quantityWord struct {
	words []string
	group string
}

func buildQuantities() map[string][]quantityWord {
	out := map[string][]quantityWord{}
	for group, list := range quantityGroups {
		for _, q := range list {
			var ws []string
			for _, w := range scanWords(q) {
				ws = append(ws, w.folded)
			}
			out[ws[0]] = append(out[ws[0]], quantityWord{words: ws, group: group})
		}
	}
	return out
}

// quantityGroupsIn returns the quantity groups the words use, with the words found.
func quantityGroupsIn(ws []word) map[string]string {
	found := map[string]string{}
	for i, w := range ws {
		if w.folded == "most" && i > 0 && ws[i-1].folded == "the" {
			continue // "the most educated" is a superlative, not a quantity
		}
		for _, q := range quantities[w.folded] {
			if matchesAt(ws, i, vocabEntry{words: q.words}) {
				found[q.group] = strings.Join(q.words, " ")
			}
		}
	}
	return found
}

// NoNewContent refuses output that names what the reviewed texts do not, or quantifies where
// the curated answer does not.
//
//   - Names: a word written with a capital inside a sentence ("Toronto", "Statistics Canada"),
//     an acronym anywhere ("RCMP"), and a capitalised first word followed by a capitalised word
//     must appear in reviewed (every reviewed text of the myth, in every language: a translation
//     may carry a name over from any of them), compared folded. Only Latin-script words are
//     checked: names written in another script are transliterations that cannot be compared.
//   - Quantity words ("twice", "half", "most", "la moitié", "el doble"...) must appear in
//     evidence, the curated answer the model was given, or a word of the same meaning in another
//     of the three languages (quantityGroups). Not any language's: the French answer's "jamais"
//     does not let a Spanish paraphrase say "nunca" where the Spanish answer does not.
func NoNewContent(output, evidence, reviewed string) error {
	ws := scanWords(output)
	have := foldedSet(reviewed)
	for i, w := range ws {
		if len(w.folded) < 2 || !isLatinWord(w.folded) || have[w.folded] {
			continue
		}
		name := w.acronym || w.capital && !w.start
		if w.capital && w.start && i+1 < len(ws) && ws[i+1].capital && !ws[i+1].start {
			name = true // "Statistics Canada found": the first word of a name
		}
		if name {
			return violation(ReasonNewName, "%q", w.folded)
		}
	}
	found := quantityGroupsIn(ws)
	if len(found) == 0 {
		return nil
	}
	allowed := quantityGroupsIn(scanWords(evidence))
	for group, q := range found {
		if _, ok := allowed[group]; !ok {
			return violation(ReasonQuantity, "%q", q)
		}
	}
	return nil
}

// isLatinWord reports whether a folded word has a Latin letter.
func isLatinWord(w string) bool {
	return strings.IndexFunc(w, latinLetter) >= 0
}
