package guard

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed vocabulary.txt
var vocabularyFile string

// vocabEntry is one word or run of words of the vocabulary, folded.
type vocabEntry struct {
	words  []string // folded; the last may be a prefix
	prefix bool     // the last word ends in "*"
	group  string
}

// vocabulary is the parsed vocabulary.txt: entries by their first folded word (prefix entries
// apart, as they cannot be looked up by a whole word).
var vocabulary, vocabPrefixes = parseVocabulary(vocabularyFile)

func parseVocabulary(file string) (map[string][]vocabEntry, []vocabEntry) {
	byFirst := map[string][]vocabEntry{}
	var prefixes []vocabEntry
	for n, line := range strings.Split(file, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "|")
		if len(fields) != 4 {
			panic(fmt.Sprintf("guard: vocabulary.txt line %d: want name | en | fr | es", n+1)) // the embedded file is tested
		}
		group := strings.TrimSpace(fields[0])
		for _, field := range fields[1:] {
			for _, item := range strings.Split(field, ",") {
				item = strings.TrimSpace(item)
				if item == "" {
					continue
				}
				prefix := strings.HasSuffix(item, "*")
				var ws []string
				for _, w := range scanWords(strings.TrimSuffix(item, "*")) {
					ws = append(ws, w.folded)
				}
				if len(ws) == 0 {
					continue
				}
				if prefix {
					prefixes = append(prefixes, vocabEntry{words: ws, prefix: true, group: group})
					continue
				}
				last := ws[len(ws)-1]
				for _, form := range plurals(last) {
					e := vocabEntry{words: append(ws[:len(ws)-1:len(ws)-1], form), group: group}
					byFirst[e.words[0]] = append(byFirst[e.words[0]], e)
				}
			}
		}
	}
	return byFirst, prefixes
}

// plurals returns w with the regular plurals of English, French and Spanish: -s; -es after
// s, x, z, ch, sh (English) and l, r, n, d, j (Spanish), not after other letters ("rat" is not
// "rates"); -aux for -al (French).
func plurals(w string) []string {
	out := []string{w}
	if !strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "x") {
		out = append(out, w+"s")
	}
	for _, end := range []string{"s", "x", "z", "ch", "sh", "l", "r", "n", "d", "j"} {
		if strings.HasSuffix(w, end) {
			out = append(out, w+"es")
			break
		}
	}
	if strings.HasSuffix(w, "al") {
		out = append(out, strings.TrimSuffix(w, "al")+"aux")
	}
	return out
}

// vocabularyGroups returns the groups of the vocabulary the words use, with the words found.
func vocabularyGroups(ws []word) map[string]string {
	found := map[string]string{}
	for i, w := range ws {
		for _, e := range vocabulary[w.folded] {
			if matchesAt(ws, i, e) {
				found[e.group] = strings.Join(e.words, " ")
			}
		}
		for _, e := range vocabPrefixes {
			if matchesAt(ws, i, e) {
				found[e.group] = w.folded
			}
		}
	}
	return found
}

// matchesAt reports whether entry e's words are at ws[i:].
func matchesAt(ws []word, i int, e vocabEntry) bool {
	if i+len(e.words) > len(ws) {
		return false
	}
	for k, ew := range e.words {
		w := ws[i+k].folded
		if k == len(e.words)-1 && e.prefix {
			if !strings.HasPrefix(w, ew) {
				return false
			}
		} else if w != ew {
			return false
		}
	}
	return true
}

// Dehumanising refuses output that uses the dehumanising or slur vocabulary of vocabulary.txt,
// in English, French or Spanish, unless reviewed (the myth's reviewed texts, in every language)
// uses a word of the same group: a rebuttal may quote "illegals" to answer it, and a paraphrase
// may then keep or translate the word.
func Dehumanising(output, reviewed string) error {
	found := vocabularyGroups(scanWords(output))
	if len(found) == 0 {
		return nil
	}
	allowed := vocabularyGroups(scanWords(reviewed))
	for group, w := range found {
		if _, ok := allowed[group]; !ok {
			return violation(ReasonDehumanising, "%q (%s)", w, group)
		}
	}
	return nil
}
